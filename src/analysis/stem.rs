//! The Indonesian stemmer: Snowball's algorithm (from `frostem`) behind a repair
//! lexicon, `roots.txt`, for the words this domain lives on.
//!
//! In: one lowercased, ASCII-folded word. Out: its stem.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use frostem::{Algorithm, Stemmer};

const ROOTS: &str = include_str!("roots.txt");

static SNOWBALL: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::new(Algorithm::Indonesian));
static REPAIRS: LazyLock<Repairs> = LazyLock::new(|| Repairs::parse(ROOTS));

/// Shortest word handed to Snowball; shorter words are already roots.
const MIN_STEM_LEN: usize = 4;

/// Stems one word. Words with digits and short words are returned as they are.
pub fn stem(word: &str) -> Cow<'_, str> {
    if word.len() < MIN_STEM_LEN || word.bytes().any(|b| b.is_ascii_digit()) {
        return Cow::Borrowed(word);
    }
    if let Some(stem) = REPAIRS.map.get(word) {
        return Cow::Owned(stem.clone());
    }
    SNOWBALL.stem(word)
}

/// Whether `stem(word)` can be `stem`: a cheap test that is never false when it
/// is, so callers can skip stemming words that cannot match. Stemming removes
/// affixes and may change only the root's first letter (meN-/peN- drop or swap
/// it: menolak → tolak, penulis → tulis), so the stem's other letters are in the
/// word, in order.
pub fn may_stem_to(word: &str, stem: &str) -> bool {
    let rest = stem.char_indices().nth(1).map_or("", |(i, _)| &stem[i..]);
    word.contains(rest)
}

/// The expanded repair lexicon: surface form → stem.
#[derive(Debug, Default)]
pub(crate) struct Repairs {
    pub(crate) map: HashMap<String, String>,
    /// Forms that two entries generated with different stems (the first wins).
    pub(crate) conflicts: Vec<(String, String, String)>,
}

impl Repairs {
    pub(crate) fn parse(source: &str) -> Repairs {
        let mut generated = Repairs::default();
        let mut explicit = Vec::new();
        for line in source.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            if let Some((form, stem)) = line.split_once('=') {
                explicit.push((form.trim().to_owned(), stem.trim().to_owned()));
            } else if let Some(word) = line.strip_suffix('!') {
                let word = word.trim();
                for form in word_forms(word) {
                    generated.insert(form, word);
                }
            } else {
                for form in root_forms(line) {
                    generated.insert(form, line);
                }
            }
        }
        // Explicit lines override whatever the generator produced.
        for (form, stem) in explicit {
            generated.map.insert(form, stem);
        }
        generated
    }

    fn insert(&mut self, form: String, stem: &str) {
        match self.map.get(&form) {
            Some(existing) if existing != stem => {
                self.conflicts
                    .push((form, existing.clone(), stem.to_owned()));
            }
            Some(_) => {}
            None => {
                self.map.insert(form, stem.to_owned());
            }
        }
    }
}

/// A whole word and the few affixes that attach to it without changing it.
fn word_forms(word: &str) -> Vec<String> {
    ["", "nya", "lah", "an", "annya"]
        .iter()
        .map(|suffix| format!("{word}{suffix}"))
        .chain([format!("ke{word}an"), format!("se{word}")])
        .collect()
}

/// A root with the productive Indonesian prefixes and suffixes. Over-generation is
/// harmless: a form that is not a word never occurs in text.
fn root_forms(root: &str) -> Vec<String> {
    let men = nasal_prefix(root, "me");
    let pen = nasal_prefix(root, "pe");
    let prefixed = [
        String::new(),
        men.clone(),
        pen.clone(),
        format!("ke{pen}"),
        "di".to_owned(),
        "ter".to_owned(),
        "ber".to_owned(),
        "ke".to_owned(),
        "se".to_owned(),
        "per".to_owned(),
        "memper".to_owned(),
        "diper".to_owned(),
    ];
    const SUFFIXES: [&str; 9] = [
        "", "kan", "i", "an", "nya", "kannya", "inya", "annya", "lah",
    ];
    let mut forms = Vec::with_capacity(prefixed.len() * SUFFIXES.len());
    for prefix in &prefixed {
        // The nasal forms already carry the root (with its first consonant dropped).
        let stem_part = if prefix == &men || prefix == &pen || prefix.starts_with("kepe") {
            ""
        } else {
            root
        };
        for suffix in SUFFIXES {
            forms.push(format!("{prefix}{stem_part}{suffix}"));
        }
    }
    forms
}

/// meN- / peN- with the nasal assimilation of standard Indonesian, root included:
/// tolak → menolak, sebar → menyebar, kawal → mengawal, pantau → memantau.
fn nasal_prefix(root: &str, base: &str) -> String {
    let mut chars = root.chars();
    let first = chars.next().unwrap_or('a');
    let rest = chars.as_str();
    match first {
        'a' | 'e' | 'i' | 'o' | 'u' | 'g' | 'h' => format!("{base}ng{root}"),
        'k' => format!("{base}ng{rest}"),
        't' => format!("{base}n{rest}"),
        's' => format!("{base}ny{rest}"),
        'p' => format!("{base}m{rest}"),
        'b' | 'f' | 'v' => format!("{base}m{root}"),
        'c' | 'd' | 'j' | 'z' => format!("{base}n{root}"),
        _ => format!("{base}{root}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repairs_the_over_stemming_named_in_the_backbone_issue() {
        // Snowball alone: menetralkan→etral, pegawai→gawa, pemilu→pilu, menyatakan→sata,
        // penandatanganan→andatangan while ditandatangani→tandatangan.
        assert_eq!(stem("menetralkan"), "netral");
        assert_eq!(stem("pegawai"), "pegawai");
        assert_eq!(stem("kepegawaian"), "pegawai");
        assert_eq!(stem("pemilu"), "pemilu");
        assert_eq!(stem("menyatakan"), "nyata");
        assert_eq!(stem("pernyataan"), "nyata");
        for form in [
            "penandatanganan",
            "ditandatangani",
            "menandatangani",
            "tandatangani",
            "tandatangan",
        ] {
            assert_eq!(stem(form), "tandatangan", "{form}");
        }
    }

    #[test]
    fn keeps_offices_apart_from_the_words_snowball_confuses_them_with() {
        assert_eq!(stem("kecamatan"), "kecamatan"); // not camat (the official)
        assert_eq!(stem("kelurahan"), "kelurahan"); // not lurah
        assert_eq!(stem("kepala"), "kepala"); // not pala (nutmeg)
        assert_eq!(stem("peserta"), "peserta"); // not serta (and)
        assert_eq!(stem("pemerintahan"), "pemerintah"); // not perintah (order)
        assert_eq!(stem("mengawal"), "kawal"); // not awal (beginning)
        assert_eq!(stem("penjabat"), "penjabat"); // Pj, acting official
        assert_ne!(stem("penjabat"), stem("pejabat"));
    }

    #[test]
    fn one_family_one_stem() {
        for (root, forms) in [
            ("tolak", &["menolak", "penolakan", "ditolak"][..]),
            ("tegak", &["menegakkan", "menegakan", "penegakan"][..]),
            (
                "netral",
                &["netralitas", "kenetralan", "netral", "netralnya"][..],
            ),
            (
                "awas",
                &["mengawasi", "pengawasan", "pengawas", "diawasi"][..],
            ),
            ("pimpin", &["memimpin", "kepemimpinan", "pimpinan"][..]),
            (
                "deklarasi",
                &["deklarasikan", "mendeklarasikan", "dideklarasikan"][..],
            ),
        ] {
            for form in forms {
                assert_eq!(stem(form), root, "{form}");
            }
        }
    }

    #[test]
    fn leaves_numbers_and_short_words_alone() {
        assert_eq!(stem("2024"), "2024");
        assert_eq!(stem("asn"), "asn");
        assert_eq!(stem("ke2"), "ke2");
    }

    #[test]
    fn the_lexicon_generates_no_conflicting_forms() {
        let repairs = Repairs::parse(ROOTS);
        assert!(repairs.conflicts.is_empty(), "{:?}", repairs.conflicts);
        assert!(repairs.map.len() > 1000);
    }

    #[test]
    fn every_root_entry_repairs_something_snowball_gets_wrong() {
        // An entry whose whole family Snowball already stems right is dead weight.
        let repairs = Repairs::parse(ROOTS);
        let mut by_stem: HashMap<&str, Vec<&str>> = HashMap::new();
        for (form, stem) in &repairs.map {
            by_stem.entry(stem).or_default().push(form);
        }
        for (stem, forms) in by_stem {
            let wrong = forms
                .iter()
                .filter(|form| form.len() >= MIN_STEM_LEN)
                .any(|form| SNOWBALL.stem(form) != stem);
            assert!(wrong, "roots.txt entry `{stem}` repairs nothing");
        }
    }

    #[test]
    fn may_stem_to_holds_for_every_stem_the_stemmer_gives() {
        let repairs = Repairs::parse(ROOTS);
        for (form, stem) in &repairs.map {
            assert!(may_stem_to(form, stem), "{form} -> {stem}");
        }
        let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
        let mut checked = 0;
        for entry in std::fs::read_dir(seeds).expect("seeds") {
            let text = std::fs::read_to_string(entry.expect("entry").path()).expect("seed");
            for word in text
                .split(|c: char| !c.is_alphanumeric())
                .map(str::to_lowercase)
            {
                let s = stem(&word);
                assert!(may_stem_to(&word, &s), "{word} -> {s}");
                checked += 1;
            }
        }
        assert!(checked > 1000);
        assert!(!may_stem_to("kampanye", "tolak"));
    }

    #[test]
    fn nasal_assimilation() {
        assert_eq!(nasal_prefix("tolak", "me"), "menolak");
        assert_eq!(nasal_prefix("sebar", "pe"), "penyebar");
        assert_eq!(nasal_prefix("kawal", "me"), "mengawal");
        assert_eq!(nasal_prefix("pantau", "me"), "memantau");
        assert_eq!(nasal_prefix("nyata", "me"), "menyata");
        assert_eq!(nasal_prefix("awas", "pe"), "pengawas");
    }
}
