//! Officials named with a role: [`Article`] → [`Official`]s.
//!
//! A role from `roles.txt` ("Pj Gubernur", "Sekretaris Daerah (Sekda)", "Ketua
//! Panwascam", …), then optionally the place it governs ("NTB", "Nusa Tenggara Barat
//! (NTB)", "Kabupaten Lebak", "Lotim"), an optional comma, honorifics (Drs, H., Hj.,
//! Dr., Ir., Prof., ranks), and a name of one to four capitalised words, ending
//! before a lower-case word, punctuation or an academic degree (S.Sos, M.Si, …):
//!
//! - "Pj Gubernur NTB, Hassanudin" → Pj Gubernur / Hassanudin
//! - "Pj Bupati Lotim, Drs Muhammad Juaini Taofik" → Pj Bupati / Muhammad Juaini Taofik
//! - "Sekretaris Daerah (Sekda) Kabupaten Lebak, Budi Santoso" → Sekda / Budi Santoso
//!
//! Spellings of one person under one role in an article are merged ([`same_person`]):
//! "M. Juaini Taofik" and "Juaini Taofik" are one official, named by the fullest
//! spelling, with every spelling kept in `as_written`.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::gazetteer;
use super::Official;
use crate::article::Article;
use crate::lexicon::{data_lines, one_edit_apart};

const ROLES: &str = include_str!("roles.txt");

struct Lexicon {
    pattern: Regex,
    /// Normalised written form → role.
    roles: HashMap<String, String>,
    /// Role names as written in `roles.txt`.
    names: Vec<String>,
}

fn normalized(form: &str) -> String {
    form.to_lowercase()
        .replace('.', "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut roles = HashMap::new();
    let mut forms = Vec::new();
    let mut names = Vec::new();
    for line in data_lines(ROLES) {
        let Some((role, written)) = line.split_once('=') else {
            continue;
        };
        let role = role.trim().to_owned();
        names.push(role.clone());
        for form in written.split('|').map(str::trim).filter(|f| !f.is_empty()) {
            roles.insert(normalized(form), role.clone());
            forms.push(form.to_owned());
        }
    }
    forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
    let alternatives: Vec<String> = forms
        .iter()
        .map(|f| {
            regex::escape(f)
                .replace(' ', r"\s+")
                .replace("Pj", r"Pj\.?")
                .replace("Plt", r"Plt\.?")
        })
        .collect();
    // The end of a match is checked in code: `\b` cannot follow "(Sekda)".
    let pattern = Regex::new(&format!(r"(?i)(?-u:\b)(?:{})", alternatives.join("|")))
        .expect("valid role regex");
    Lexicon {
        pattern,
        roles,
        names,
    }
});

/// The role a user's words start with ("pj gubernur hassanudin" → "Pj Gubernur"),
/// the longest that fits.
pub fn role_prefix(words: &str) -> Option<&'static str> {
    let lower = words.trim().to_lowercase();
    LEXICON
        .names
        .iter()
        .filter(|role| {
            let r = role.to_lowercase();
            lower == r || lower.starts_with(&format!("{r} ")) || lower.starts_with(&format!("{r}/"))
        })
        .max_by_key(|role| role.len())
        .map(String::as_str)
}

/// Words before a name that are not part of it.
const HONORIFICS: &[&str] = &[
    "petahana",
    "nonaktif",
    "definitif",
    "drs",
    "dra",
    "h",
    "hj",
    "dr",
    "ir",
    "prof",
    "kh",
    "hc",
    "mayjen",
    "brigjen",
    "letjen",
    "kolonel",
    "letkol",
    "mayor",
    "kapten",
    "tni",
    "purn",
    "(purn)",
    "pol",
    "kombes",
    "akbp",
    "akp",
    "irjen",
    "bapak",
    "ibu",
    "sdr",
];

/// Capitalised words that are not (part of) a person's name: clause openers,
/// weekdays, institutions and buildings.
const NOT_NAMES: &[&str] = &[
    "dalam",
    "saat",
    "selain",
    "dan",
    "yang",
    "di",
    "ke",
    "pada",
    "untuk",
    "bersama",
    "juga",
    "itu",
    "ini",
    "menurut",
    "kata",
    "kepada",
    "beserta",
    "serta",
    "sebagai",
    "se",
    "dengan",
    "melalui",
    "mengatakan",
    "menyampaikan",
    "menegaskan",
    "meminta",
    "bahwa",
    "sedangkan",
    "senin",
    "selasa",
    "rabu",
    "kamis",
    "jumat",
    "jum'at",
    "sabtu",
    "minggu",
    "pemerintah",
    "pemkab",
    "pemkot",
    "pemprov",
    "kantor",
    "aula",
    "provinsi",
    "kabupaten",
    "kota",
    "kecamatan",
    "desa",
    "kelurahan",
    "daerah",
    "badan",
    "dinas",
    "sekretariat",
    "setda",
    "rumah",
    "jabatan",
    "pendopo",
    "gedung",
    "halaman",
    "lingkup",
    "periode",
    "terpilih",
    "ia",
    "dia",
    "mereka",
    "hal",
    "acara",
    "kegiatan",
    "nomor",
    "no",
    "senior",
    "bank",
    "peraturan",
    "keputusan",
    "instruksi",
    "surat",
    "edaran",
];

fn is_degree(token: &str) -> bool {
    // S.Sos, M.Si, S.H., MM, M.Pd, S.E, S.IP, ST, MH, M.AP, M.Kes, S.STP, M.Sc
    let bare = token.trim_end_matches([',', '.']);
    let dotted = bare.contains('.')
        && bare.len() <= 7
        && bare.chars().filter(char::is_ascii_uppercase).count() >= 1;
    dotted
        && !bare.ends_with('.')
        && bare.split('.').count() >= 2
        && bare.split('.').all(|p| p.len() <= 4)
        || matches!(
            bare,
            "MM" | "MH" | "ST" | "SH" | "SE" | "MSi" | "MPd" | "MAP"
        )
}

/// The name right at the start of `rest`: (name without honorifics, as written).
fn name_at(rest: &str) -> Option<(String, String)> {
    let mut words: Vec<String> = Vec::new();
    let mut written: Vec<String> = Vec::new();
    // A name does not run over a line end ("Pj Gubernur NTB, Hassanudin" as a
    // photo credit, then the story).
    let line = rest.split('\n').next().unwrap_or("");
    // Nor over clause punctuation, even inside a token: "Ridwan Kamil.,Ridwan".
    let line = match line.find([';', ':', '(', ')', '"', '“', '”']) {
        Some(end) => &line[..end],
        None => line,
    };
    let line = match line.find(".,") {
        Some(end) => &line[..end + 1],
        None => line,
    };
    for raw in line.split_whitespace().take(8) {
        let token = raw.trim_end_matches([',', ';', ':', '.', '"', '”', '’']);
        let ends_clause = raw.len() != token.len() && !(raw.ends_with('.') && is_initial(raw));
        let key = token.trim_end_matches('.').to_lowercase();
        if words.is_empty() && HONORIFICS.contains(&key.as_str()) {
            if ends_clause && !raw.ends_with('.') {
                return None;
            }
            written.push(raw.trim_end_matches(',').to_owned());
            continue;
        }
        if is_degree(raw) {
            break;
        }
        let capitalised = token.chars().next().is_some_and(char::is_uppercase);
        let acronym = token.len() >= 2 && token.chars().all(|c| c.is_ascii_uppercase());
        if !capitalised || acronym || NOT_NAMES.contains(&key.as_str()) {
            break;
        }
        let word = if is_initial(raw) { raw } else { token };
        words.push(word.to_owned());
        written.push(word.to_owned());
        if ends_clause || words.len() == 4 {
            break;
        }
    }
    let long_enough = words
        .iter()
        .any(|w| w.trim_end_matches('.').chars().count() >= 3);
    (long_enough && !words.is_empty()).then(|| (words.join(" "), written.join(" ")))
}

/// Abbreviated first names written with a full stop.
const NAME_ABBREVIATIONS: &[&str] = &[
    "Moh.", "Muh.", "Mhd.", "Moch.", "Mochd.", "Abd.", "Muhd.", "Ach.",
];

/// An initial ("M.") or an abbreviated first name ("Moh."): part of a name.
fn is_initial(raw: &str) -> bool {
    let t = raw.trim_end_matches(',');
    (t.len() == 2 && t.ends_with('.') && t.starts_with(|c: char| c.is_ascii_uppercase()))
        || NAME_ABBREVIATIONS.contains(&t)
}

/// Skips the places a role governs: "NTB", "Nusa Tenggara Barat (NTB)",
/// "Kabupaten Lebak", "Somba Opu, Kabupaten Gowa". Returns the offset after them.
fn skip_places(rest: &str) -> usize {
    let first = skip_place(rest);
    if first == 0 {
        return 0;
    }
    // A second place after a comma, named as such: "Camat Somba Opu, Kabupaten
    // Gowa, Andi Sulaiman" (but "Wali Kota Bogor, Bima Arya" is a person).
    const ADMIN: [&str; 5] = ["Kabupaten ", "Kab. ", "Kota ", "Provinsi ", "Kecamatan "];
    match rest[first..]
        .strip_prefix(',')
        .filter(|after| ADMIN.iter().any(|w| after.trim_start().starts_with(w)))
    {
        Some(after) => match skip_place(after) {
            0 => first,
            second => rest.len() - after.len() + second,
        },
        None => first,
    }
}

/// Skips one place. Returns the offset after it (0 when there is none).
fn skip_place(rest: &str) -> usize {
    let g = gazetteer::get();
    let mut at = rest.len() - rest.trim_start().len();
    for prefix in [
        "Provinsi ",
        "Kabupaten ",
        "Kab. ",
        "Kota ",
        "Kecamatan ",
        "Kec. ",
        "Desa ",
        "Kelurahan ",
    ] {
        if rest[at..].starts_with(prefix) {
            at += prefix.len();
            break;
        }
    }
    let Some(first) = g.find(&rest[at..]).into_iter().next() else {
        return 0;
    };
    if first.start != 0 {
        return 0;
    }
    at += first.end;
    // "Nusa Tenggara Barat (NTB)"
    let after = &rest[at..];
    let trimmed = after.trim_start();
    if trimmed.starts_with('(') {
        if let Some(close) = trimmed.find(')') {
            at += after.len() - trimmed.len() + close + 1;
        }
    }
    at
}

/// The officials of an article.
pub fn extract(article: &Article) -> Vec<Official> {
    let lex = &*LEXICON;
    let g = gazetteer::get();
    let mut found: Vec<Official> = Vec::new();
    // A title-case headline capitalises every word, so a name cannot be told from
    // the words after it ("Wali Kota Bogor Pimpin Apel …"): titles count only when
    // written as a sentence.
    let title = article
        .own_title()
        .filter(|t| !is_title_case(t))
        .unwrap_or("");
    for text in [title, article.body.as_str()] {
        for m in lex.pattern.find_iter(text) {
            let Some(role) = lex.roles.get(&normalized(m.as_str())) else {
                continue;
            };
            let rest = &text[m.end()..];
            // "Deputi Gubernur Senior Bank Indonesia" is not a regional head.
            let deputy = text[..m.start()]
                .trim_end()
                .to_lowercase()
                .ends_with("deputi");
            if rest.starts_with(char::is_alphanumeric) || deputy {
                continue;
            }
            let mut at = skip_places(rest);
            let after = rest[at..].trim_start();
            at = rest.len() - after.len();
            if let Some(stripped) = after.strip_prefix(',') {
                at = rest.len() - stripped.trim_start().len();
            }
            let Some((name, written)) = name_at(&rest[at..]) else {
                continue;
            };
            if !g.lookup(&name).is_empty()
                || lex.names.iter().any(|r| r.eq_ignore_ascii_case(&name))
            {
                continue;
            }
            add(&mut found, role, name, written);
        }
    }
    for official in &mut found {
        add_later_mentions(official, &article.body);
    }
    found
}

/// Most words capitalised: a headline in title case.
fn is_title_case(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let capitalised = words
        .iter()
        .filter(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
        })
        .count();
    words.len() >= 3 && capitalised * 10 >= words.len() * 7
}

fn add(found: &mut Vec<Official>, role: &str, name: String, written: String) {
    if let Some(known) = found
        .iter_mut()
        .find(|o| o.role == role && same_person(&o.name, &name))
    {
        if better_name(&name, &known.name) {
            known.name = name;
        }
        if !known.as_written.contains(&written) {
            known.as_written.push(written);
        }
        return;
    }
    found.push(Official {
        role: role.to_owned(),
        name,
        as_written: vec![written],
    });
}

/// "Juaini Taofik" after "Pj Bupati … M. Juaini Taofik": the same person, later.
fn add_later_mentions(official: &mut Official, body: &str) {
    let tokens: Vec<&str> = official.name.split(' ').collect();
    if tokens.len() < 3 {
        return;
    }
    let tail = tokens[tokens.len() - 2..].join(" ");
    let spelled_with_tail_only = body.match_indices(&tail).any(|(i, _)| {
        let before = body[..i].trim_end();
        !official
            .as_written
            .iter()
            .any(|w| w != &tail && before.ends_with(w.trim_end_matches(&tail).trim_end()))
    });
    if spelled_with_tail_only && !official.as_written.contains(&tail) {
        official.as_written.push(tail);
    }
}

fn tokens(name: &str) -> Vec<String> {
    name.split_whitespace().map(|t| t.to_lowercase()).collect()
}

/// Whether two spellings name one person: one is the other's last words ("Juaini
/// Taofik" in "Muhammad Juaini Taofik"), or its first and last words with a middle
/// name left out ("Anies Baswedan", "Anies Rasyid Baswedan"), initials stand for
/// words ("M." for "Muhammad"), or a long word differs by one letter ("Hasanudin",
/// "Hassanudin").
pub fn same_person(a: &str, b: &str) -> bool {
    let (ta, tb) = (tokens(a), tokens(b));
    let (long, short) = if ta.len() >= tb.len() {
        (&ta, &tb)
    } else {
        (&tb, &ta)
    };
    if short.is_empty() {
        return false;
    }
    let token_match = |x: &str, y: &str| {
        let (xi, yi) = (x.trim_end_matches('.'), y.trim_end_matches('.'));
        x == y
            || (x.ends_with('.') && yi.starts_with(xi))
            || (y.ends_with('.') && xi.starts_with(yi))
            || (xi.chars().count() >= 6 && one_edit_apart(xi, yi))
    };
    if short.len() == long.len() {
        return short
            .iter()
            .zip(long.iter())
            .all(|(x, y)| token_match(x, y));
    }
    // A middle name left out: "Anies Baswedan", "Anies Rasyid Baswedan".
    if short.len() >= 2
        && token_match(&short[0], &long[0])
        && token_match(&short[short.len() - 1], &long[long.len() - 1])
        && short[1..short.len() - 1]
            .iter()
            .all(|t| long[1..long.len() - 1].contains(t))
    {
        return true;
    }
    // A shorter spelling is the longer one's last words (at least two of them).
    short.len() >= 2
        && long[long.len() - short.len()..]
            .iter()
            .zip(short.iter())
            .all(|(x, y)| token_match(x, y))
}

/// Whether `a` is a fuller spelling than `b`: more words, then fewer initials.
pub fn better_name(a: &str, b: &str) -> bool {
    let initials = |n: &str| n.split_whitespace().filter(|t| t.ends_with('.')).count();
    let (wa, wb) = (a.split_whitespace().count(), b.split_whitespace().count());
    wa > wb || (wa == wb && initials(a) < initials(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{parse, Meta};

    fn officials(text: &str) -> Vec<(String, String)> {
        extract(&parse(text, &Meta::default()))
            .into_iter()
            .map(|o| (o.role, o.name))
            .collect()
    }

    fn pair(role: &str, name: &str) -> (String, String) {
        (role.to_owned(), name.to_owned())
    }

    #[test]
    fn roles_places_commas_and_honorifics() {
        assert_eq!(
            officials("Judul Berita Netralitas Yang Cukup Panjang\n\nPj Bupati Lotim, Drs Muhammad Juaini Taofik mengatakan netral."),
            [pair("Pj Bupati", "Muhammad Juaini Taofik")]
        );
        assert_eq!(
            officials("Judul Berita Netralitas Yang Cukup Panjang\n\nPenjabat (Pj) Gubernur Nusa Tenggara Barat, Lalu Gita Ariadi memimpin apel."),
            [pair("Pj Gubernur", "Lalu Gita Ariadi")]
        );
        assert_eq!(
            officials("Judul Berita Netralitas Yang Cukup Panjang\n\nSekretaris Daerah (Sekda) Kabupaten Lebak, Budi Santoso, S.Sos, M.Si membuka acara."),
            [pair("Sekda", "Budi Santoso")]
        );
        assert_eq!(
            officials("Judul Berita Netralitas Yang Cukup Panjang\n\nHadir Wali Kota Bima H. Muhammad Lutfi dan Camat Rasanae Barat, Ahmad."),
            [pair("Wali Kota", "Muhammad Lutfi"), pair("Camat", "Ahmad")]
        );
    }

    #[test]
    fn a_role_without_a_name_is_not_an_official() {
        assert_eq!(
            officials("Judul Berita Netralitas Yang Cukup Panjang\n\njelas Pj Gubernur NTB itu. Menurut Sekda, ASN netral. Kepala Desa dan Perangkat Desa hadir."),
            Vec::<(String, String)>::new()
        );
        // Regression (seeds 002, 003): a building, a weekday, a credit line.
        assert_eq!(
            officials("Judul Berita Netralitas Yang Cukup Panjang\n\nDi Aula Kantor Bupati Pemerintah Kabupaten Lombok Timur, Kamis. Bersama Kades Kamis (19/9/2024).\nPj Gubernur NTB, Hassanudin\n\nPenilaian itu disampaikan."),
            [pair("Pj Gubernur", "Hassanudin")]
        );
    }

    #[test]
    fn regressions_from_the_f1_articles() {
        // A person named like a place, an abbreviated first name, two places.
        assert_eq!(
            officials("Judul Berita Netralitas Yang Cukup Panjang\n\nWali Kota Bogor, Bima Arya, memimpin apel."),
            [pair("Wali Kota", "Bima Arya")]
        );
        assert_eq!(
            officials("Judul Berita Netralitas Yang Cukup Panjang\n\nWali Kota Makassar, Moh. Ramdhan Pomanto, menyebut itu."),
            [pair("Wali Kota", "Moh. Ramdhan Pomanto")]
        );
        assert_eq!(
            officials("Judul Berita Netralitas Yang Cukup Panjang\n\nCamat Somba Opu, Kabupaten Gowa, Andi Sulaiman, mengajak ASN."),
            [pair("Camat", "Andi Sulaiman")]
        );
        // A title-case headline names no one: "Pimpin Apel Netralitas" is not a name.
        assert_eq!(
            officials("Wali Kota Bogor Pimpin Apel Netralitas ASN\n\nApel digelar di balai kota."),
            Vec::<(String, String)>::new()
        );
    }

    #[test]
    fn regressions_from_general_news() {
        // Found by counting officials over the 28k-article test corpus.
        let text = "Judul Berita Netralitas Yang Cukup Panjang\n\n\
            Peraturan Gubernur Nomor 12 Tahun 2019 berlaku. \
            Deputi Gubernur Senior Bank Indonesia Destry Damayanti hadir. \
            Gubernur petahana dan Gubernur Petahana Basuki Tjahaja Purnama datang.";
        assert_eq!(
            officials(text),
            [pair("Gubernur", "Basuki Tjahaja Purnama")]
        );
        assert!(same_person("Anies Baswedan", "Anies Rasyid Baswedan"));
        // Paragraphs joined by "," in scraped text.
        assert_eq!(
            officials("Judul Berita Netralitas Yang Cukup Panjang\n\nitu kata Gubernur Jawa Barat Ridwan Kamil.,Ridwan Kamil menambahkan."),
            [pair("Gubernur", "Ridwan Kamil")]
        );
        assert!(!same_person("Anies Baswedan", "Anies Matta"));
    }

    #[test]
    fn spellings_of_one_person_are_merged() {
        let all = extract(&parse(
            "Judul Berita Netralitas Yang Cukup Panjang\n\nPj. Bupati Lombok Timur M. Juaini Taofik, dalam sambutannya. \"Netral,\" ucap Juaini Taofik.",
            &Meta::default(),
        ));
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].name, "M. Juaini Taofik");
        assert_eq!(all[0].as_written, ["M. Juaini Taofik", "Juaini Taofik"]);
        assert!(same_person("Hasanudin", "Hassanudin"));
        assert!(same_person("M. Juaini Taofik", "Muhammad Juaini Taofik"));
        assert!(same_person(
            "Juaini Taofik",
            "Drs Muhammad Juaini Taofik".trim_start_matches("Drs ")
        ));
        assert!(!same_person("Budi Santoso", "Budi Susanto Wijaya"));
        assert!(!same_person("Ahmad", "Ahmadi Yusuf"));
        assert!(better_name("Muhammad Juaini Taofik", "M. Juaini Taofik"));
    }
}
