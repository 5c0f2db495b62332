//! Datelines: the `Place Outlet –` prefix that opens an Indonesian news story.
//!
//! In: the first line of the story. Out: the place, the outlet, and where the story
//! proper begins. Recognised shapes:
//!
//! | shape | example |
//! |---|---|
//! | Place (OUTLET) - | `Mataram (ANTARA) -` |
//! | outlet.com, Place – | `Mitrapolitika.com, Lebak Banten –` |
//! | PLACE, outlet.com - | `JAKARTA, KOMPAS.com -` |
//! | PLACE.outlet.com ~ | `LOTIM.LombokJoutnal.com ~` |
//! | Place outlet.com – | `Lombok Timur Lombokfokus.com –` |
//! | outlet.com - | `KOMPAS.com -` |
//! | PLACE - / Place - | `JAKARTA -`, `Jakarta -` |

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::lexicon::{data_lines, one_edit_apart};

const OUTLETS: &str = include_str!("outlets.txt");
const PLACES: &str = include_str!("dateline_places.txt");

/// A dateline found at the start of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    pub place: Option<String>,
    pub outlet: Option<String>,
    /// Byte offset where the story text begins after the dateline.
    pub rest: usize,
}

/// One dash or several, also spaced as tokenised text writes "--": "- -".
const SEP: &str = r"\s*(?:[-–—~]+\s*)+";
const DOMAIN: &str = r"(?:www\.)?[A-Za-z][A-Za-z0-9-]*(?:\.[A-Za-z]{2,6}){1,2}";
const PLACE: &str = r"[A-Z][\p{L}'’]*\.?(?:\s+[A-Z][\p{L}'’]*\.?){0,3}";

static SHAPES: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        format!(r"^(?P<place>{PLACE})\s*,?\s*\((?P<outlet>[A-Za-z][\w.]{{1,30}}(?:\s[A-Za-z][\w.]{{1,20}})?)\){SEP}"),
        format!(r"^(?P<outlet>{DOMAIN})\s*,\s*(?P<place>{PLACE}){SEP}"),
        format!(r"^(?P<place>{PLACE})\s*,\s*(?P<outlet>{DOMAIN}){SEP}"),
        format!(r"^(?P<place>[A-Z]{{2,}}(?:\s[A-Z]{{2,}})?)\.(?P<outlet>{DOMAIN}){SEP}"),
        format!(r"^(?P<place>{PLACE})\s+(?P<outlet>{DOMAIN}){SEP}"),
        format!(r"^(?P<outlet>{DOMAIN}){SEP}"),
        format!(r"^(?P<place>[A-Z]{{2,}}(?:\s[A-Z]{{2,}}){{0,2}})\s*,\s*(?P<outlet>[A-Z][A-Za-z0-9_]{{2,30}}(?:\s[A-Z][A-Za-z0-9_]{{1,20}}){{0,2}}){SEP}"),
        format!(r"^(?P<place>[A-Z][a-z]+(?:\s[A-Z][a-z]+){{0,2}})\s*,\s*(?P<outlet>[A-Z][A-Z0-9_]{{2,30}}(?:\s[A-Z][A-Za-z]{{2,20}})?){SEP}"),
        r"^(?P<place>[A-Z][A-Z'.]+(?:\s[A-Z][A-Z'.]+){0,2})\s*[-–—]\s+".to_owned(),
        r"^(?P<place>[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2})\s+[-–—]\s+".to_owned(),
    ]
    .iter()
    .map(|re| Regex::new(re).expect("valid dateline regex"))
    .collect()
});

/// Shapes whose place and outlet are marked (capitals, a domain, brackets); the
/// last shape, a title-case `Place -`, reads too many sentence openings as
/// places to be sought inside a line.
const STRICT_SHAPES: usize = 9;

/// Finds a dateline at the start of `line`.
pub fn find(line: &str) -> Option<Dateline> {
    find_in(line, &SHAPES)
}

/// Finds a dateline of a marked shape at the start of `line`: what is sought
/// behind other text in a line ("… unduh aplikasinya. MAMUJU, SULBAREXPRESS —").
pub fn find_strict(line: &str) -> Option<Dateline> {
    find_in(line, &SHAPES[..STRICT_SHAPES])
}

fn find_in(line: &str, shapes: &[Regex]) -> Option<Dateline> {
    shapes.iter().find_map(|shape| {
        let caps = shape.captures(line)?;
        let whole = caps.get(0)?;
        // A dateline opens a story: a sentence must follow it ("Baru - baru ini" is
        // a reduplicated word, not the place Baru).
        let opens_sentence = line[whole.end()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"“'‘(".contains(c));
        if !opens_sentence {
            return None;
        }
        // "EXAMPLE.CO.ID -" is an outlet, not the place EXAMPLE of the outlet CO.ID.
        let outlet = caps.name("outlet").map(|m| m.as_str().to_lowercase());
        if outlet.as_deref().is_some_and(is_public_suffix) {
            return None;
        }
        Some(Dateline {
            place: caps.name("place").map(|m| place_name(m.as_str())),
            outlet: caps.name("outlet").map(|m| outlet_name(m.as_str())),
            rest: whole.end(),
        })
    })
}

/// A domain's ending that names no outlet: "co.id", "com", "or.id".
fn is_public_suffix(domain: &str) -> bool {
    let first = domain.split('.').next().unwrap_or("");
    matches!(
        first,
        "co" | "or" | "go" | "ac" | "sch" | "web" | "my" | "net" | "com" | "id" | "biz"
    ) && domain.split('.').count() <= 2
}

static ABBREVIATIONS: LazyLock<HashMap<String, String>> = LazyLock::new(|| {
    data_lines(PLACES)
        .filter_map(|line| line.split_once('='))
        .map(|(abbr, place)| (abbr.trim().to_uppercase(), place.trim().to_owned()))
        .collect()
});

/// Whether a place is one of the dateline abbreviations' places.
pub fn is_known_place(place: &str) -> bool {
    ABBREVIATIONS
        .values()
        .any(|p| p.eq_ignore_ascii_case(place))
}

/// The printed form of a dateline place: abbreviations expanded, capitals tamed.
fn place_name(written: &str) -> String {
    let written = written.trim().trim_end_matches('.');
    if let Some(place) = ABBREVIATIONS.get(&written.to_uppercase()) {
        return place.clone();
    }
    if written.chars().any(char::is_lowercase) {
        written.to_owned()
    } else {
        title_case(written)
    }
}

/// `LOMBOK TIMUR` → `Lombok Timur`.
pub fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The printed form of an outlet: the lexicon's spelling when the written name is
/// in it (allowing one typo in long names), otherwise as written.
pub fn outlet_name(written: &str) -> String {
    // A corpus names a few hundred outlets, each thousands of times: remember the
    // answers (per thread; forgotten wholesale past a bound).
    thread_local! {
        static SEEN: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
    }
    const SEEN_MAX: usize = 10_000;
    SEEN.with_borrow_mut(|seen| {
        if let Some(name) = seen.get(written) {
            return name.clone();
        }
        if seen.len() >= SEEN_MAX {
            seen.clear();
        }
        let name = look_up_outlet(written);
        seen.insert(written.to_owned(), name.clone());
        name
    })
}

static KNOWN: LazyLock<Vec<(String, &'static str)>> = LazyLock::new(|| {
    data_lines(OUTLETS)
        .map(|name| (outlet_key(name), name))
        .collect()
});

/// Whether a name is an outlet of the lexicon ("Rimanews").
pub fn is_known_outlet(name: &str) -> bool {
    let key = outlet_key(name);
    KNOWN.iter().any(|(k, _)| *k == key)
}

fn look_up_outlet(written: &str) -> String {
    let key = outlet_key(written);
    if let Some((_, name)) = KNOWN.iter().find(|(k, _)| *k == key) {
        return (*name).to_owned();
    }
    if key.len() >= 8 {
        let close = KNOWN
            .iter()
            // (No name equals the key: that returned above.)
            .filter(|(k, _)| one_edit_apart(k, &key))
            .collect::<Vec<_>>();
        if let [(_, name)] = close.as_slice() {
            return (*name).to_owned();
        }
    }
    written.trim().trim_start_matches("www.").to_owned()
}

/// Whether two names are one outlet's (ignoring case, "www." and punctuation).
pub fn same_outlet(a: &str, b: &str) -> bool {
    outlet_key(a) == outlet_key(b)
}

fn outlet_key(name: &str) -> String {
    let name = name.trim().to_lowercase();
    let name = name.strip_prefix("www.").unwrap_or(&name);
    name.chars().filter(|c| c.is_alphanumeric()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(line: &str) -> (Option<String>, Option<String>, String) {
        let d = find(line).unwrap_or_else(|| panic!("no dateline in {line:?}"));
        (d.place, d.outlet, line[d.rest..].to_owned())
    }

    fn s(x: &str) -> Option<String> {
        Some(x.to_owned())
    }

    #[test]
    fn the_seed_shapes() {
        assert_eq!(
            parts("Lombok Timur Lombokfokus.com – Pemerintah Daerah Lombok Timur"),
            (
                s("Lombok Timur"),
                s("Lombokfokus.com"),
                "Pemerintah Daerah Lombok Timur".into()
            )
        );
        assert_eq!(
            parts("Mitrapolitika.com, Lebak Banten – Menjelang Pemilu"),
            (
                s("Lebak Banten"),
                s("Mitrapolitika.com"),
                "Menjelang Pemilu".into()
            )
        );
        assert_eq!(
            parts("LOTIM.LombokJoutnal.com ~ Deklarasi Netralitas"),
            (
                s("Lombok Timur"),
                s("LombokJournal.com"),
                "Deklarasi Netralitas".into()
            )
        );
        assert_eq!(
            parts("Mataram (ANTARA) - Penjabat (Pj) Gubernur"),
            (s("Mataram"), s("ANTARA"), "Penjabat (Pj) Gubernur".into())
        );
    }

    #[test]
    fn national_outlet_shapes() {
        assert_eq!(parts("JAKARTA, KOMPAS.com - Bawaslu").0, s("Jakarta"));
        assert_eq!(parts("JAKARTA, KOMPAS.com - Bawaslu").1, s("Kompas.com"));
        assert_eq!(parts("KOMPAS.com - Bawaslu").1, s("Kompas.com"));
        assert_eq!(parts("Jakarta - Bawaslu RI").0, s("Jakarta"));
        assert_eq!(parts("KUPANG - Pj Gubernur").0, s("Kupang"));
    }

    #[test]
    fn ordinary_sentences_are_not_datelines() {
        for line in [
            "Pj Gubernur NTB Lalu Gita Ariadi menegaskan pembacaan deklarasi",
            "Para ASN Lingkup Kecamatan Lembor, bersama TNI",
            "Raimundus menjelaskan netralitas merupakan suatu sikap",
            "Mataram (ANTARA) -",
            "Baru - baru ini Neymar merengkuh trofi",
        ] {
            assert_eq!(find(line), None, "{line}");
        }
    }

    #[test]
    fn outlet_typos_are_forgiven_only_in_long_names() {
        assert_eq!(outlet_name("lombokjoutnal.com"), "LombokJournal.com");
        assert_eq!(outlet_name("www.Kompas.com"), "Kompas.com");
        assert_eq!(outlet_name("Tempo.cx"), "Tempo.cx");
        assert_eq!(outlet_name("Unknownpost.id"), "Unknownpost.id");
    }
}
