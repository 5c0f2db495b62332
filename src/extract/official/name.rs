//! A person's name where an office names one: honorifics and ranks before it, a
//! degree tail after it ([`titles.txt`](titles.txt)); the words between an office
//! and the name (places, departments, unit numbers: [`departments.txt`](departments.txt)).

use std::collections::HashSet;
use std::sync::LazyLock;

use crate::extract::gazetteer;
use crate::lexicon::data_lines;

const TITLES: &str = include_str!("titles.txt");
const DEPARTMENTS: &str = include_str!("departments.txt");

/// Most words a name has.
pub const MAX_NAME_WORDS: usize = 5;
/// Most words read after an office, before and in its name.
const MAX_RUN_WORDS: usize = 12;

struct Words {
    honorifics: HashSet<String>,
    ranks: HashSet<String>,
    degrees: HashSet<String>,
    not_names: HashSet<String>,
    departments: HashSet<String>,
}

static WORDS: LazyLock<Words> = LazyLock::new(|| {
    let mut section = String::new();
    let mut words = Words {
        honorifics: HashSet::new(),
        ranks: HashSet::new(),
        degrees: HashSet::new(),
        not_names: HashSet::new(),
        departments: HashSet::new(),
    };
    for line in data_lines(TITLES) {
        if let Some(name) = line.strip_prefix('[') {
            section = name.trim_end_matches(']').to_owned();
            continue;
        }
        let set = match section.as_str() {
            "honorific" => &mut words.honorifics,
            "rank" => &mut words.ranks,
            "degree" => &mut words.degrees,
            "not name" => &mut words.not_names,
            other => panic!("titles.txt: unknown section [{other}]"),
        };
        set.extend(
            line.split('|')
                .map(|w| key(w.trim()))
                .filter(|w| !w.is_empty()),
        );
    }
    for line in data_lines(DEPARTMENTS) {
        words.departments.extend(
            line.split('|')
                .map(|w| key(w.trim()))
                .filter(|w| !w.is_empty()),
        );
    }
    words
});

/// How a word is looked up: lower case, without full stops, commas or quotes.
pub fn key(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric() && c != '(' && c != ')' && c != '&')
        .replace('.', "")
        .to_lowercase()
}

/// A word of the text, with where it ends.
#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    raw: &'a str,
    end: usize,
}

/// The words of `text` up to its first line end, each with its end offset.
fn tokens(text: &str) -> impl Iterator<Item = Token<'_>> {
    let line_end = text.find('\n').unwrap_or(text.len());
    let line = &text[..line_end];
    line.split_whitespace().map(move |raw| {
        let start = raw.as_ptr() as usize - line.as_ptr() as usize;
        Token {
            raw,
            end: start + raw.len(),
        }
    })
}

/// A name read after an office.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// The name without honorifics, ranks or degrees.
    pub name: String,
    /// As written, with honorifics before it.
    pub written: String,
    /// Byte offset just after the name (before any degree).
    pub end: usize,
}

/// Whether `raw` is an academic degree ("S.Sos", "M.Si,", "MM", "S.I.K.").
pub fn is_degree(raw: &str) -> bool {
    let bare = raw.trim_end_matches([',', '.', ';', ')']);
    let dotted = bare.contains('.')
        && bare.len() <= 8
        && bare.chars().any(|c| c.is_ascii_uppercase())
        && bare.split('.').count() >= 2
        && bare.split('.').all(|p| p.len() <= 4);
    dotted || WORDS.degrees.contains(&key(bare))
}

/// Whether a word stands before a name without being part of it (an honorific or
/// a rank: "H.", "Drs", "AKBP", "Kombes", "Pol", "Letkol", "Inf").
pub fn is_title(raw: &str) -> bool {
    let k = key(raw);
    WORDS.honorifics.contains(&k) || WORDS.ranks.contains(&k)
}

fn is_rank(raw: &str) -> bool {
    WORDS.ranks.contains(&key(raw))
}

/// Whether a word can never open a name ("Tahun", "Ketua", "Jalan", a weekday).
pub fn is_not_name(raw: &str) -> bool {
    WORDS.not_names.contains(&key(raw))
}

/// Whether a word names a department or a unit ("Pendidikan", "Divisi", "II").
pub fn is_department(raw: &str) -> bool {
    WORDS.departments.contains(&key(raw))
}

/// `item` without a party to an ethics case and its number before it ("Teradu
/// II Idham Holik" → "Idham Holik").
pub fn without_party(item: &str) -> &str {
    let mut words = item.splitn(3, ' ');
    let (Some(party), Some(number), Some(rest)) = (words.next(), words.next(), words.next()) else {
        return item;
    };
    if is_party(party) && is_roman(number) {
        rest
    } else {
        item
    }
}

/// A party to an ethics case: "Teradu", "Pengadu", "Terlapor", "Pelapor".
fn is_party(word: &str) -> bool {
    matches!(
        key(word).as_str(),
        "teradu" | "pengadu" | "terlapor" | "pelapor"
    )
}

/// A Roman numeral up to 20 ("IV", "XII").
pub fn is_roman(word: &str) -> bool {
    !word.is_empty() && word.len() <= 5 && word.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

/// An initial ("M.") or an abbreviated first name ("Moh.", "Muh."): part of a name.
fn is_initial(raw: &str) -> bool {
    // "Tb." Tubagus, "Kgs." Kiagus, "Mgs." Masagus, "Rd." Raden (titles of
    // birth, part of the name); "Br." boru in Batak women's names, "Ch."
    // ("Yosef Ch. Lelo Tefa"); "Hi." Haji inside a name ("Sukri Hi. Ibrahim").
    const ABBREVIATIONS: &[&str] = &[
        "Moh.", "Muh.", "Mhd.", "Moch.", "Mochd.", "Abd.", "Muhd.", "Ach.", "Mch.", "Tb.", "Kgs.",
        "Mgs.", "Rd.", "Br.", "Ch.", "Hi.",
    ];
    let t = raw.trim_end_matches(',');
    (t.chars().count() == 2 && t.ends_with('.') && t.starts_with(|c: char| c.is_uppercase()))
        || ABBREVIATIONS.contains(&t)
}

/// A noun made with pe-…-an, per-…-an or ke-…-an ("Pemilihan", "Penandatanganan",
/// "Permintaan", "Kegiatan"), or with -itas ("Netralitas", "Integritas"): not a
/// name.
fn is_derived_noun(word: &str) -> bool {
    let w = word.to_lowercase();
    w.chars().count() >= 8
        && ((w.starts_with("pe") || w.starts_with("ke"))
            && w.ends_with("an")
            && !["wan", "man", "yan", "ran"].iter().any(|s| w.ends_with(s))
            || w.ends_with("itas"))
}

/// A verb with -kan ("Usulkan", "Digantikan", "Sosialisasikan") or a word with
/// the enclitic -nya ("Pribadinya", "Sayangnya", "Selanjutnya"), as title-case
/// headlines and glued paragraphs put them after an office: never a name's word.
fn is_inflected(word: &str) -> bool {
    let w = word.to_lowercase();
    let letters = w.chars().count();
    (letters >= 6 && w.ends_with("kan")) || (letters >= 5 && w.ends_with("nya"))
}

/// Whether a word is written in capitals ("NTB", "ASN"): an acronym, not a name.
fn is_acronym(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

/// Words that stand between an office and its holder's name: `(Sekda)`, places
/// and their administrative words ("Kabupaten Lombok Timur", "NTB", "Lotim"),
/// departments and units when `department` ("Dinas Pendidikan dan Kebudayaan",
/// "0411/Kota Metro"), and a comma. Returns the offset after them.
pub fn skip_qualifiers(rest: &str, department: bool) -> usize {
    let g = gazetteer::get();
    let mut at = 0;
    // Inside a unit's name after its number ("Danrem 174/Anim Ti Waninggap, …").
    let mut in_unit = false;
    for _ in 0..MAX_RUN_WORDS {
        let after = &rest[at..];
        let trimmed = after.trim_start_matches([' ', '\t']);
        let here = at + after.len() - trimmed.len();
        if trimmed.is_empty() || trimmed.starts_with('\n') {
            return at;
        }
        if let Some(next) = trimmed.strip_prefix(',') {
            if qualifier_after_comma(next.trim_start(), at == 0, department) {
                at = here + 1;
                continue;
            }
            return at;
        }
        // "(Sekda)", "(NTB)", "(Pj)": a short bracket.
        if trimmed.starts_with('(') {
            match trimmed[..trimmed.len().min(40)].find(')') {
                Some(close) if !trimmed[1..close].contains(' ') || close < 25 => {
                    at = here + close + 1;
                    continue;
                }
                _ => return at,
            }
        }
        if let Some(m) = g.match_at(trimmed) {
            at = here + m.end;
            // "Nusa Tenggara Barat (NTB)" is skipped by the bracket rule next.
            continue;
        }
        let word_end = trimmed
            .find([' ', '\t', '\n', ','])
            .unwrap_or(trimmed.len());
        let word = &trimmed[..word_end];
        let admin = is_admin_word(&key(word));
        // "Bone 2024. Penandatanganan …": a sentence ends; no name follows.
        if word.ends_with('.') && !admin && !is_initial(word) {
            return at;
        }
        let unit_number = word.chars().any(|c| c.is_ascii_digit()) || word.contains('/');
        in_unit |= word.contains('/');
        let unit_word = in_unit && word.starts_with(char::is_uppercase) && !is_title(word);
        if admin || unit_number || unit_word || (department && is_department(word)) {
            at = here + word_end;
            continue;
        }
        return at;
    }
    at
}

/// Whether the words after a comma still qualify the office: ", Kabupaten Gowa,
/// Andi" (a second place); ", Makassar Nursari" after a scraper's hole, a bare
/// place only when the office had none yet (`first`: "Wali Kota Bogor, Bima
/// Arya" names a person who shares a city's name); a department when the office
/// takes one.
fn qualifier_after_comma(next: &str, first: bool, department: bool) -> bool {
    let place_follows = ["Kabupaten ", "Kab. ", "Kota ", "Provinsi ", "Kecamatan "]
        .iter()
        .any(|w| next.starts_with(w))
        || gazetteer::get()
            .match_at(next)
            .is_some_and(|m| first || next[m.end..].trim_start().starts_with(','));
    let department_follows =
        department && next.split_whitespace().next().is_some_and(is_department);
    place_follows || department_follows
}

/// Administrative words of a place, and of a national body ("Ketua KPU RI Arief
/// Budiman"), compared as [`key`]s.
fn is_admin_word(k: &str) -> bool {
    matches!(
        k,
        "provinsi"
            | "prov"
            | "kabupaten"
            | "kab"
            | "kota"
            | "kecamatan"
            | "kec"
            | "desa"
            | "kelurahan"
            | "administrasi"
            | "nagari"
            | "kampung"
            | "gampong"
            | "kalurahan"
            | "kapanewon"
            | "kemantren"
            | "distrik"
            | "dusun"
            | "banjar"
            | "ri"
            | "republik"
            | "indonesia"
    )
}

/// Where a clause ends inside a word, as scraped text glues paragraphs and
/// sentences: "Kamil.Sekretaris", "Makmun,\"jelasnya", "Hartanto,SH,SIK",
/// "Syamsuar-red" (an editor's mark). The punctuation is kept, so the name
/// reader sees a word that ends a clause. An initial ("M.Lutfi") is no end.
fn glued_clause_end(rest: &str) -> usize {
    let bytes = rest.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if !matches!(b, b',' | b';' | b':' | b')' | b'.' | b'-') {
            continue;
        }
        // `b` is ASCII, so `i + 1` starts a character.
        let next_is_letter = rest[i + 1..].starts_with(|c: char| c.is_alphabetic() || c == '"');
        match b {
            b',' | b';' | b':' | b')' if next_is_letter => return i + 1,
            b'.' if next_is_letter => {
                // The letters before the full stop: one is an initial.
                let letters = rest[..i]
                    .chars()
                    .rev()
                    .take_while(|c| c.is_alphabetic())
                    .count();
                if letters > 1 {
                    return i + 1;
                }
            }
            b'-' if rest[i + 1..].starts_with("red")
                && !rest[i + 4..].starts_with(|c: char| c.is_alphanumeric()) =>
            {
                return i;
            }
            _ => {}
        }
    }
    rest.len()
}

/// The name at the start of `rest` (after the office's qualifiers): honorifics
/// and ranks skipped, up to [`MAX_NAME_WORDS`] capitalised words, ending at a
/// lower-case word, punctuation, a degree or a word that names no one. When a
/// rank follows a few unknown words ("Barelang Kombes Pol Andi Heru"), the words
/// before the rank were the unit's name.
pub fn read(rest: &str) -> Option<Name> {
    // Paragraphs a scraper joined with ".," end a clause: "Rimbawan.,Kuasa".
    let rest = match rest.find(".,") {
        Some(cut) => &rest[..cut + 1],
        None => rest,
    };
    let rest = &rest[..glued_clause_end(rest)];
    let mut run = capitalised_run(rest);
    // "Sukri Hi. Ibrahim": Haji written inside a name, as Maluku writes it; "Kombes
    // Pol Hendrikus Mayor": a capitalised rank ending a name that a rank opened,
    // where no rank can follow, is a surname. Both are the name's words.
    for i in 1..run.len() {
        let inside = key(run[i].0.raw) == "hi" && !run[i - 1].1 && i + 1 < run.len();
        let surname = is_rank(run[i].0.raw)
            && run[i].0.raw.starts_with(char::is_uppercase)
            && run[0].1
            && !run[i - 1].1
            && i + 1 == run.len();
        if inside || surname {
            run[i].1 = false;
        }
    }
    // The name starts after the last title among the first words.
    let from = run
        .iter()
        .take(MAX_NAME_WORDS + 1)
        .rposition(|(_, title)| *title)
        .map_or(0, |i| i + 1);
    let titles_written: Vec<&str> = run[..from].iter().map(|(t, _)| t.raw).collect();
    let (words, end) = name_words(rest, &run[from..])?;
    let words = trimmed(words)?;
    let name = words.join(" ");
    let written = titles_written
        .iter()
        .filter(|w| is_title(w) && !is_rank(w))
        .map(|w| w.trim_end_matches(','))
        .chain(words.iter().copied())
        .collect::<Vec<_>>()
        .join(" ");
    Some(Name { name, written, end })
}

/// The words at the start of `rest` that may be titles or a name, each with
/// whether it is a title: capitalised (or a lowercase title, "dr."), up to a
/// word that opens a quote or bracket, a degree, or the end of a clause.
fn capitalised_run(rest: &str) -> Vec<(Token<'_>, bool)> {
    let mut run = Vec::new();
    for t in tokens(rest).take(MAX_RUN_WORDS) {
        let raw = t.raw;
        // "Jenderal (Pol) Tito Karnavian", "Inspektur Jenderal (Irjen) Agus".
        let bracketed_rank =
            raw.starts_with('(') && raw.ends_with(')') && is_title(&raw[1..raw.len() - 1]);
        let title = bracketed_rank || is_title(raw);
        if !title && is_degree(raw) {
            break;
        }
        let word = raw.trim_end_matches([',', ';', ':', '.', '"', '”', '’', ')']);
        let word = if is_initial(raw) {
            raw.trim_end_matches(',')
        } else {
            word
        };
        let capitalised = word.starts_with(|c: char| c.is_uppercase()) || bracketed_rank;
        let lowercase_title = title && !capitalised; // "dr.", "bapak"
        let opens = word.starts_with(['(', '"', '“', '\'']) && !bracketed_rank;
        if opens || (!capitalised && !lowercase_title) {
            break;
        }
        run.push((t, title));
        let ends_clause = (raw.ends_with([',', ';', ':', ')', '"', '”']) && !bracketed_rank)
            || (raw.ends_with('.') && !is_initial(raw) && !title);
        if ends_clause {
            break;
        }
    }
    run
}

/// The name's words in `run` (the words after the titles) and the offset in
/// `rest` where the name ends: up to a title, an office, a word that names no
/// one, or [`MAX_NAME_WORDS`]. None when the first word is no name.
fn name_words<'a>(rest: &str, run: &[(Token<'a>, bool)]) -> Option<(Vec<&'a str>, usize)> {
    let mut words: Vec<&str> = Vec::new();
    let mut end = 0;
    for (t, title) in run {
        if *title || words.len() == MAX_NAME_WORDS {
            break;
        }
        let raw = t.raw;
        let word = if is_initial(raw) {
            raw.trim_end_matches(',')
        } else {
            raw.trim_end_matches([',', ';', ':', '.', '"', '”', '’', ')'])
        };
        let here = &rest[t.end - raw.len()..];
        let office = super::roles::find(here)
            .next()
            .is_some_and(|f| f.start == 0);
        let first = words.is_empty();
        // "Marthen Tuhumury Kastanya, S.H.": a surname in -nya, as its degree says.
        let surname = !first
            && raw.ends_with(',')
            && rest[t.end..]
                .split_whitespace()
                .next()
                .is_some_and(is_degree);
        if office
            || is_not_name(word)
            || (is_inflected(word) && !surname)
            || (first && ((is_department(word) && word.len() >= 4) || is_derived_noun(word)))
            || (is_acronym(word) && !(first && word.len() <= 2))
        {
            if words.is_empty() {
                return None;
            }
            break;
        }
        words.push(word);
        end = t.end - (raw.len() - word.len());
    }
    Some((words, end))
}

/// A name's words trimmed of what is not the name: the village before a
/// Balinese name, "HM" for "M"; None when no word is long enough or the words
/// name a place.
fn trimmed(mut words: Vec<&str>) -> Option<Vec<&str>> {
    // "Baluk I Made Sudarsana", "Legian Ni Made Ariyani": a Balinese name starts at
    // its particle; the word before it was the village.
    if let Some(p) = words.iter().skip(1).position(|w| *w == "I" || *w == "Ni") {
        if words.len() > p + 2 {
            words.drain(..=p);
        }
    }
    let long_enough = words.iter().any(|w| {
        w.trim_end_matches('.')
            .chars()
            .filter(|c| c.is_alphabetic())
            .count()
            >= 3
    });
    if words.is_empty() || !long_enough {
        return None;
    }
    // "HM Juaini Taofik": Haji Muhammad, the honorific and an initial in one word.
    if matches!(words[0], "HM" | "H.M." | "H.M") && words.len() > 1 {
        words[0] = "M";
    }
    // A place is not a person ("Bupati Lombok Timur" with no name after it; "Camat
    // Kramat Jati", the gazetteer's Kramatjati).
    let g = gazetteer::get();
    let name = words.join(" ");
    if !g.lookup(&name).is_empty() || words.len() > 1 && !g.lookup(&words.concat()).is_empty() {
        return None;
    }
    Some(words)
}

/// The name written just before an office ("Ani Suryani, Kepala BKD …", "Budi
/// selaku Ketua …"): up to [`MAX_NAME_WORDS`] capitalised words ending at `before`'s
/// end, after a comma or "selaku"/"sebagai" was stripped by the caller.
pub fn read_before(before: &str) -> Option<Name> {
    let (mut words, stop) = words_before(before);
    // "Teradu I Muhammad Afifuddin, selaku Ketua …": a party to an ethics case
    // and its number are not the name.
    if is_party(stop) && words.first().is_some_and(|w| is_roman(w)) {
        words.remove(0);
    }
    // "… Provinsi Sumatera Barat Surya Efitrimen": the office's place is not the name.
    let joined = words.join(" ");
    if let Some(place) = gazetteer::get().match_at(&joined) {
        let place_words = joined[..place.end].split_whitespace().count();
        words.drain(..place_words.min(words.len()));
    }
    let long_enough = words.iter().filter(|w| w.chars().count() >= 3).count() >= 1;
    if words.len() < 2 || !long_enough {
        return None;
    }
    let name = words.join(" ");
    if !gazetteer::get().lookup(&name).is_empty() {
        return None;
    }
    Some(Name {
        written: name.clone(),
        name,
        end: before.len(),
    })
}

/// The capitalised words that end `before`, in order (a degree at its very end
/// skipped), up to [`MAX_NAME_WORDS`], and the word the backward walk stopped at.
fn words_before(before: &str) -> (Vec<&str>, &str) {
    let mut words: Vec<&str> = Vec::new();
    let mut stop = "";
    for raw in before.split_whitespace().rev().take(MAX_NAME_WORDS + 3) {
        stop = raw;
        if is_degree(raw) && words.is_empty() {
            continue;
        }
        // "PDRI.,Decy": paragraphs a scraper glued; the name starts after them.
        let (raw, glued) = match raw.rfind(".,") {
            Some(cut) => (&raw[cut + 2..], true),
            None => (raw, false),
        };
        let word = raw.trim_end_matches([',', '.']);
        let capitalised = word.starts_with(|c: char| c.is_uppercase());
        let office = super::roles::find(word)
            .next()
            .is_some_and(|f| f.start == 0);
        if !capitalised
            || office
            || is_title(raw)
            || is_not_name(word)
            || is_acronym(word)
            || is_derived_noun(word)
            || (is_department(word) && word.len() >= 4)
        {
            break;
        }
        if raw.ends_with([',', ';', '.', ':']) && !words.is_empty() && !is_initial(raw) {
            break;
        }
        words.push(if is_initial(raw) { raw } else { word });
        if words.len() == MAX_NAME_WORDS || glued {
            break;
        }
    }
    words.reverse();
    (words, stop)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(rest: &str) -> Option<String> {
        read(rest).map(|n| n.name)
    }

    #[test]
    fn inflected_words_and_nouns_of_other_offices_are_no_names() {
        // "Bupati Usulkan Kereta Api" (a headline in a joined paragraph), "Asisten
        // pribadinya", "Inspektur Upacara", "Asisten Pelatih": no official.
        assert_eq!(read("Usulkan Kereta Api ke Pusat"), None);
        assert_eq!(read("Pribadinya, Budi"), None);
        assert_eq!(read("Upacara Bendera"), None);
        assert_eq!(read("Pelatih Timnas U-16"), None);
        // A name's words end before an inflected word.
        assert_eq!(
            read("Ridwan Kamil Sosialisasikan Program").map(|n| n.name),
            Some("Ridwan Kamil".to_owned())
        );
        assert_eq!(
            read_before("tidak dipungut PDRI.,Decy Arifinsjah").map(|n| n.name),
            Some("Decy Arifinsjah".to_owned())
        );
        // Names that end in -kan's letters are not verbs: too short.
        assert_eq!(
            read("Ikan Nasution").map(|n| n.name),
            Some("Ikan Nasution".to_owned())
        );
    }

    #[test]
    fn honorifics_ranks_and_degrees_are_not_the_name() {
        assert_eq!(
            name("Drs. H. Muhammad Juaini Taofik, M.Si mengatakan"),
            Some("Muhammad Juaini Taofik".into())
        );
        assert_eq!(
            name("dr. Hj. Nurhayati Rambe, M.Kes memimpin"),
            Some("Nurhayati Rambe".into())
        );
        assert_eq!(
            name("AKBP Bernhard Lumban Gaol, S.I.K., M.H. hadir"),
            Some("Bernhard Lumban Gaol".into())
        );
        assert_eq!(
            name("Letkol Inf Rio Adhitama, yang"),
            Some("Rio Adhitama".into())
        );
        assert_eq!(
            name("Kombes Pol Andi Heru Prasetyo, S.I.K., M.Si. Andi"),
            Some("Andi Heru Prasetyo".into())
        );
        // A unit's name before the rank: "Kapolresta Barelang Kombes Pol Andi".
        assert_eq!(
            name("Barelang Kombes Pol Andi Heru Prasetyo, hadir"),
            Some("Andi Heru Prasetyo".into())
        );
        assert_eq!(
            name("Yohanes Yogi Kotouki, S.Sos., M.Si., memimpin"),
            Some("Yohanes Yogi Kotouki".into())
        );
        assert_eq!(
            name("Said Akhmad Fahmi, S.Sos., M.AP, memimpin"),
            Some("Said Akhmad Fahmi".into())
        );
    }

    #[test]
    fn particles_and_initials_are_part_of_the_name() {
        assert_eq!(
            name("I Gusti Ngurah Arya Wiraguna menegaskan"),
            Some("I Gusti Ngurah Arya Wiraguna".into())
        );
        assert_eq!(
            name("Anak Agung Gede Wiratama menyampaikan"),
            Some("Anak Agung Gede Wiratama".into())
        );
        assert_eq!(
            name("M. Juaini Taofik, dalam"),
            Some("M. Juaini Taofik".into())
        );
        assert_eq!(
            name("Moh. Ramdhan Pomanto, menyebut"),
            Some("Moh. Ramdhan Pomanto".into())
        );
        assert_eq!(
            name("FX Hadi Rudyatmo mengatakan"),
            Some("FX Hadi Rudyatmo".into())
        );
    }

    #[test]
    fn words_that_name_no_one_are_not_names() {
        for rest in [
            "Tahun 2024 digelar",
            "Jalan Prapanca Raya",
            "Minta ASN Netral",
            "ASN dan PPPK",
            "Lombok Timur mengatakan",
            "Kepala Desa hadir",
            "itu mengatakan",
        ] {
            assert_eq!(name(rest), None, "{rest}");
        }
    }

    #[test]
    fn qualifiers_between_an_office_and_a_name_are_skipped() {
        let skip = |rest: &str, department: bool| {
            rest[skip_qualifiers(rest, department)..]
                .trim_start()
                .to_owned()
        };
        assert_eq!(skip(" Lombok Timur (Lotim), Drs H", false), ", Drs H");
        assert_eq!(skip(" Kabupaten Lebak, Budi", false), ", Budi");
        assert_eq!(
            skip(" Administrasi Jakarta Utara Mochamad Iqbal", false),
            "Mochamad Iqbal"
        );
        assert_eq!(
            skip(" Pendidikan dan Kebudayaan Kotim, Muhammad", true),
            ", Muhammad"
        );
        assert_eq!(
            skip(" 0411/Kota Metro Letkol Inf Rio", false),
            "Letkol Inf Rio"
        );
        assert_eq!(skip(" Pendidikan Ahmad", false), "Pendidikan Ahmad");
        // A name does not run over a line end (a photo credit, then the story).
        assert_eq!(name("\nHassanudin"), None);
    }

    #[test]
    fn a_name_before_an_office() {
        assert_eq!(
            read_before("kata Ani Suryani").map(|n| n.name),
            Some("Ani Suryani".into())
        );
        assert_eq!(
            read_before("Menurut Hendri Syofyan, S.Sos").map(|n| n.name),
            Some("Hendri Syofyan".into())
        );
        assert_eq!(read_before("ujar dia"), None);
        assert_eq!(read_before("Kegiatan di Lombok Timur"), None);
    }

    #[test]
    fn a_clause_glued_to_a_name_ends_it() {
        let name = |s: &str| read(s).map(|n| n.name);
        assert_eq!(
            name("Ridwan Kamil.Sekretaris Daerah"),
            Some("Ridwan Kamil".into())
        );
        assert_eq!(name("Annas Makmun,\"jelasnya"), Some("Annas Makmun".into()));
        assert_eq!(
            name("Dadang Hartanto,SH,SIK,MSi"),
            Some("Dadang Hartanto".into())
        );
        assert_eq!(name("Syamsuar-red"), Some("Syamsuar".into()));
        assert_eq!(name("M.Lutfi hadir"), Some("M.Lutfi".into()));
        // Multibyte text around the punctuation is no boundary trouble.
        assert_eq!(
            glued_clause_end("Toba,” kata Susi"),
            "Toba,” kata Susi".len()
        );
    }
}
