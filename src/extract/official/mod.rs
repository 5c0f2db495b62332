//! Officials named with their office: [`Article`] → [`Official`]s.
//!
//! - [`roles`]: the offices and their written forms, acting offices apart
//!   ("Penjabat Sementara (Pjs) Bupati" is `Pjs Bupati`, not `Bupati`);
//! - [`name`]: the words between an office and its holder (places, departments,
//!   unit numbers), honorifics and ranks before the name, degrees after it.
//!
//! An office followed by a name names an official: "Pj Gubernur NTB, Hassanudin",
//! "Kapolresta Barelang Kombes Pol Andi Heru Prasetyo", "Kepala Dinas Pendidikan
//! dan Kebudayaan Kotim, Muhammad Irfansyah". An office after a name does too when
//! a comma, "selaku"/"sebagai" or "yang juga" joins them ("Ani Suryani, Kepala BKD
//! Kalbar, …"), and a list of names shares an office after "masing-masing
//! selaku" ("Teradu II Idham Holik. Teradu III Yulianto Sudrajat, masing-masing
//! selaku anggota KPU", as DKPP's rulings list the parties).
//!
//! Who counts (the rubric of `tests/facets/README.md`): not a former holder
//! ("mantan", "almarhum"), a candidate ("calon Bupati"), nor one who "diwakili"
//! (was represented); not one named only in asides about a similar event held
//! before ("Sebelumnya, Pj Bupati Pringsewu … juga telah menggelar apel serupa");
//! not a name in a headline written in title case, where a verb cannot be told
//! from a name ("Pj Bupati Minta ASN Netral"). The official who led the pledge
//! (led, read, signed) is marked.
//!
//! One person, one entry: spellings of one person under one office are merged
//! ([`same_person`], the fullest spelling kept, every spelling in `as_written`); a
//! surname or first name alone joins the full name; a person named under an office
//! and its acting form ("Bupati Agus", "Pjs Bupati Agus Triyono") is listed under
//! the acting one.
//!
//! Linear time: every look-ahead and look-behind is bounded, and an article
//! naming more than [`MAX_PEOPLE_PER_ROLE`] people under one office (a list) keeps
//! the first ones.

pub mod name;
pub mod roles;

use std::collections::HashMap;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;

use super::Official;
use crate::article::Article;
use crate::lexicon::one_edit_apart;

pub use roles::role_prefix;

/// Offices of a village or a district, whose place the gazetteer may not know.
const VILLAGE_ROLES: [&str; 3] = ["Camat", "Lurah", "Kepala Desa"];

/// Bytes read after an office for its qualifiers and holder.
const LOOK_AHEAD: usize = 240;
/// Bytes read before an office (for "mantan", a name before it, "dipimpin oleh").
const LOOK_BEHIND: usize = 80;
/// People kept per office in one article.
pub const MAX_PEOPLE_PER_ROLE: usize = 100;

/// Words before an office that make its holder not a present actor.
///
/// A former holder ("mantan"), a candidate ("calon", "pemilihan Bupati"), an
/// office as a building ("Kantor Bupati Jayapura, Gunung Merah"), an office
/// named by a document ("surat edaran Menteri PANRB", "ditandatangani Mendagri",
/// "instruksi Penjabat Gubernur"), the second of a pair of offices ("Bupati dan
/// Wakil Bupati").
static NOT_ACTING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:(?-u:\b)(?:mantan|eks|almarhum|almarhumah|alm\.?|purnawirawan|calon|cabup|cawabup|cagub|cawagub|cawalkot|bakal|era|pendahulu|pemilihan|pilkada|kandidat|kantor|rumah\s+jabatan|rujab|pendopo|gedung|halaman|aula|edaran|instruksi|keputusan|peraturan|ditandatangani|diteken|sk|se|(?:bupati|gubernur|wali\s*kota|walikota)\s+dan)\s*)$")
        .expect("valid regex")
});

/// Words after a name that say its holder did not come ("… yang diwakili oleh").
static REPRESENTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:[^.;\n]|\.\S){0,80}?(?-u:\b)(?:diwakili|berhalangan|tidak hadir|batal hadir|diberhentikan|dinonaktifkan)(?-u:\b)")
        .expect("valid regex")
});

/// Words right after a name that put its office in the past ("Gubernur DKI Basuki
/// Tjahaja Purnama saat itu mengajukan kasasi"): a former holder.
static THEN_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s,]*(?:yang\s+)?(?:saat|ketika|kala|waktu|pada\s+saat)\s+itu(?-u:\b)")
        .expect("valid regex")
});

static RANK_AFTER_INSPEKTUR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:jenderal|jendral|polisi|satu|dua|pembantu)(?-u:\b)")
        .expect("valid regex")
});

/// Words that say the official led the pledge: after the name ("… memimpin apel")
/// or before the office ("dipimpin langsung oleh Bupati …", "diawali oleh Sekda …":
/// who signs first leads the signing).
static LED_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:[^.;\n]|\.\S){0,80}?(?-u:\b)(?:memimpin|membacakan|mengucapkan|menandatangani|memandu|mengikrarkan|mendeklarasikan|mengawali)(?-u:\b)")
        .expect("valid regex")
});
static LED_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:dipimpin|dibacakan|dipandu|diikrarkan|dideklarasikan|diawali)(?:\s+langsung)?\s+oleh\s*$")
        .expect("valid regex")
});

/// A sentence about a similar event held before, elsewhere ("Sebelumnya, Pj Bupati
/// Pringsewu … juga telah menggelar apel serupa pekan lalu", "Kegiatan serupa
/// sebelumnya telah digelar Pemerintah Kota Bekasi … dipimpin Pj Wali Kota
/// Bekasi"): its officials are named in passing.
static SIMILAR_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?-u:\b)serupa(?-u:\b)").expect("valid regex"));
static BEFORE_NOW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:sebelumnya|telah|sudah|lalu)(?-u:\b)").expect("valid regex")
});
/// Bytes read each way from an office for its sentence.
const SENTENCE_REACH: usize = 300;

/// One office-and-name found in the text.
struct Mention {
    role: usize,
    name: name::Name,
    led: bool,
    /// Named in a sentence about a similar event held before ([`SIMILAR_BEFORE`]).
    aside: bool,
}

/// The sentence around `line[start..end]`, read at most [`SENTENCE_REACH`] bytes
/// each way.
fn sentence_around(line: &str, start: usize, end: usize) -> &str {
    let from = floor_char(line, start.saturating_sub(SENTENCE_REACH));
    let to = floor_char(line, (end + SENTENCE_REACH).min(line.len()));
    let stop = |s: &str| s.find(". ").map(|i| i + 1);
    let begin = line[from..start].rfind(". ").map_or(from, |i| from + i + 2);
    let finish = stop(&line[end..to]).map_or(to, |i| end + i);
    &line[begin..finish]
}

/// The officials of an article.
pub fn extract(article: &Article) -> Vec<Official> {
    let mut people = People::default();
    // A title-case headline capitalises every word, so a name cannot be told from
    // the words after it ("Wali Kota Bogor Pimpin Apel …"): titles count only when
    // written as a sentence, and so do lines of the body.
    let title = article
        .own_title()
        .filter(|t| !is_title_case(t))
        .unwrap_or("");
    for text in [title, article.body.as_str()] {
        for line in text.split('\n') {
            if is_title_case(line) {
                continue;
            }
            for m in mentions(line).chain(shared_office(line)) {
                people.add(m);
            }
        }
    }
    people.finish(&article.body)
}

/// Offices and their holders in one line of text.
fn mentions(line: &str) -> impl Iterator<Item = Mention> + '_ {
    roles::find(line).filter_map(move |found| {
        let role = roles::role(found.role);
        let behind_start = floor_char(line, found.start.saturating_sub(LOOK_BEHIND));
        let behind = &line[behind_start..found.start];
        if NOT_ACTING.is_match(behind) {
            return None;
        }
        let ahead_end = floor_char(line, (found.end + LOOK_AHEAD).min(line.len()));
        let rest = &line[found.end..ahead_end];
        // "Inspektur Jenderal (Irjen)" is a police rank, not the inspectorate's head.
        if role.name == "Inspektur" && RANK_AFTER_INSPEKTUR.is_match(rest) {
            return None;
        }
        // "Wali Kota London Sadiq Khan": an office abroad.
        if is_abroad(rest) {
            return None;
        }
        let (holder, tail, at) = holder_of(role, behind, rest)?;
        if REPRESENTED.is_match(tail) || THEN_AFTER.is_match(tail) {
            return None;
        }
        let led = LED_AFTER.is_match(tail) || LED_BEFORE.is_match(behind);
        let role_index = institution_role(found.role, &rest[..at]);
        let sentence = sentence_around(line, found.start, found.end);
        let aside = SIMILAR_BEFORE.is_match(sentence) && BEFORE_NOW.is_match(sentence);
        Some(Mention {
            role: role_index,
            name: holder,
            led,
            aside,
        })
    })
}

/// Bytes read back from "masing-masing" for the names that share an office.
const LIST_REACH: usize = 300;

/// One office shared by the names listed before "masing-masing selaku" or
/// "masing-masing sebagai": "Teradu II Idham Holik. Teradu III Yulianto
/// Sudrajat, masing-masing selaku anggota KPU", "Ani Suryani dan Budi Santoso
/// masing-masing sebagai Camat …".
fn shared_office(line: &str) -> Vec<Mention> {
    let mut out = Vec::new();
    if !line.contains("masing-masing") {
        return out;
    }
    for found in roles::find(line) {
        let before = line[..found.start].trim_end();
        let Some(list) = [" masing-masing selaku", " masing-masing sebagai"]
            .iter()
            .find_map(|joint| before.strip_suffix(joint))
        else {
            continue;
        };
        let role = roles::role(found.role);
        let ahead_end = floor_char(line, (found.end + LOOK_AHEAD).min(line.len()));
        let rest = &line[found.end..ahead_end];
        let at = name::skip_qualifiers(rest, role.department);
        let role_index = institution_role(found.role, &rest[..at]);
        let from = floor_char(list, list.len().saturating_sub(LIST_REACH));
        for name in listed_names(&list[from..]) {
            out.push(Mention {
                role: role_index,
                name,
                led: false,
                aside: false,
            });
        }
    }
    out
}

/// The names a list ends `text` with, in order: items after ", ", " dan " or
/// ". ", each wholly a name (a party's number before it, "Teradu II", is
/// dropped), but the first, which may follow the words that introduce the list
/// ("… sanksi kepada Teradu II Idham Holik"). The list ends at the first item
/// that is not a name.
fn listed_names(text: &str) -> Vec<name::Name> {
    let mut names = Vec::new();
    let mut rest = text.trim_end().trim_end_matches(',').trim_end();
    while !rest.is_empty() {
        let cut = [", ", " dan ", ". "]
            .iter()
            .filter_map(|sep| rest.rfind(sep).map(|i| (i, sep.len())))
            .max_by_key(|&(i, _)| i);
        let (item, next) = match cut {
            Some((i, len)) => (&rest[i + len..], &rest[..i]),
            None => (rest, ""),
        };
        let item = name::without_party(item.trim());
        let Some(n) = name::read_before(item) else {
            break;
        };
        let words: Vec<&str> = item.split_whitespace().collect();
        let lead = &words[..words
            .len()
            .saturating_sub(n.name.split_whitespace().count())];
        match lead.last() {
            None => names.push(n),
            // The list's first item, after a lowercase word or a party's number.
            Some(w) if w.starts_with(char::is_lowercase) || name::is_roman(w) => {
                names.push(n);
                break;
            }
            Some(_) => break,
        }
        rest = next.trim_end();
    }
    names.reverse();
    names
}

/// The holder an office names, read in `rest` (the text after the office): a name
/// after its qualifiers (a village's head after the village), else one written
/// before it in `behind`. Returns the holder, the text after the name, and where
/// the qualifiers end in `rest`.
fn holder_of<'a>(
    role: &roles::Role,
    behind: &str,
    rest: &'a str,
) -> Option<(name::Name, &'a str, usize)> {
    let at = name::skip_qualifiers(rest, role.department);
    let after = rest[at..].trim_start();
    let after = after.strip_prefix(',').map_or(after, str::trim_start);
    let from = rest.len() - after.len();
    let village = VILLAGE_ROLES.contains(&role.name.as_str());
    // "AKP Boby Kusumawardhana, Kapolsek Tambun, mengatakan": a full name
    // before the office beats one word after it.
    let before_name = || {
        let before = behind.trim_end().strip_suffix(',')?;
        name::read_before(before)
    };
    let forward = name::read(after)
        .filter(|n| {
            let one_word_then_comma =
                !n.name.contains(' ') && after[n.end..].trim_start().starts_with(',');
            !(one_word_then_comma && at == 0 && before_name().is_some())
        })
        .or_else(|| village.then(|| village_then_name(after)).flatten());
    let (holder, tail) = match forward {
        // "Lurah Caturtunggal, Lurah Condongcatur dan Lurah Maguwoharjo": villages
        // in a list of one office, no one named. (After a place, "Kades Tanjung
        // Harapan, Bakar, Kades …", "Kades Mbokita, Jufri, Kades …", the word
        // after the comma is the head's name.)
        Some(n)
            if village
                && at == 0
                && !n.name.contains(' ')
                && !after[..n.end].contains(',')
                && in_list_of(role, behind, &after[n.end..]) =>
        {
            return None
        }
        Some(n) if village => {
            let tail = &after[n.end..];
            name_after_village(n, tail)
        }
        Some(n) => {
            let tail = &after[n.end..];
            (n, tail)
        }
        None => (holder_before(&role.name, behind, rest)?, &rest[from..]),
    };
    Some((holder, tail, at))
}

/// Whether an office and the one word after it stand in a list of that office:
/// the next item (`tail`, after the word) or the one before (`behind`) is the
/// same office and one word, joined by a comma or "dan".
fn in_list_of(role: &roles::Role, behind: &str, tail: &str) -> bool {
    let same = |text: &str| {
        roles::find(text)
            .next()
            .filter(|f| f.start == 0 && roles::role(f.role).name == role.name)
    };
    let joint = |text: &str| -> Option<usize> {
        let trimmed = text.trim_start();
        let rest = match trimmed.strip_prefix(',') {
            Some(r) => r.trim_start(),
            None => trimmed.strip_prefix("dan ")?,
        };
        Some(text.len() - rest.len())
    };
    let next = joint(tail).is_some_and(|at| same(&tail[at..]).is_some());
    // Before: "…, Lurah Caturtunggal, " or "… Lurah Condongcatur dan ".
    let before = behind.trim_end();
    let before = before
        .strip_suffix(',')
        .or_else(|| before.strip_suffix(" dan"))
        .map(str::trim_end);
    let previous = before.is_some_and(|b| {
        let mut words = b.rsplitn(2, ' ');
        let (Some(word), Some(head)) = (words.next(), words.next()) else {
            return false;
        };
        word.starts_with(char::is_uppercase)
            && roles::find(head)
                .last()
                .is_some_and(|f| f.end == head.len() && roles::role(f.role).name == role.name)
    });
    next || previous
}

/// `text` past the qualifiers that stand before a name and a comma after them.
fn past_qualifiers(text: &str) -> &str {
    let skip = name::skip_qualifiers(text, false);
    let text = text[skip..].trim_start();
    text.strip_prefix(',').map_or(text, str::trim_start)
}

/// "Lurah Pengampelan, Sukri Hidayat": a village the gazetteer does not know (its
/// name may read like a noun), a comma, then the head's name. The name's end is
/// an offset into `after`.
fn village_then_name(after: &str) -> Option<name::Name> {
    let village_end = after.find(',').filter(|&c| c <= 40)?;
    let village = &after[..village_end];
    let capitalised = village
        .split_whitespace()
        .all(|w| w.starts_with(char::is_uppercase));
    if !capitalised || village.split_whitespace().count() > 3 {
        return None;
    }
    let next = past_qualifiers(&after[village_end + 1..]);
    let n = name::read(next)?;
    let end = after.len() - next.len() + n.end;
    Some(name::Name { end, ..n })
}

/// A village head's name read first may be the village's: "Lurah Klasaman, Maria
/// Magdalena Kalami", "Keuchik Gampong Lambaro, Kecamatan Ingin Jaya, Safrizal
/// Yunus". A name after the comma is the head's; else the first stays.
fn name_after_village(first: name::Name, tail: &str) -> (name::Name, &str) {
    let second = tail.strip_prefix(',').and_then(|next| {
        let next = past_qualifiers(next);
        name::read(next).map(|second| {
            let tail = &next[second.end..];
            (second, tail)
        })
    });
    second.unwrap_or((first, tail))
}

/// The holder named before the office: "Ani Suryani, Kepala BKD …", "Budi selaku
/// Ketua …", "Airin Rachmi Diany yang juga Wali Kota Tangsel".
fn holder_before(role: &str, behind: &str, rest: &str) -> Option<name::Name> {
    // "… yang juga asisten pelatih": an assistant of no government.
    let other_sense = rest
        .split_whitespace()
        .next()
        .is_some_and(name::is_not_name);
    if role == "Asisten" && other_sense {
        return None;
    }
    let before = behind.trim_end();
    let before = [
        ",",
        " selaku",
        " sebagai",
        " yang juga",
        " yang merupakan",
        " yang menjabat",
    ]
    .iter()
    .find_map(|joint| before.strip_suffix(joint))?;
    name::read_before(before)
}

/// Whether the words right after an office name a foreign place ("Wali Kota
/// London", "Gubernur Tokyo"): an office of another country.
fn is_abroad(rest: &str) -> bool {
    let lead = rest.len() - rest.trim_start().len();
    let end = floor_char(rest, (lead + 40).min(rest.len()));
    crate::extract::region::foreign_places(&rest[..end])
        .first()
        .is_some_and(|r| r.start == lead)
}

/// A division head's institution decides the body: "Koordinator Divisi Teknis KPU
/// …" is a member of the KPU, not of Bawaslu.
fn institution_role(role: usize, qualifiers: &str) -> usize {
    let r = &roles::role(role).name;
    if r == "Anggota Bawaslu" && qualifiers.split_whitespace().any(|w| name::key(w) == "kpu") {
        if let Some(kpu) = roles::all().iter().position(|x| x.name == "Anggota KPU") {
            return kpu;
        }
    }
    role
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The people named so far, by office.
#[derive(Default)]
struct People {
    found: Vec<Official>,
    /// Per person found: every mention so far was an aside ([`Mention::aside`]).
    only_asides: Vec<bool>,
    by_role: HashMap<String, Vec<usize>>,
}

impl People {
    fn add(&mut self, m: Mention) {
        let role = roles::role(m.role).name.clone();
        let same_role = self.by_role.entry(role.clone()).or_default();
        if let Some(&i) = same_role
            .iter()
            .find(|&&i| same_person(&self.found[i].name, &m.name.name))
        {
            let known = &mut self.found[i];
            if better_name(&m.name.name, &known.name) {
                known.name = m.name.name.clone();
            }
            if !known.as_written.contains(&m.name.written) {
                known.as_written.push(m.name.written);
            }
            known.led |= m.led;
            self.only_asides[i] &= m.aside;
            return;
        }
        if same_role.len() >= MAX_PEOPLE_PER_ROLE {
            return;
        }
        same_role.push(self.found.len());
        self.only_asides.push(m.aside);
        self.found.push(Official {
            role,
            name: m.name.name,
            as_written: vec![m.name.written],
            led: m.led,
        });
    }

    /// Joins a person named under an office and its acting form, and a surname or
    /// first name alone with the full name; adds later spellings.
    fn finish(self, body: &str) -> Vec<Official> {
        // Those named only in asides about similar events elsewhere did not act.
        let mut found: Vec<Official> = self
            .found
            .into_iter()
            .zip(self.only_asides)
            .filter(|(_, aside)| !aside)
            .map(|(o, _)| o)
            .collect();
        join_acting_offices(&mut found);
        join_single_names(&mut found);
        add_later_mentions(&mut found, body);
        prefer_common_spellings(&mut found, body);
        found
    }
}

/// Letters a name word needs for a one-edit variant of it to be the same word
/// ("Affifuddin"/"Afifuddin"; not "Rusdi"/"Rasdi").
const SPELLING_MIN_CHARS: usize = 6;

/// A name word the article spells another way more often ("Ketua KPU
/// Affifuddin" once, "Afifuddin" thrice): the spelling it uses most. On a tie the
/// spelling given with the office stays (a typo is as often a letter too many as
/// one too few). Only words of [`SPELLING_MIN_CHARS`] or more, one edit apart, as
/// [`same_person`] joins them. One pass over the body.
fn prefer_common_spellings(found: &mut [Official], body: &str) {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for word in body.split(|c: char| !c.is_alphanumeric()) {
        if word.chars().count() >= SPELLING_MIN_CHARS && word.starts_with(char::is_uppercase) {
            *counts.entry(word).or_default() += 1;
        }
    }
    for official in found.iter_mut() {
        let words: Vec<String> = official
            .name
            .split(' ')
            .map(|w| {
                let own = counts.get(w).copied().unwrap_or(0);
                if w.chars().count() < SPELLING_MIN_CHARS || own == 0 {
                    return w.to_owned();
                }
                counts
                    .iter()
                    .filter(|&(v, _)| *v != w && one_edit_apart(v, w))
                    .filter(|&(_, &n)| n > own)
                    .max_by_key(|&(v, &n)| spelling_rank(v, n))
                    .map_or_else(|| w.to_owned(), |(v, _)| (*v).to_owned())
            })
            .collect();
        let name = words.join(" ");
        if name != official.name {
            let before = std::mem::replace(&mut official.name, name);
            if !official.as_written.contains(&before) {
                official.as_written.push(before);
            }
        }
    }
}

/// "Bupati Agus Triyono" and "Pjs Bupati Agus Triyono Wicaksono": one person, the
/// acting Bupati.
fn join_acting_offices(found: &mut Vec<Official>) {
    let mut i = 0;
    while i < found.len() {
        let base = found[i].role.clone();
        let acting = (0..found.len()).find(|&j| {
            j != i
                && roles::base_of(&found[j].role) == Some(base.as_str())
                && same_person(&found[j].name, &found[i].name)
        });
        match acting {
            Some(j) => {
                let gone = found.remove(i);
                let j = if j > i { j - 1 } else { j };
                merge_into(&mut found[j], gone);
            }
            None => i += 1,
        }
    }
}

/// "Juaini" or "Taofik" alone, beside "M. Juaini Taofik" under the same office (or
/// its acting form): one person. Only when one full name holds the word.
fn join_single_names(found: &mut Vec<Official>) {
    let family = |role: &str| roles::base_of(role).unwrap_or(role).to_owned();
    let mut i = 0;
    while i < found.len() {
        if found[i].name.split_whitespace().count() != 1 {
            i += 1;
            continue;
        }
        let single = found[i].name.to_lowercase();
        let fam = family(&found[i].role);
        let fits: Vec<usize> = (0..found.len())
            .filter(|&j| {
                let words: Vec<String> = found[j]
                    .name
                    .split_whitespace()
                    .map(str::to_lowercase)
                    .collect();
                j != i
                    && words.len() >= 2
                    && family(&found[j].role) == fam
                    && words.contains(&single)
            })
            .collect();
        if let [j] = fits[..] {
            let gone = found.remove(i);
            let j = if j > i { j - 1 } else { j };
            merge_into(&mut found[j], gone);
        } else {
            i += 1;
        }
    }
}

/// How the spellings used more often than the one given rank: used most, then
/// longer; ties broken by the word itself, so that the choice does not depend on
/// a map's order.
fn spelling_rank(word: &str, uses: usize) -> (usize, usize, std::cmp::Reverse<&str>) {
    (uses, word.chars().count(), std::cmp::Reverse(word))
}

/// Moves `gone`'s spellings and mark into `into`; the acting office wins.
fn merge_into(into: &mut Official, gone: Official) {
    if roles::base_of(&gone.role) == Some(into.role.as_str()) {
        into.role = gone.role.clone();
    }
    if better_name(&gone.name, &into.name) {
        into.name = gone.name.clone();
    }
    for w in gone.as_written {
        if !into.as_written.contains(&w) {
            into.as_written.push(w);
        }
    }
    into.led |= gone.led;
}

/// "Juaini Taofik" after "Pj Bupati … M. Juaini Taofik": the same person, later, in
/// its last two words alone. One pass over the body for every official.
fn add_later_mentions(found: &mut [Official], body: &str) {
    let tails: Vec<(usize, String)> = found
        .iter()
        .enumerate()
        .filter_map(|(i, o)| {
            let words: Vec<&str> = o.name.split(' ').collect();
            (words.len() >= 3).then(|| (i, words[words.len() - 2..].join(" ")))
        })
        .collect();
    if tails.is_empty() {
        return;
    }
    let Ok(matcher) = AhoCorasick::new(tails.iter().map(|(_, t)| t)) else {
        return;
    };
    let mut seen_alone = vec![false; tails.len()];
    for m in matcher.find_iter(body) {
        let k = m.pattern().as_usize();
        if seen_alone[k] {
            continue;
        }
        let (i, tail) = &tails[k];
        let before = body[..m.start()].trim_end();
        let official = &found[*i];
        let with_more = official
            .as_written
            .iter()
            .any(|w| w != tail && before.ends_with(w.trim_end_matches(tail.as_str()).trim_end()));
        if !with_more {
            seen_alone[k] = true;
        }
    }
    for (k, (i, tail)) in tails.iter().enumerate() {
        if seen_alone[k] && !found[*i].as_written.contains(tail) {
            found[*i].as_written.push(tail.clone());
        }
    }
}

/// Most words capitalised: a headline in title case (3 to 30 words; a longer
/// line, most of a body's, is told after its 31st word).
fn is_title_case(text: &str) -> bool {
    let (mut words, mut capitalised) = (0usize, 0usize);
    for word in text.split_whitespace() {
        words += 1;
        if words > 30 {
            return false;
        }
        let first = word.chars().next();
        if first.is_some_and(|c| c.is_uppercase() || !c.is_alphabetic()) {
            capitalised += 1;
        }
    }
    words >= 3 && capitalised * 10 >= words * 8 && !text.trim_end().ends_with(['.', '"', '”'])
}

fn tokens(name: &str) -> Vec<String> {
    name.split_whitespace().map(|t| t.to_lowercase()).collect()
}

/// Whether two spellings name one person: one is the other's last words ("Juaini
/// Taofik" in "Muhammad Juaini Taofik"), or its first and last words with a middle
/// name left out ("Anies Baswedan", "Anies Rasyid Baswedan"), initials stand for
/// words ("M." for "Muhammad"), a long word differs by one letter ("Hasanudin",
/// "Hassanudin"), or both spell Muhammad ("Mochammad", "Muhammad").
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
            || (xi.chars().count() >= SPELLING_MIN_CHARS && one_edit_apart(xi, yi))
            || (is_muhammad(xi) && is_muhammad(yi))
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
    // A shorter spelling is the longer one's last words or first words (at least
    // two of them): "Juaini Taofik", "Agus Triyono" of "Agus Triyono Wicaksono".
    short.len() >= 2
        && (long[long.len() - short.len()..]
            .iter()
            .zip(short.iter())
            .all(|(x, y)| token_match(x, y))
            || long
                .iter()
                .zip(short.iter())
                .all(|(x, y)| token_match(x, y)))
}

/// The spellings of Muhammad, a first name written many ways ("Mochammad
/// Afifuddin" and "Muhammad Afifuddin" in one article), lowercased.
fn is_muhammad(token: &str) -> bool {
    const SPELLINGS: &[&str] = &[
        "muhammad",
        "muhamad",
        "muhamed",
        "muhammed",
        "mohammad",
        "mohamad",
        "mohammed",
        "mohamed",
        "mochammad",
        "mochamad",
        "mochamat",
        "moehammad",
        "muchammad",
        "muchamad",
        "mukhammad",
        "mokhamad",
        "moch",
        "mochd",
        "moh",
        "muh",
        "muhd",
        "mhd",
    ];
    SPELLINGS.contains(&token)
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

    const TITLE: &str = "Judul Berita Netralitas Yang Cukup Panjang\n\n";

    #[test]
    fn a_name_takes_the_spelling_the_article_uses_most() {
        assert_eq!(
            officials(&format!(
                "{TITLE}Hal itu disampaikan Ketua KPU Affifuddin di Jakarta. Menurut \
                 Afifuddin, keputusan dibatalkan. \"Kami terbuka,\" kata Afifuddin."
            )),
            [pair("Ketua KPU", "Afifuddin")]
        );
        // A tie: the spelling given with the office.
        assert_eq!(
            officials(&format!(
                "{TITLE}Kapolri Jenderal Listyo Sigit Prabowo hadir. Lisyto Sigit \
                 Prabowo berterima kasih."
            )),
            [pair("Kapolri", "Listyo Sigit Prabowo")]
        );
        // The spelling given with the office, when the article uses it more.
        assert_eq!(
            officials(&format!(
                "{TITLE}Pj Gubernur NTB Hasanudin membuka apel. Hasanudin tegas. \
                 Hassanudin hadir."
            )),
            [pair("Pj Gubernur", "Hasanudin")]
        );
    }

    #[test]
    fn a_list_of_one_village_office_names_villages_not_people() {
        assert_eq!(
            officials(&format!(
                "{TITLE}Ikrar diucapkan ASN kapanewon, Lurah Caturtunggal, Lurah \
                 Condongcatur dan Lurah Maguwoharjo beserta pamong kalurahan.\n\
                 Lurah Caturtunggal, Agus Santosa, menambahkan hal itu."
            )),
            [pair("Lurah", "Agus Santosa")]
        );
        // Each village with its head's name after a comma.
        assert_eq!(
            officials(&format!(
                "{TITLE}Kades Tiram, Isran Amara, Kades Mbokita, Jufri, Kades \
                 Matarape, Harun."
            )),
            [
                pair("Kepala Desa", "Isran Amara"),
                pair("Kepala Desa", "Jufri"),
                pair("Kepala Desa", "Harun")
            ]
        );
    }

    #[test]
    fn haji_inside_a_name_and_surnames_that_read_as_other_words_are_the_name() {
        assert_eq!(
            officials(&format!(
                "{TITLE}Kepala Badan Kesbangpol Malut, Sukri Hi. Ibrahim, S.Sos, \
                 menyebut hal itu. Inspektur Kabupaten Maluku Tengah, Marthen Tuhumury \
                 Kastanya, S.H., M.H., memimpin pemeriksaan. Apel dihadiri Kapolresta Sorong Kota Kombes Pol \
                 Hendrikus Mayor, S.I.K., dan Dandim 1802/Sorong Letkol Inf Agus \
                 Setiawan Purba."
            )),
            [
                pair("Kepala Kesbangpol", "Sukri Hi. Ibrahim"),
                pair("Inspektur", "Marthen Tuhumury Kastanya"),
                pair("Kapolres", "Hendrikus Mayor"),
                pair("Dandim", "Agus Setiawan Purba")
            ]
        );
    }

    #[test]
    fn an_ethics_ruling_names_the_election_body_in_full() {
        // DKPP's rulings: a party's number is not the name, the bodies' long
        // names follow Ketua and Anggota, and Muhammad is spelt two ways.
        assert_eq!(
            officials(&format!(
                "{TITLE}Para pengadu mengadukan Ketua KPU RI, Mochammad Afifuddin. \
                 DKPP menjatuhkan sanksi kepada Teradu I Muhammad Afifuddin, selaku \
                 Ketua merangkap anggota KPU. DKPP merehabilitasi Teradu VI Betty \
                 Epsilon Idroos selaku anggota Komisi Pemilihan Umum."
            )),
            [
                pair("Ketua KPU", "Mochammad Afifuddin"),
                pair("Anggota KPU", "Betty Epsilon Idroos")
            ]
        );
        // An office shared by the names listed before "masing-masing selaku".
        assert_eq!(
            officials(&format!(
                "{TITLE}DKPP menjatuhkan sanksi kepada Teradu II Idham Holik. Teradu \
                 III Yulianto Sudrajat, masing-masing selaku anggota Komisi Pemilihan \
                 Umum. Sidang dipimpin Heddy Lugito."
            )),
            [
                pair("Anggota KPU", "Idham Holik"),
                pair("Anggota KPU", "Yulianto Sudrajat")
            ]
        );
        assert_eq!(
            officials(&format!(
                "{TITLE}Bawaslu memeriksa Ani Suryani dan Budi Santoso masing-masing \
                 sebagai Camat di Kabupaten Garut."
            )),
            [pair("Camat", "Ani Suryani"), pair("Camat", "Budi Santoso")]
        );
        // A list of offices with no names: no one.
        assert_eq!(
            officials(&format!(
                "{TITLE}Pembekalan oleh Kepala Badan Pengawas Pemilu, Ketua Komisi \
                 Pemilihan Umum, dan para Kepala Staf Angkatan."
            )),
            []
        );
    }

    #[test]
    fn a_place_written_as_one_word_or_by_nickname_is_not_the_name() {
        assert_eq!(
            officials(&format!(
                "{TITLE}Bupati Tanjab Timur Romy Haryanto dan Wali Kota Sungaipenuh Asafri \
                 Jaya Bakri hadir di Kerinci, Sabtu."
            )),
            [
                pair("Bupati", "Romy Haryanto"),
                pair("Wali Kota", "Asafri Jaya Bakri")
            ]
        );
    }

    #[test]
    fn a_name_before_yang_juga_and_an_office_is_its_holder() {
        assert_eq!(
            officials(&format!(
                "{TITLE}Rapat dipimpin Herman Deru yang juga Gubernur Sumatera Selatan, Senin."
            )),
            [pair("Gubernur", "Herman Deru")]
        );
        // An assistant coach or a personal assistant is no Asisten of a government.
        assert_eq!(
            officials(&format!(
                "{TITLE}Latihan dipimpin Wolfgang Pikal yang juga asisten pelatih timnas."
            )),
            []
        );
    }

    #[test]
    fn roles_places_commas_and_honorifics() {
        assert_eq!(
            officials(&format!(
                "{TITLE}Pj Bupati Lotim, Drs Muhammad Juaini Taofik mengatakan netral."
            )),
            [pair("Pj Bupati", "Muhammad Juaini Taofik")]
        );
        assert_eq!(
            officials(&format!("{TITLE}Penjabat (Pj) Gubernur Nusa Tenggara Barat, Lalu Gita Ariadi memimpin apel.")),
            [pair("Pj Gubernur", "Lalu Gita Ariadi")]
        );
        assert_eq!(
            officials(&format!("{TITLE}Sekretaris Daerah (Sekda) Kabupaten Lebak, Budi Santoso, S.Sos, M.Si membuka acara.")),
            [pair("Sekda", "Budi Santoso")]
        );
        assert_eq!(
            officials(&format!(
                "{TITLE}Hadir Wali Kota Bima H. Muhammad Lutfi dan Camat Rasanae Barat, Ahmad."
            )),
            [pair("Wali Kota", "Muhammad Lutfi"), pair("Camat", "Ahmad")]
        );
    }

    #[test]
    fn acting_offices_are_kept_apart() {
        let text = format!(
            "{TITLE}Penjabat Sementara (Pjs) Bupati Siak, Dr. Ahmad Fauzan Harahap, S.STP., M.Si memimpin apel. \
             Pelaksana Tugas (Plt) Bupati Labuhanbatu, dr. Hj. Nurhayati Rambe, M.Kes hadir. \
             Pelaksana Harian (Plh) Sekda Bengkulu, Nurlaila Safitri, membacakan ikrar. \
             Pejabat (Pj) Bupati Tanggamus Ardiansyah Putra menyaksikan."
        );
        assert_eq!(
            officials(&text),
            [
                pair("Pjs Bupati", "Ahmad Fauzan Harahap"),
                pair("Plt Bupati", "Nurhayati Rambe"),
                pair("Plh Sekda", "Nurlaila Safitri"),
                pair("Pj Bupati", "Ardiansyah Putra"),
            ]
        );
        // "Bupati Agus" later in the story is the acting Bupati.
        let text = format!(
            "{TITLE}Pjs Bupati Kediri Agus Triyono Wicaksono memimpin apel. Menurut Bupati Agus Triyono, ASN wajib netral."
        );
        assert_eq!(
            officials(&text),
            [pair("Pjs Bupati", "Agus Triyono Wicaksono")]
        );
    }

    #[test]
    fn roles_beyond_the_regional_heads() {
        let text = format!(
            "{TITLE}Apel dihadiri Kapolresta Barelang Kombes Pol Andi Heru Prasetyo, S.I.K., M.Si. \
             dan Dandim 0411/Kota Metro Letkol Inf Rio Adhitama. \
             Kepala Dinas Pendidikan dan Kebudayaan Kabupaten Kotim, Muhammad Irfansyah, hadir. \
             Asisten Pemerintahan dan Kesra, Hendra Gunadi, membuka acara. \
             Koordinator Divisi Hukum Bawaslu Papua Pegunungan, Frans Asso Lokobal, menjelaskan. \
             Kepala Kanwil Kemenkumham Babel Sudirman Djaja Putra menyaksikan. \
             Inspektur Kabupaten Bandung Barat, Budi Santika, S.H., M.H., menjelaskan. \
             Pj Bupati Lombok Timur HM Juaini Taofik memimpin apel. \
             Inspektur Inspektorat Lotim, Dr. H. Lalu Muhammad Rus'an hadir."
        );
        assert_eq!(
            officials(&text),
            [
                pair("Kapolres", "Andi Heru Prasetyo"),
                pair("Dandim", "Rio Adhitama"),
                pair("Kepala Dinas", "Muhammad Irfansyah"),
                pair("Asisten", "Hendra Gunadi"),
                pair("Anggota Bawaslu", "Frans Asso Lokobal"),
                pair("Kepala Kanwil", "Sudirman Djaja Putra"),
                pair("Inspektur", "Budi Santika"),
                pair("Pj Bupati", "M Juaini Taofik"),
                pair("Inspektur", "Lalu Muhammad Rus'an"),
            ]
        );
    }

    #[test]
    fn national_bodies_and_namesakes() {
        // "RI" names the national body between the office and the name; "Kadin"
        // is the chamber of commerce, not a Kepala Dinas; "Sumatra Utara" is the
        // province spelled the English way, not a Wakil Gubernur's name.
        let text = format!(
            "{TITLE}Ketua KPU RI Arief Budiman berkata, tambahan TPS harus diberikan. \
             Ketua Bawaslu Republik Indonesia Abhan menambahkan. \
             Ketua Umum Kadin Jawa Timur La Nyalla Mattalitti hadir. \
             Pada 2008 ia dicalonkan sebagai wakil Gubernur Sumatra Utara, tetapi tidak terpilih. \
             Wali Kota London Sadiq Khan mengecam serangan itu."
        );
        assert_eq!(
            officials(&text),
            [
                pair("Ketua KPU", "Arief Budiman"),
                pair("Ketua Bawaslu", "Abhan")
            ]
        );
    }

    #[test]
    fn who_did_not_act_is_not_listed() {
        let text = format!(
            "{TITLE}Pj Gubernur Papua Tengah Yulius Tabuni dalam kegiatan tersebut diwakili oleh Pj Sekda Yohanes Yogi Kotouki. \
             Jenazah mantan Sekda Malteng Abdul Rahman dilepas. Calon Bupati Budi Santoso berkampanye. \
             Gubernur DKI Jakarta Basuki Tjahaja Purnama saat itu mengajukan kasasi."
        );
        assert_eq!(officials(&text), [pair("Pj Sekda", "Yohanes Yogi Kotouki")]);
    }

    #[test]
    fn names_that_are_not_names() {
        // A headline verb, a street, a nickname, a department, a year, another office.
        let text = format!(
            "{TITLE}Pj Bupati Minta ASN Netral\n\
             Kegiatan di depan kantor Gubernur Jalan Prapanca Raya itu ramai. \
             Bupati Lotim menyampaikan arahan. Asisten Bidang Pemerintahan menyampaikan. \
             Pemilihan Bupati dan Wakil Bupati Tahun 2024 berjalan. \
             Ketua Bawaslu Kapolres dan Dandim hadir."
        );
        assert_eq!(officials(&text), Vec::<(String, String)>::new());
    }

    #[test]
    fn a_name_before_its_office() {
        let text = format!("{TITLE}Ani Suryani, Kepala BKD Kalbar, mengatakan ASN harus netral.");
        assert_eq!(officials(&text), [pair("Kepala BKD", "Ani Suryani")]);
    }

    #[test]
    fn the_leader_of_the_pledge_is_marked() {
        let all = extract(&parse(
            &format!("{TITLE}Ikrar dipimpin langsung oleh Pj Bupati Bone Andi Fajar Mappasessu. Ketua Bawaslu Bone Andi Rahman Saleh menyaksikan."),
            &Meta::default(),
        ));
        let led: Vec<(&str, bool)> = all.iter().map(|o| (o.name.as_str(), o.led)).collect();
        assert_eq!(
            led,
            [
                ("Andi Fajar Mappasessu", true),
                ("Andi Rahman Saleh", false)
            ]
        );
    }

    #[test]
    fn spellings_of_one_person_are_merged() {
        let all = extract(&parse(
            &format!("{TITLE}Pj. Bupati Lombok Timur M. Juaini Taofik, dalam sambutannya. \"Netral,\" ucap Juaini Taofik. Kata Pj Bupati Juaini."),
            &Meta::default(),
        ));
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].name, "M. Juaini Taofik");
        assert_eq!(
            all[0].as_written,
            ["M. Juaini Taofik", "Juaini", "Juaini Taofik"]
        );
        assert!(same_person("Hasanudin", "Hassanudin"));
        assert!(same_person("M. Juaini Taofik", "Muhammad Juaini Taofik"));
        assert!(same_person("Anies Baswedan", "Anies Rasyid Baswedan"));
        assert!(!same_person("Budi Santoso", "Budi Susanto Wijaya"));
        assert!(!same_person("Ahmad", "Ahmadi Yusuf"));
        assert!(!same_person("Anies Baswedan", "Anies Matta"));
        assert!(better_name("Muhammad Juaini Taofik", "M. Juaini Taofik"));
    }

    #[test]
    fn time_grows_linearly_with_role_mentions() {
        // 5,000 and 20,000 mentions of offices with names in one paragraph.
        const FIRST: [&str; 12] = [
            "Budi", "Ahmad", "Siti", "Made", "Yohanes", "Rina", "Teuku", "Lalu", "Andi", "Wayan",
            "Dewi", "Hendra",
        ];
        const LAST: [&str; 12] = [
            "Santoso",
            "Harahap",
            "Nasution",
            "Sembiring",
            "Lubis",
            "Siregar",
            "Wibowo",
            "Pratama",
            "Kurniawan",
            "Saputra",
            "Hidayat",
            "Gunawan",
        ];
        let line = |n: usize| {
            (0..n)
                .map(|i| {
                    format!(
                        "Camat Lembor {} {} hadir dan",
                        FIRST[i % 12],
                        LAST[(i / 12) % 12]
                    )
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        let time = |n: usize| {
            let article = parse(&format!("{TITLE}{}.", line(n)), &Meta::default());
            let t = std::time::Instant::now();
            let found = extract(&article);
            (t.elapsed(), found.len())
        };
        let (small, n_small) = time(5_000);
        let (large, n_large) = time(20_000);
        assert_eq!(n_small, MAX_PEOPLE_PER_ROLE);
        assert_eq!(n_large, MAX_PEOPLE_PER_ROLE);
        // Four times the text in well under sixteen times the time.
        assert!(
            large < small * 10 + std::time::Duration::from_millis(50),
            "{small:?} → {large:?}"
        );
    }

    #[test]
    fn officials_of_a_similar_event_elsewhere_are_named_in_passing() {
        let text = format!(
            "{TITLE}Pj Bupati Tanggamus Mulyono Hadi Saputra memimpin apel netralitas ASN, Senin. \
             Sebelumnya, Pj Bupati Pringsewu, Abdul Rahman Kiemas, juga telah menggelar apel serupa pekan lalu. \
             Kegiatan serupa sebelumnya telah digelar Pemerintah Kota Bekasi yang dipimpin Pj Wali Kota Bekasi, R. Gunawan Permadi."
        );
        assert_eq!(
            officials(&text),
            [pair("Pj Bupati", "Mulyono Hadi Saputra")]
        );
        // Named again outside the aside: acted.
        let text = format!(
            "{TITLE}Apel serupa telah digelar, kata Pj Bupati Tanggamus Mulyono Hadi Saputra. \
             Pj Bupati Tanggamus Mulyono Hadi Saputra memimpin ikrar."
        );
        assert_eq!(
            officials(&text),
            [pair("Pj Bupati", "Mulyono Hadi Saputra")]
        );
    }

    #[test]
    fn names_with_abbreviated_parts_places_and_nouns() {
        assert_eq!(
            officials(&format!(
                "{TITLE}Ikrar dipandu Kepala BKD Provinsi Banten, Tb. Rahmat Hidayat, S.Sos., M.Si. \
                 Kepala BKPSDM Rosmaida Br. Simanjuntak hadir. Pjs Bupati Kupang Yosef Ch. Lelo Tefa membuka acara."
            )),
            [
                pair("Kepala BKD", "Tb. Rahmat Hidayat"),
                pair("Kepala BKPSDM", "Rosmaida Br. Simanjuntak"),
                pair("Pjs Bupati", "Yosef Ch. Lelo Tefa"),
            ]
        );
        // A district written apart from the gazetteer's spelling (Kramatjati), a noun
        // in -itas, "Perangkat" after a comma: no one.
        assert_eq!(
            officials(&format!(
                "{TITLE}Hadir camat se-Jakarta Timur, yakni Camat Kramat Jati, dan kepala desa. \
                 Tags: Pjs Bupati Kobar, Netralitas ASN. Ikrar diikuti Kepala Desa, Perangkat Desa dan ASN."
            )),
            Vec::<(String, String)>::new()
        );
    }

    #[test]
    fn sekprov_is_the_sekda_and_a_panewu_is_a_camat() {
        assert_eq!(
            officials(&format!(
                "{TITLE}Penandatanganan disaksikan Sekretaris Provinsi (Sekprov) Malut, Drs. Muhammad Rizal Tomagola, M.Si. \
                 Panewu Depok R. Bambang Wisnu Murti memimpin ikrar. Hadir Kepala Kantor Regional XII Badan Kepegawaian Negara (BKN) Pekanbaru, Syafrizal Hamid Nasution."
            )),
            [
                pair("Sekda", "Muhammad Rizal Tomagola"),
                pair("Camat", "R. Bambang Wisnu Murti"),
                pair("Kepala Kanreg BKN", "Syafrizal Hamid Nasution"),
            ]
        );
    }
}
