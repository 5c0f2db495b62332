//! The Indonesian stemmer: Snowball's algorithm (from `frostem`) behind a repair
//! lexicon, `roots.txt`, for the words this domain lives on.
//!
//! In: one lowercased, ASCII-folded word. Out: its stem.

use std::borrow::Cow;
use std::sync::LazyLock;

use frostem::{Algorithm, Stemmer};

static SNOWBALL: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::new(Algorithm::Indonesian));

// `REPAIRS`: roots.txt expanded by build.rs (with `super::repairs`), sorted by form.
include!(concat!(env!("OUT_DIR"), "/repairs.rs"));

/// The stem the repair lexicon gives `word`, if it lists it.
fn repaired(word: &str) -> Option<&'static str> {
    REPAIRS
        .binary_search_by(|(form, _)| (*form).cmp(word))
        .ok()
        .map(|i| REPAIRS[i].1)
}

/// Shortest word handed to Snowball; shorter words are already roots.
const MIN_STEM_LEN: usize = 4;

/// Stems one word. Words [`is_own_stem`] tells apart (short, with digits, under
/// three vowels) are returned as they are.
pub fn stem(word: &str) -> Cow<'_, str> {
    if is_own_stem(word) {
        return Cow::Borrowed(word);
    }
    if let Some(stem) = repaired(word) {
        return Cow::Borrowed(stem);
    }
    SNOWBALL.stem(word)
}

/// Whether `stem(word)` is `word`, told without stemming for most words of a
/// text: words too short to stem or with a digit, and words with fewer than three
/// vowels (Snowball's Indonesian stemmer removes nothing from them, and no repair
/// changes one: a test checks the lexicon). False means "stem it to know".
pub fn is_own_stem(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() < MIN_STEM_LEN
        || b.iter().any(u8::is_ascii_digit)
        || b.iter()
            .filter(|c| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u'))
            .count()
            < 3
}

/// Whether `stem(word)` can be `stem`: a cheap test that is never false when it
/// is, so callers can skip stemming words that cannot match. Stemming removes
/// affixes and may change only the root's first letter (meN-/peN- drop or swap
/// it: menolak → tolak, penulis → tulis), so the stem's other letters are in the
/// word, in order.
pub fn may_stem_to(word: &str, stem: &str) -> bool {
    may_stem_to_rest(word, stem_rest(stem))
}

/// What [`may_stem_to`] looks for in a word: the stem but its first letter. For
/// callers that test many words against one stem.
pub fn stem_rest(stem: &str) -> &str {
    stem.char_indices().nth(1).map_or("", |(i, _)| &stem[i..])
}

/// [`may_stem_to`], given the stem's [`stem_rest`].
pub fn may_stem_to_rest(word: &str, rest: &str) -> bool {
    // Words are short: a plain scan beats a substring search's set-up, and byte by
    // byte beats a library comparison's call.
    let (r, w) = (rest.as_bytes(), word.as_bytes());
    let Some(&first) = r.first() else {
        return true;
    };
    r.len() <= w.len()
        && (0..=w.len() - r.len()).any(|i| {
            w[i] == first
                && w[i + 1..i + r.len()]
                    .iter()
                    .zip(&r[1..])
                    .all(|(a, b)| a == b)
        })
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::super::repairs::{nasal_prefix, Repairs};
    use super::*;

    const ROOTS: &str = include_str!("roots.txt");

    #[test]
    fn words_told_to_be_their_own_stems_are() {
        for (form, stem) in REPAIRS {
            assert!(
                !is_own_stem(form) || form == stem,
                "repair {form} -> {stem}"
            );
        }
        let text = [
            include_str!("../../seeds/000_8b95b8f6524e9c30.txt"),
            include_str!("../../seeds/001_12474692b2b8d984.txt"),
            include_str!("../../seeds/002_79a728709b280e4b.txt"),
            include_str!("../../seeds/003_f8318f46ffd7935e.txt"),
            include_str!("../../seeds/004_79d523f8d6890ab8.txt"),
        ]
        .concat()
        .to_lowercase();
        let mut told = 0;
        for word in text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            if is_own_stem(word) {
                // What `stem` would give without the shortcut.
                let full = if word.len() < MIN_STEM_LEN || word.bytes().any(|b| b.is_ascii_digit())
                {
                    Cow::Borrowed(word)
                } else {
                    repaired(word).map_or_else(|| SNOWBALL.stem(word), Cow::Borrowed)
                };
                assert_eq!(full, word);
                told += 1;
            }
        }
        assert!(told > 500, "{told}");
        for word in [
            "dan", "yang", "asn", "2024", "kades", "camat", "ikrar", "pns",
        ] {
            assert!(is_own_stem(word), "{word}");
        }
        for word in ["bupati", "menetralkan", "pemilu", "deklarasi"] {
            assert!(!is_own_stem(word), "{word}");
        }
    }

    #[test]
    fn the_built_table_is_the_lexicon_expanded() {
        let repairs = Repairs::parse(ROOTS);
        assert_eq!(REPAIRS.len(), repairs.map.len());
        for (form, stem) in REPAIRS {
            assert_eq!(repairs.map.get(*form).map(String::as_str), Some(*stem));
        }
        assert!(REPAIRS.windows(2).all(|w| w[0].0 < w[1].0));
    }

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
                &["kenetralan", "netral", "netralnya", "menetralkan"][..],
            ),
            // Loanword derivations keep their own stems (another meaning).
            ("netralitas", &["netralitas", "netralitasnya"][..]),
            ("netralisir", &["menetralisir", "netralisir"][..]),
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
