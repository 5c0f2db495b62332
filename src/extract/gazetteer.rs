//! The gazetteer: Indonesia's provinces, regencies/cities and districts, their
//! aliases, and a one-pass dictionary matcher over their names.
//!
//! In: text. Out: [`Mention`]s of place names, each with the areas it may name.
//! Data: `gazetteer.tsv`, `region_aliases.txt` and `display_names.txt` (see
//! `GAZETTEER.md`), turned into static tables at build time; `island_groups.txt`.
//! Looking a name up costs a binary search; the text matcher is built on first
//! use only.

use std::hash::Hasher;
use std::sync::{LazyLock, OnceLock};

use aho_corasick::{
    AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, Input, MatchKind, StartKind,
};
use fnv::FnvHashSet;

use crate::facet::RegionPath;
use crate::lexicon::{data_lines, one_edit_apart};

const ISLAND_GROUPS: &str = include_str!("island_groups.txt");

// AREA_TABLE, FORM_TABLE, NAME_TABLE, ALIAS_TABLE: gazetteer.tsv,
// region_aliases.txt and display_names.txt as tables, made by build.rs with
// `gazetteer_tables.rs`.
include!(concat!(env!("OUT_DIR"), "/gazetteer_tables.rs"));

/// An administrative level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Province,
    Regency,
    District,
}

/// One administrative area.
#[derive(Debug, Clone)]
pub struct Area {
    pub name: &'static str,
    pub level: Level,
    pub parent: Option<usize>,
}

impl Area {
    /// A regency that is a city (`Kota …`) rather than a `Kabupaten …`.
    pub fn is_city(&self) -> bool {
        self.level == Level::Regency && self.name.starts_with("Kota ")
    }
}

/// A place name found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    /// The areas the name may refer to.
    pub areas: Vec<usize>,
    /// Whether the name is an alias (NTB, Lotim) rather than a name.
    pub alias: bool,
}

/// The embedded gazetteer.
pub struct Gazetteer {
    pub areas: Vec<Area>,
    matcher: OnceLock<Matcher>,
}

/// The surface-form matcher.
struct Matcher {
    automaton: AhoCorasick,
    /// [`first_word`] of every form: a word that is none of them starts no name.
    first_words: FnvHashSet<u64>,
}

/// A hash of the word `text` starts with (its letters and digits, ASCII case
/// folded as the automaton folds it).
/// The index, at or after `from`, of the first ASCII capital or non-ASCII byte:
/// where a name may start. Eight bytes at a time (news text is mostly lower case).
fn next_capital_or_non_ascii(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let rest = bytes.get(from..)?;
    let mut chunks = rest.chunks_exact(8);
    for (n, chunk) in chunks.by_ref().enumerate() {
        let x = u64::from_le_bytes(chunk.try_into().expect("chunks of 8 bytes"));
        // Per byte, on its low seven bits (no carry crosses a byte): the high bit
        // of `low + 0x80 - k` is set where the byte is at least `k`.
        let low = x & !HIGH;
        let at_least_a = (low + ONES * u64::from(0x80 - b'A')) & HIGH;
        let past_z = (low + ONES * u64::from(0x80 - b'Z' - 1)) & HIGH;
        let hits = (x & HIGH) | (at_least_a & !past_z);
        if hits != 0 {
            return Some(from + n * 8 + (hits.trailing_zeros() / 8) as usize);
        }
    }
    let tail = chunks.remainder();
    tail.iter()
        .position(|&b| b >= 0x80 || b.is_ascii_uppercase())
        .map(|p| from + rest.len() - tail.len() + p)
}

fn first_word(text: &str) -> u64 {
    let mut h = fnv::FnvHasher::default();
    for c in text.chars().take_while(|c| c.is_alphanumeric()) {
        if c.is_ascii() {
            h.write_u8(c.to_ascii_lowercase() as u8);
        } else {
            h.write_u32(u32::from(c));
        }
    }
    h.finish()
}

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(Gazetteer::build);

/// The gazetteer, built on first use (from tables made at build time: cheap).
pub fn get() -> &'static Gazetteer {
    &GAZETTEER
}

/// What a user's words for a region mean ([`Gazetteer::resolve`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub areas: Vec<usize>,
    /// A reading the user may not expect, said on stderr or in the results.
    pub note: Option<String>,
}

/// The provinces of an island group named `name` (Sumatera, Kalimantan, Tanah
/// Papua, …; `island_groups.txt`), in any case.
pub fn island_group(name: &str) -> Option<Vec<usize>> {
    let key = name
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let g = get();
    data_lines(ISLAND_GROUPS).find_map(|line| {
        let (names, provinces) = line.split_once('=')?;
        names
            .split('|')
            .any(|n| n.trim().to_lowercase() == key)
            .then(|| {
                provinces
                    .split('|')
                    .filter_map(|p| {
                        g.lookup(p)
                            .into_iter()
                            .find(|&a| g.areas[a].level == Level::Province)
                    })
                    .collect()
            })
    })
}

/// The name a regency goes by without its `Kabupaten`/`Kota` prefix.
pub fn bare_name(name: &str) -> &str {
    for prefix in [
        "Kabupaten Administrasi ",
        "Kota Administrasi ",
        "Kabupaten ",
        "Kota ",
    ] {
        if let Some(bare) = name.strip_prefix(prefix) {
            return bare;
        }
    }
    name
}

impl Gazetteer {
    fn build() -> Gazetteer {
        let level = |l: u8| match l {
            0 => Level::Province,
            1 => Level::Regency,
            _ => Level::District,
        };
        let areas = AREA_TABLE
            .iter()
            .map(|&(name, l, parent)| Area {
                name,
                level: level(l),
                parent: (parent != u32::MAX).then_some(parent as usize),
            })
            .collect();
        Gazetteer {
            areas,
            matcher: OnceLock::new(),
        }
    }

    /// The matcher of every surface form, built on first use: a DFA, the fastest to
    /// search (about 60 ms to build), which a search by region never needs.
    fn matcher(&self) -> &Matcher {
        self.matcher.get_or_init(|| Matcher {
            automaton: AhoCorasickBuilder::new()
                .kind(Some(AhoCorasickKind::DFA))
                .start_kind(StartKind::Anchored)
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostLongest)
                .build(FORM_TABLE.iter().map(|(f, _, _)| f))
                .expect("gazetteer patterns build"),
            first_words: FORM_TABLE.iter().map(|(f, _, _)| first_word(f)).collect(),
        })
    }

    /// The facet path of an area: `/Province/Regency/District`.
    pub fn path(&self, mut i: usize) -> RegionPath {
        let mut steps = vec![self.areas[i].name];
        while let Some(parent) = self.areas[i].parent {
            steps.push(self.areas[parent].name);
            i = parent;
        }
        steps.reverse();
        RegionPath::new(steps).expect("a gazetteer area is one to three levels deep")
    }

    /// The area's province.
    pub fn province_of(&self, mut i: usize) -> usize {
        while let Some(parent) = self.areas[i].parent {
            i = parent;
        }
        i
    }

    /// The area's regency, if it is one or lies in one.
    pub fn regency_of(&self, i: usize) -> Option<usize> {
        match self.areas[i].level {
            Level::Province => None,
            Level::Regency => Some(i),
            Level::District => self.areas[i].parent,
        }
    }

    /// Place names in `text`: whole words, starting with a capital letter.
    ///
    /// The automaton runs anchored at each capitalised word start only (a tenth of
    /// the words in news text), not over every byte: many district names are also
    /// common words (Batu, Baru, Kota), and most of the text cannot start a name.
    pub fn find(&self, text: &str) -> Vec<Mention> {
        let Matcher {
            automaton,
            first_words,
        } = self.matcher();
        let mut found = Vec::new();
        let bytes = text.as_bytes();
        let mut i = 0;
        while let Some(at) = next_capital_or_non_ascii(bytes, i) {
            // `at` starts a character: every byte before it from `i` is ASCII.
            let Some(c) = text[at..].chars().next() else {
                break;
            };
            i = at + c.len_utf8();
            let after_alnum = text[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
            if !c.is_uppercase() || after_alnum {
                continue;
            }
            // Most capitalised words start no name: one hash rules them out.
            if !first_words.contains(&first_word(&text[at..])) {
                continue;
            }
            let input = Input::new(text).range(at..).anchored(Anchored::Yes);
            let Some(m) = automaton.find(input) else {
                continue;
            };
            if text[m.end()..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            let (_, areas, alias) = FORM_TABLE[m.pattern().as_usize()];
            found.push(Mention {
                start: m.start(),
                end: m.end(),
                areas: areas.iter().map(|&a| a as usize).collect(),
                alias,
            });
            // Go on after the name (its last character is a letter or digit).
            i = m.end();
        }
        found
    }

    /// The place name that `text` starts with, as a whole word (any case: the
    /// words after an office, "Bupati lombok timur", are not always capitalised).
    pub fn match_at(&self, text: &str) -> Option<Mention> {
        let Matcher {
            automaton,
            first_words,
        } = self.matcher();
        if !first_words.contains(&first_word(text)) {
            return None;
        }
        let m = automaton.find(Input::new(text).anchored(Anchored::Yes))?;
        if text[m.end()..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
        {
            return None;
        }
        let (_, areas, alias) = FORM_TABLE[m.pattern().as_usize()];
        Some(Mention {
            start: 0,
            end: m.end(),
            areas: areas.iter().map(|&a| a as usize).collect(),
            alias,
        })
    }

    /// Areas a user's words may mean: a facet path, a full name, a bare name or an
    /// alias, in any case.
    pub fn lookup(&self, query: &str) -> Vec<usize> {
        let q = query.trim();
        if q.starts_with('/') {
            let q = q.trim_end_matches('/').to_lowercase();
            return (0..self.areas.len())
                .filter(|&i| self.path(i).to_string().to_lowercase() == q)
                .collect();
        }
        let key = q
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        let key = key
            .strip_prefix("kab. ")
            .map(|rest| format!("kabupaten {rest}"))
            .unwrap_or(key);
        NAME_TABLE
            .binary_search_by(|(name, _)| (*name).cmp(key.as_str()))
            .map(|i| NAME_TABLE[i].1.iter().map(|&a| a as usize).collect())
            .unwrap_or_default()
    }

    /// An area's aliases (NTB, Lotim), as the press writes them.
    pub fn aliases_of(&self, area: usize) -> &'static [&'static str] {
        ALIAS_TABLE
            .binary_search_by_key(&area, |&(a, _)| a as usize)
            .map_or(&[], |i| ALIAS_TABLE[i].1)
    }

    /// Whether `name` is an alias (in any case) rather than a name.
    pub fn is_alias(&self, name: &str) -> bool {
        let key = name
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        FORM_TABLE
            .binary_search_by(|(form, _, _)| (*form).cmp(key.as_str()))
            .is_ok_and(|i| FORM_TABLE[i].2)
    }

    /// Provinces, regencies and cities whose name is one letter from `name` (a
    /// typo of a well-known place: "Makasar" for Makassar), not `name` itself.
    pub fn near_larger(&self, name: &str) -> Vec<usize> {
        let key = name.trim().to_lowercase();
        (0..self.areas.len())
            .filter(|&i| self.areas[i].level != Level::District)
            .filter(|&i| {
                let bare = bare_name(self.areas[i].name).to_lowercase();
                bare != key && one_edit_apart(&bare, &key)
            })
            .collect()
    }

    /// The areas a user means by `words` (a `--region` value, a `facets region`
    /// path): a facet path, a name, an alias or an island group; a district one
    /// letter from a larger place reads as that place, and the note says so.
    pub fn resolve(&self, words: &str) -> Resolved {
        if let Some(provinces) = island_group(words) {
            return Resolved {
                areas: provinces,
                note: Some(format!(
                    "`{}` is an island group: its provinces",
                    words.trim()
                )),
            };
        }
        let areas = self.lookup(words);
        let districts_only = !areas.is_empty()
            && areas
                .iter()
                .all(|&a| self.areas[a].level == Level::District);
        if districts_only && !words.trim().starts_with('/') {
            let larger = self.near_larger(words);
            if !larger.is_empty() {
                let paths = |list: &[usize]| -> String {
                    list.iter()
                        .map(|&a| self.path(a).to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                let note = format!(
                    "`{}` read as {} (one letter from it); the district of that name is {}",
                    words.trim(),
                    paths(&larger),
                    paths(&areas)
                );
                return Resolved {
                    areas: larger,
                    note: Some(note),
                };
            }
        }
        Resolved { areas, note: None }
    }

    /// The names closest to `query`, for "did you mean".
    pub fn closest(&self, query: &str, n: usize) -> Vec<String> {
        let q = query.trim().to_lowercase();
        let mut scored: Vec<(f64, &str, &[u32])> = NAME_TABLE
            .iter()
            .map(|&(name, areas)| (strsim::jaro_winkler(&q, name), name, areas))
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
        let mut out: Vec<String> = Vec::new();
        for (_, name, areas) in scored {
            let shown = if areas.len() == 1 {
                self.path(areas[0] as usize).to_string()
            } else {
                name.to_owned()
            };
            if !out.contains(&shown) {
                out.push(shown);
            }
            if out.len() == n {
                break;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_capital_scan_stops_where_a_byte_test_does() {
        let texts = [
            "",
            "a",
            "Z",
            "abcdefgh",
            "abcdefghI",
            "abcdefgÉ",
            "@[`{ AZaz 09 ~\x7f",
            "di kabupaten lombok timur, kata Camat. è lalu Ölà",
        ];
        for text in texts {
            let bytes = text.as_bytes();
            for from in 0..=bytes.len() + 1 {
                let naive = bytes
                    .get(from..)
                    .and_then(|rest| {
                        rest.iter()
                            .position(|&b| b >= 0x80 || b.is_ascii_uppercase())
                    })
                    .map(|p| from + p);
                assert_eq!(
                    next_capital_or_non_ascii(bytes, from),
                    naive,
                    "{text:?} from {from}"
                );
            }
        }
        // Every byte value, at every offset of a chunk.
        for b in 0..=255u8 {
            for k in 0..16 {
                let mut bytes = vec![b'x'; 16];
                bytes[k] = b;
                let expect = (b >= 0x80 || b.is_ascii_uppercase()).then_some(k);
                assert_eq!(
                    next_capital_or_non_ascii(&bytes, 0),
                    expect,
                    "byte {b} at {k}"
                );
            }
        }
    }

    #[test]
    fn the_whole_country_is_there() {
        let g = get();
        let count = |level| g.areas.iter().filter(|a| a.level == level).count();
        assert_eq!(count(Level::Province), 38);
        assert_eq!(count(Level::Regency), 514);
        assert_eq!(count(Level::District), 7285);
        assert!(g
            .areas
            .iter()
            .skip(1)
            .all(|a| a.level == Level::Province || a.parent.is_some()));
    }

    #[test]
    fn every_alias_names_one_area_and_jakarta_is_shown_as_users_write_it() {
        let aliases = include_str!("region_aliases.txt");
        for line in data_lines(aliases).filter(|l| l.contains('=')) {
            let (alias, _) = line.split_once('=').expect("alias line");
            let g = get();
            assert_eq!(g.lookup(alias).len(), 1, "{alias}");
            assert!(g.is_alias(alias), "{alias}");
        }
        let g = get();
        for name in [
            "DKI Jakarta",
            "Daerah Khusus Ibukota Jakarta",
            "daerah khusus  jakarta",
            "DKI",
        ] {
            let found = g.lookup(name);
            assert_eq!(found.len(), 1, "{name}");
            assert_eq!(g.path(found[0]).to_string(), "/DKI Jakarta", "{name}");
        }
        assert_eq!(
            g.path(g.lookup("Jaksel")[0]).to_string(),
            "/DKI Jakarta/Kota Administrasi Jakarta Selatan"
        );
        assert!(g.aliases_of(g.lookup("NTB")[0]).contains(&"NTB"));
    }

    #[test]
    fn island_groups_name_existing_provinces() {
        for line in data_lines(ISLAND_GROUPS) {
            let (names, provinces) = line.split_once('=').expect("group = provinces");
            let first = names.split('|').next().expect("a name").trim();
            let found = island_group(first).expect("the group");
            assert_eq!(found.len(), provinces.split('|').count(), "{first}");
        }
        let all: usize = [
            "Sumatera",
            "Jawa",
            "Kalimantan",
            "Sulawesi",
            "Nusa Tenggara",
            "Maluku Raya",
            "Tanah Papua",
        ]
        .iter()
        .map(|g| island_group(g).expect("a group").len())
        .sum();
        assert_eq!(all, 38, "every province in one group");
        assert!(island_group("Maluku").is_none(), "the province's name");
    }

    #[test]
    fn users_words_resolve_to_groups_typos_and_names() {
        let g = get();
        let sulawesi = g.resolve("Sulawesi");
        assert_eq!(sulawesi.areas.len(), 6);
        assert!(sulawesi.note.is_some());
        let makasar = g.resolve("Makasar");
        assert_eq!(
            makasar
                .areas
                .iter()
                .map(|&a| g.path(a).to_string())
                .collect::<Vec<_>>(),
            ["/Sulawesi Selatan/Kota Makassar"]
        );
        assert!(makasar.note.expect("a note").contains("Jakarta Timur"));
        // A path means exactly that place.
        let exact = g.resolve("/DKI Jakarta/Kota Administrasi Jakarta Timur/Makasar");
        assert_eq!(exact.areas.len(), 1);
        assert_eq!(exact.note, None);
        assert_eq!(g.resolve("Jatim").areas, g.lookup("Jawa Timur"));
    }

    #[test]
    fn paths_and_lookups() {
        let g = get();
        let lembor = g.lookup("Lembor");
        assert_eq!(lembor.len(), 1);
        assert_eq!(
            g.path(lembor[0]).to_string(),
            "/Nusa Tenggara Timur/Kabupaten Manggarai Barat/Lembor"
        );
        assert_eq!(
            g.path(g.lookup("NTB")[0]).to_string(),
            "/Nusa Tenggara Barat"
        );
        assert_eq!(
            g.path(g.lookup("lotim")[0]).to_string(),
            "/Nusa Tenggara Barat/Kabupaten Lombok Timur"
        );
        assert_eq!(g.lookup("/Banten/Kabupaten Lebak").len(), 1);
        assert_eq!(g.lookup("Kab. Lebak"), g.lookup("Kabupaten Lebak"));
        assert_eq!(g.lookup("Bogor").len(), 2, "Kabupaten Bogor and Kota Bogor");
        assert!(g.lookup("Atlantis").is_empty());
        // A city's name of two words, written as one, as the press often does.
        assert_eq!(g.lookup("Sungaipenuh"), g.lookup("Kota Sungai Penuh"));
        assert_eq!(
            g.find("Apel digelar di Tanjungpinang, Senin")
                .iter()
                .map(|m| g.path(m.areas[0]).to_string())
                .collect::<Vec<_>>(),
            ["/Kepulauan Riau/Kota Tanjung Pinang"]
        );
        assert!(g
            .closest("Lombok Timor", 3)
            .iter()
            .any(|n| n.contains("Lombok Timur")));
    }

    #[test]
    fn finds_capitalised_whole_words_only() {
        let g = get();
        let names = |t: &str| -> Vec<String> {
            g.find(t)
                .iter()
                .map(|m| t[m.start..m.end].to_owned())
                .collect()
        };
        assert_eq!(
            names("Pj Bupati Lotim dan Gubernur NTB di Lombok Timur"),
            ["Lotim", "NTB", "Lombok Timur"]
        );
        assert_eq!(names("batu besar di tengah jalan"), Vec::<String>::new());
        assert_eq!(names("NTBX dan XNTB"), Vec::<String>::new());
    }
}
