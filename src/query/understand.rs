//! What the query's words mean in Indonesian election news: places, acronyms and
//! names, each read as a [`Unit`] searched as any of its alternatives.
//!
//! In: a parsed [`Expr`] and what is known ([`Knowledge`]: the index's words, the
//! officials' spellings). Out: the expression with runs of plain words replaced
//! by units, and what was understood, to show the user ([`Understood`]).
//!
//! Only plain required words are read this way: quoted phrases, excluded words and
//! words after `-` are taken as written.
//!
//! - **Acronyms** (`expansions.txt`, both ways): `ASN` also finds "aparatur sipil
//!   negara"; "money politic" also finds `politik uang`.
//! - **Places**: a province, regency, city or district name, one to four words
//!   ("Lombok Timur", "Kota Mataram", "Nusa Tenggara Barat"), or a nickname (Jabar,
//!   Lotim, Mabar, NTB). It matches the articles whose event place lies in it, and
//!   those that name it (by any of its names). Words that are also ordinary words
//!   stay words unless the query says place: a capital letter or a word such as
//!   `kabupaten`, `kota` or `kecamatan` before them ("Negara", "Batu", "Malang"),
//!   and names shared by more than two regencies stay words ("Kota Baru"). A
//!   district name that is one letter from a regency's or a province's is read as
//!   the larger place ("Makasar" for Kota Makassar), and the other is named.
//!   Island groups (Sumatera, Jawa, Kalimantan, Sulawesi, Bali-Nusa Tenggara,
//!   Kepulauan Maluku, Tanah Papua) are their provinces.
//! - **Names**: a capitalised word that is rare in the index and is not a place
//!   also finds the index's other spellings of it: those the officials' spelling
//!   clusters hold, and one-step variants Indonesian names are written with
//!   (Rahman/Rachman, Ahmad/Akhmad, Setyo/Setiyo/Setio, Syamsul/Samsul,
//!   Taofik/Taufik, Hasanudin/Hassanudin), ranked below the spelling typed.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use serde::Serialize;

use super::Expr;
use crate::extract::gazetteer::{self, Gazetteer, Level};
use crate::facet::{PledgeType, RegionPath};
use crate::lexicon::data_lines;

const EXPANSIONS: &str = include_str!("expansions.txt");

/// What a run of query words was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum UnitKind {
    Place,
    Expansion,
    Name,
    Pledge,
}

/// Words read as one thing, searched as any of its alternatives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub kind: UnitKind,
    /// The words as typed.
    pub text: String,
    pub alternatives: Vec<Alternative>,
}

/// One way a unit may match an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Alternative {
    /// The words as typed or another name for them: one word by its stem, several
    /// as an exact phrase.
    Words(String),
    /// Another spelling of a name: the exact word, ranked below the typed one.
    Spelling(String),
    /// Articles whose event place lies in this region.
    Region(RegionPath),
    /// Articles that report a pledge of this type, whatever word they use.
    Pledge(PledgeType),
}

/// What was understood, as shown to the user.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Understood {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<Reading>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub expansions: Vec<Reading>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<Reading>,
    /// Pledge words, which also find the other pledges' reports.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pledges: Vec<Reading>,
    /// Readings that were possible and not chosen, and why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// One unit as shown: `Jabar → region /Jawa Barat`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reading {
    pub text: String,
    /// Regions (places only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<String>,
    /// Other words searched for it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<String>,
}

impl Understood {
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
            && self.expansions.is_empty()
            && self.names.is_empty()
            && self.pledges.is_empty()
            && self.notes.is_empty()
    }

    fn record(&mut self, unit: &Unit) {
        let mut reading = Reading {
            text: unit.text.clone(),
            regions: Vec::new(),
            also: Vec::new(),
        };
        for alternative in &unit.alternatives {
            match alternative {
                Alternative::Region(path) => reading.regions.push(path.to_string()),
                Alternative::Pledge(kind) => reading.also.push(format!("pledge {kind}")),
                Alternative::Words(w) | Alternative::Spelling(w) => {
                    if !w.eq_ignore_ascii_case(&unit.text) {
                        reading.also.push(w.clone());
                    }
                }
            }
        }
        match unit.kind {
            UnitKind::Place => self.places.push(reading),
            UnitKind::Expansion => self.expansions.push(reading),
            UnitKind::Name => self.names.push(reading),
            UnitKind::Pledge => self.pledges.push(reading),
        }
    }
}

/// What the index knows, for reading a query.
pub trait Knowledge {
    /// The articles in the index.
    fn articles(&self) -> u64;
    /// The articles whose text holds this exact word (lowercased, accent-folded).
    fn doc_freq(&self, word: &str) -> u64;
    /// Other spellings of a name word that the officials' spelling clusters
    /// merged: of every official one of whose spellings holds one of `forms`
    /// (lowercased words), the words of the other spellings one letter from one
    /// of `forms` ("hasanudin" → "hassanudin"). Empty when none.
    fn spellings(&self, forms: &[String]) -> Vec<String>;
}

/// Longest run of words read as one place or acronym.
const MAX_UNIT_WORDS: usize = 4;
/// A capitalised word in more than this share of the articles is an ordinary word
/// or a very common name, not spelled other ways.
const NAME_MAX_SHARE: f64 = 0.005;
/// A place name in more than this share of the articles (in any sense) is also an
/// ordinary word ("negara", "batu"): a place only when the query says so.
const ORDINARY_SHARE: f64 = 0.02;
/// A word in fewer articles is never common, whatever their share (a small index
/// has few articles).
const MIN_COMMON_DF: u64 = 10;
/// Names shared by more regencies than this stay words without a cue.
const MAX_PLACES: usize = 2;
/// Shorter words are never read as names.
const MIN_NAME_LEN: usize = 4;

/// Reads the plain words of `expr`; returns the new expression and what it holds.
pub fn understand(expr: Expr, known: &dyn Knowledge) -> (Expr, Understood) {
    let mut understood = Understood::default();
    let expr = rewrite(expr, known, &mut understood);
    (expr, understood)
}

fn rewrite(expr: Expr, known: &dyn Knowledge, understood: &mut Understood) -> Expr {
    match expr {
        Expr::Word(_) => {
            let mut items = read_run(vec![expr], known, understood);
            items.pop().expect("one word reads as one item")
        }
        Expr::And { must, must_not } => {
            // Runs of adjacent plain words are read together ("Lombok Timur").
            let mut out = Vec::new();
            let mut run = Vec::new();
            for e in must {
                if matches!(e, Expr::Word(_)) {
                    run.push(e);
                    continue;
                }
                out.extend(read_run(std::mem::take(&mut run), known, understood));
                out.push(rewrite(e, known, understood));
            }
            out.extend(read_run(run, known, understood));
            Expr::And {
                must: out,
                must_not,
            }
        }
        Expr::Or(alternatives) => Expr::Or(
            alternatives
                .into_iter()
                .map(|e| rewrite(e, known, understood))
                .collect(),
        ),
        other => other,
    }
}

/// What the words at a place in the query were read as.
enum Read {
    Unit(Unit),
    /// A place name too ambiguous to be one: its words stay words, all of them.
    Words,
}

/// A run of plain words → words and units, in order.
fn read_run(run: Vec<Expr>, known: &dyn Knowledge, understood: &mut Understood) -> Vec<Expr> {
    let words: Vec<String> = run
        .iter()
        .map(|e| match e {
            Expr::Word(w) => w.clone(),
            _ => unreachable!("a run holds plain words"),
        })
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        match unit_at(&words, i, known, understood) {
            Some((Read::Unit(unit), len)) => {
                understood.record(&unit);
                out.push(Expr::Unit(unit));
                i += len;
            }
            Some((Read::Words, len)) => {
                out.extend(words[i..i + len].iter().cloned().map(Expr::Word));
                i += len;
            }
            None => {
                out.push(Expr::Word(words[i].clone()));
                i += 1;
            }
        }
    }
    out
}

/// What starts at word `i`, the longest reading first, and how many words it
/// takes.
fn unit_at(
    words: &[String],
    i: usize,
    known: &dyn Knowledge,
    understood: &mut Understood,
) -> Option<(Read, usize)> {
    for len in (1..=MAX_UNIT_WORDS.min(words.len() - i)).rev() {
        let text = words[i..i + len].join(" ");
        if let Some(unit) = expansion(&text) {
            return Some((Read::Unit(with_pledges(unit)), len));
        }
        if is_oath(&text) {
            let unit = Unit {
                kind: UnitKind::Pledge,
                text: text.clone(),
                alternatives: vec![Alternative::Words(text)],
            };
            return Some((Read::Unit(with_pledges(unit)), len));
        }
        let cue = i.checked_sub(1).map(|p| words[p].to_lowercase());
        if let Some(read) = place(&text, cue.as_deref(), known, understood) {
            return Some((read, len));
        }
    }
    name(&words[i], known).map(|unit| (Read::Unit(unit), 1))
}

/// A line of `expansions.txt`: forms that find each other, or (one way) forms
/// that also find others.
struct Expansion {
    /// Forms that find every form of the line, lowercased.
    finding: Vec<String>,
    /// Forms found only (the right of a `>` line).
    found: Vec<String>,
}

static EXPANSION_TABLE: LazyLock<Vec<Expansion>> = LazyLock::new(|| {
    let forms = |text: &str| -> Vec<String> {
        text.split('|')
            .map(normalise)
            .filter(|f| !f.is_empty())
            .collect()
    };
    data_lines(EXPANSIONS)
        .map(|line| match line.split_once('>') {
            Some((left, right)) => Expansion {
                finding: forms(left),
                found: forms(right),
            },
            None => Expansion {
                finding: forms(line),
                found: Vec::new(),
            },
        })
        .collect()
});

/// Every form of every line of `expansions.txt`, lowercased (what the index marks
/// as one token when it has several words: [`crate::analysis::phrases`]).
pub(crate) fn expansion_forms() -> impl Iterator<Item = &'static str> {
    EXPANSION_TABLE
        .iter()
        .flat_map(|line| line.finding.iter().chain(&line.found))
        .map(String::as_str)
}

fn normalise(text: &str) -> String {
    text.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The pledges an analyst asks for by any of their names: a search for an
/// `ikrar` also finds, ranked lower, the reports of a `deklarasi` or a `pakta
/// integritas` of the same kind of event. An apel or a signing is no oath.
const OATHS: [PledgeType; 4] = [
    PledgeType::Ikrar,
    PledgeType::Deklarasi,
    PledgeType::PaktaIntegritas,
    PledgeType::KomitmenBersama,
];

/// Whether `text` names one of the [`OATHS`] (`ikrar`, `fakta integritas`).
fn is_oath(text: &str) -> bool {
    PledgeType::from_name(text).is_some_and(|t| OATHS.contains(&t))
}

/// A unit whose words name an oath (`ikrar`, `pakta integritas`) also finds the
/// articles that report any oath ([`OATHS`]).
fn with_pledges(mut unit: Unit) -> Unit {
    if is_oath(&unit.text) {
        unit.alternatives
            .extend(OATHS.iter().map(|&t| Alternative::Pledge(t)));
    }
    unit
}

/// The words as an acronym or an expansion (`expansions.txt`).
fn expansion(text: &str) -> Option<Unit> {
    let key = normalise(text);
    let line = EXPANSION_TABLE
        .iter()
        .find(|line| line.finding.contains(&key))?;
    let mut alternatives = vec![Alternative::Words(text.to_owned())];
    alternatives.extend(
        line.finding
            .iter()
            .chain(&line.found)
            .filter(|f| **f != key)
            .map(|f| Alternative::Words(f.clone())),
    );
    Some(Unit {
        kind: UnitKind::Expansion,
        text: text.to_owned(),
        alternatives,
    })
}

/// Words before a name that say it is a place.
const PLACE_CUES: &[&str] = &[
    "kabupaten",
    "kab",
    "kota",
    "provinsi",
    "kecamatan",
    "kec",
    "pemkab",
    "pemkot",
    "pemprov",
    "bupati",
    "walikota",
    "gubernur",
    "camat",
    "di",
];

/// A place named `text` (`None`: no place has that name).
fn place(
    text: &str,
    cue: Option<&str>,
    known: &dyn Knowledge,
    understood: &mut Understood,
) -> Option<Read> {
    let g = gazetteer::get();
    if let Some(provinces) = gazetteer::island_group(text) {
        let alternatives = std::iter::once(Alternative::Words(text.to_owned()))
            .chain(
                provinces
                    .into_iter()
                    .map(|p| Alternative::Region(g.path(p))),
            )
            .collect();
        return Some(Read::Unit(Unit {
            kind: UnitKind::Place,
            text: text.to_owned(),
            alternatives,
        }));
    }
    let areas = g.lookup(text);
    if areas.is_empty() {
        return None;
    }
    let cue = Cue {
        word: cue.is_some_and(|c| PLACE_CUES.contains(&c.trim_end_matches('.'))),
        capital: text.chars().next().is_some_and(char::is_uppercase),
        words: text.split_whitespace().count(),
    };
    let Some(areas) = chosen_areas(g, text, areas, cue, known, understood) else {
        return Some(Read::Words);
    };
    let mut alternatives = vec![Alternative::Words(text.to_owned())];
    let mut names = BTreeSet::new();
    for &a in &areas {
        names.extend(place_names(g, a));
    }
    names.remove(&normalise(text));
    alternatives.extend(names.into_iter().map(Alternative::Words));
    alternatives.extend(areas.iter().map(|&a| Alternative::Region(g.path(a))));
    Some(Read::Unit(Unit {
        kind: UnitKind::Place,
        text: text.to_owned(),
        alternatives,
    }))
}

/// The names an article may call an area by: its aliases, and its bare name when
/// no other regency or city shares it; else the ways the press writes that one
/// ("pemkab bogor", "bupati bogor" for Kabupaten Bogor, not Kota Bogor).
fn place_names(g: &Gazetteer, a: usize) -> Vec<String> {
    let area = &g.areas[a];
    let bare = gazetteer::bare_name(area.name).to_lowercase();
    let mut names: Vec<String> = g.aliases_of(a).iter().map(|n| normalise(n)).collect();
    let shared = g
        .lookup(&bare)
        .iter()
        .any(|&other| other != a && g.areas[other].level == area.level);
    if !shared {
        names.push(bare);
    } else if area.level == Level::Regency {
        let cues: &[&str] = if area.is_city() {
            &["kota", "pemkot", "wali kota", "walikota"]
        } else {
            &["kabupaten", "kab", "pemkab", "bupati"]
        };
        names.extend(cues.iter().map(|cue| format!("{cue} {bare}")));
    }
    names
}

/// What the query says of a name that may be a place.
#[derive(Clone, Copy)]
struct Cue {
    /// A word such as `kabupaten`, `kecamatan` or `di` stands before it.
    word: bool,
    /// It is written with a capital.
    capital: bool,
    /// How many words it has.
    words: usize,
}

/// Which of the areas a place name may mean are meant, if any: the largest level
/// named, unless the name is an ordinary word the query does not mark as a place,
/// or names too many places.
fn chosen_areas(
    g: &Gazetteer,
    text: &str,
    areas: Vec<usize>,
    cue: Cue,
    known: &dyn Knowledge,
    understood: &mut Understood,
) -> Option<Vec<usize>> {
    let top = areas.iter().map(|&a| g.areas[a].level).min()?;
    let mut chosen: Vec<usize> = areas
        .iter()
        .copied()
        .filter(|&a| g.areas[a].level == top)
        .collect();
    let is_alias = g.is_alias(text);
    if top == Level::District {
        // "Makasar" is a district, and one letter from Kota Makassar.
        let larger = g.near_larger(text);
        if !larger.is_empty() {
            understood.notes.push(format!(
                "`{text}` read as {} (one letter from it); the district {} is `--region '{}'`",
                join_paths(g, &larger),
                text,
                join_paths(g, &chosen)
            ));
            return Some(larger);
        }
    }
    // A regency or city needs a capital or a cue when its name is an ordinary
    // word; a district needs a cue word, or a capital and a rare name.
    let ordinary = !is_alias && top != Level::Province && is_common(text, known);
    let said = match top {
        Level::District => cue.word || (cue.capital && !ordinary) || cue.words > 1 && !ordinary,
        _ => !ordinary || cue.word || cue.capital || cue.words > 1,
    };
    if !said {
        return None;
    }
    if chosen.len() > MAX_PLACES && !is_alias {
        understood.notes.push(format!(
            "`{text}` names {} places: searched as words (use --region to pick one)",
            chosen.len()
        ));
        return None;
    }
    chosen.sort_unstable();
    Some(chosen)
}

fn join_paths(g: &Gazetteer, areas: &[usize]) -> String {
    areas
        .iter()
        .map(|&a| g.path(a).to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether every word of `text` is frequent in the index: an ordinary word.
fn is_common(text: &str, known: &dyn Knowledge) -> bool {
    let n = known.articles().max(1) as f64;
    text.split_whitespace().all(|w| {
        let df = known.doc_freq(&w.to_lowercase());
        df > MIN_COMMON_DF && df as f64 / n > ORDINARY_SHARE
    })
}

/// A rare capitalised word as a name: the spelling typed, and its other
/// spellings that the index holds: one step away by [`SPELLING_PAIRS`], and
/// those the officials' spelling clusters merged with any of these.
fn name(word: &str, known: &dyn Knowledge) -> Option<Unit> {
    let capitalised = word.chars().next().is_some_and(char::is_uppercase)
        && word.chars().skip(1).any(char::is_lowercase);
    let lower = word.to_lowercase();
    if !capitalised
        || lower.chars().count() < MIN_NAME_LEN
        || !lower.chars().all(char::is_alphabetic)
    {
        return None;
    }
    let n = known.articles().max(1) as f64;
    let df = known.doc_freq(&lower);
    if df > MIN_COMMON_DF && df as f64 / n > NAME_MAX_SHARE {
        return None;
    }
    let mut forms = spelling_variants(&lower);
    forms.insert(lower.clone());
    let forms: Vec<String> = forms.into_iter().collect();
    let mut spellings: BTreeSet<String> = known.spellings(&forms).into_iter().collect();
    spellings.extend(forms.iter().filter(|v| known.doc_freq(v) > 0).cloned());
    spellings.remove(&lower);
    if spellings.is_empty() {
        return None;
    }
    let mut alternatives = vec![Alternative::Words(word.to_owned())];
    alternatives.extend(spellings.into_iter().map(Alternative::Spelling));
    Some(Unit {
        kind: UnitKind::Name,
        text: word.to_owned(),
        alternatives,
    })
}

/// Letters Indonesian names are written with either way, each pair both ways: old
/// and new spellings, aspirated and plain consonants, vowels heard alike.
const SPELLING_PAIRS: &[(&str, &str)] = &[
    ("ch", "h"),
    ("kh", "h"),
    ("kh", "k"),
    ("dh", "d"),
    ("th", "t"),
    ("sy", "s"),
    ("iy", "y"),
    ("i", "iy"),
    ("y", "i"),
    ("o", "u"),
    ("oe", "u"),
    ("dj", "j"),
    ("tj", "c"),
    ("j", "y"),
];

/// Every spelling one step from `word`: one pair of [`SPELLING_PAIRS`] swapped at
/// one place, or one letter doubled or undoubled.
pub fn spelling_variants(word: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for &(a, b) in SPELLING_PAIRS {
        for (from, to) in [(a, b), (b, a)] {
            for (at, _) in word.match_indices(from) {
                out.insert(format!("{}{to}{}", &word[..at], &word[at + from.len()..]));
            }
        }
    }
    let chars: Vec<char> = word.chars().collect();
    for i in 0..chars.len() {
        let c = chars[i];
        if !c.is_alphabetic() {
            continue;
        }
        // Doubled: Hasanudin → Hassanudin.
        let mut doubled = chars.clone();
        doubled.insert(i, c);
        out.insert(doubled.into_iter().collect());
        // Undoubled: Hassanudin → Hasanudin.
        if i + 1 < chars.len() && chars[i + 1] == c {
            let mut single = chars.clone();
            single.remove(i);
            out.insert(single.into_iter().collect());
        }
    }
    out.remove(word);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::one_edit_apart;
    use crate::query::parse;
    use std::collections::HashMap;

    /// An index of a thousand articles that knows some words.
    struct Fake(HashMap<&'static str, u64>, Vec<String>);

    impl Knowledge for Fake {
        fn articles(&self) -> u64 {
            1000
        }
        fn doc_freq(&self, word: &str) -> u64 {
            self.0.get(word).copied().unwrap_or(0)
        }
        fn spellings(&self, forms: &[String]) -> Vec<String> {
            // One official, two spellings: "Juaini Taofik", "Juaini Taufiq".
            let words: Vec<String> = self
                .1
                .iter()
                .flat_map(|s| {
                    s.to_lowercase()
                        .split_whitespace()
                        .map(str::to_owned)
                        .collect::<Vec<_>>()
                })
                .collect();
            if !words.iter().any(|w| forms.contains(w)) {
                return Vec::new();
            }
            words
                .into_iter()
                .filter(|w| !forms.contains(w) && forms.iter().any(|f| one_edit_apart(f, w)))
                .collect()
        }
    }

    fn fake() -> Fake {
        Fake(
            HashMap::from([
                ("negara", 300),
                ("batu", 60),
                ("kota", 400),
                ("baru", 250),
                ("taofik", 2),
                ("rachman", 1),
                ("rahman", 3),
                ("setiyo", 1),
                ("netralitas", 120),
                ("ikrar", 40),
            ]),
            vec![
                "Muhammad Juaini Taofik".to_owned(),
                "Juaini Taufiq".to_owned(),
            ],
        )
    }

    fn read(q: &str) -> (Expr, Understood) {
        understand(parse(q).expect("parses"), &fake())
    }

    fn places(q: &str) -> Vec<(String, Vec<String>)> {
        read(q)
            .1
            .places
            .into_iter()
            .map(|r| (r.text, r.regions))
            .collect()
    }

    #[test]
    fn nicknames_and_multi_word_names_are_places() {
        assert_eq!(
            places("ikrar netralitas Jabar"),
            [("Jabar".to_owned(), vec!["/Jawa Barat".to_owned()])]
        );
        assert_eq!(
            places("pilkada lotim"),
            [(
                "lotim".to_owned(),
                vec!["/Nusa Tenggara Barat/Kabupaten Lombok Timur".to_owned()]
            )]
        );
        assert_eq!(
            places("netralitas Nusa Tenggara Barat"),
            [(
                "Nusa Tenggara Barat".to_owned(),
                vec!["/Nusa Tenggara Barat".to_owned()]
            )]
        );
        assert_eq!(
            places("apel Kota Mataram"),
            [(
                "Kota Mataram".to_owned(),
                vec!["/Nusa Tenggara Barat/Kota Mataram".to_owned()]
            )]
        );
        // The place's other names are searched too.
        let (expr, _) = read("deklarasi Jabar");
        let Expr::And { must, .. } = expr else {
            panic!("two words")
        };
        let Expr::Unit(unit) = &must[1] else {
            panic!("a unit")
        };
        assert!(unit
            .alternatives
            .contains(&Alternative::Words("jawa barat".to_owned())));
    }

    #[test]
    fn ambiguous_words_stay_words_unless_the_query_says_place() {
        // "negara" the word (the district Negara needs a capital or a cue).
        let (expr, understood) = read("aparat negara netral");
        assert!(understood.places.is_empty(), "{understood:?}");
        assert!(matches!(expr, Expr::And { .. }));
        // "Kota Baru" names several districts, and is one letter from Kotabaru
        // (which the press also writes "Kota Baru"): the regency, said so.
        let (_, understood) = read("deklarasi Kota Baru");
        assert_eq!(
            understood.places[0].regions,
            ["/Kalimantan Selatan/Kabupaten Kotabaru"]
        );
        assert!(understood.notes[0].contains("Kota Baru"), "{understood:?}");
        // Names shared by many districts and near no regency stay words.
        let (_, understood) = read("deklarasi Sungai Raya");
        assert!(understood.places.is_empty(), "{understood:?}");
        assert!(understood.notes[0].contains("places"), "{understood:?}");
        // "batu" is an ordinary word; "Kota Batu" is the city.
        assert!(places("batu netralitas").is_empty());
        assert_eq!(
            places("Kota Batu netralitas")[0].1,
            ["/Jawa Timur/Kota Batu"]
        );
        // "Bima" is both the regency and the city.
        assert_eq!(places("Bima ikrar")[0].1.len(), 2);
    }

    #[test]
    fn a_typo_of_a_larger_place_is_that_place_and_the_other_is_named() {
        let (_, understood) = read("Makasar apel ikrar");
        assert_eq!(
            understood.places[0].regions,
            ["/Sulawesi Selatan/Kota Makassar"]
        );
        assert!(
            understood.notes[0].contains("Makasar") && understood.notes[0].contains("Jakarta"),
            "{understood:?}"
        );
    }

    #[test]
    fn island_groups_are_their_provinces() {
        let sulawesi = &places("netralitas ASN Sulawesi")[0].1;
        assert_eq!(sulawesi.len(), 6);
        assert!(sulawesi.contains(&"/Gorontalo".to_owned()));
    }

    #[test]
    fn acronyms_expand_both_ways_but_not_in_quotes_and_derivations_one_way() {
        let (_, u) = read("aparatur sipil negara Lombok Timur");
        assert_eq!(u.expansions[0].text, "aparatur sipil negara");
        assert!(u.expansions[0].also.contains(&"asn".to_owned()));
        assert_eq!(u.places[0].text, "Lombok Timur");
        let (_, u) = read("ASN money politic");
        assert!(
            u.expansions[1].also.contains(&"politik uang".to_owned()),
            "{u:?}"
        );
        let (expr, u) = read("\"ASN\" ikrar");
        assert!(u.expansions.is_empty());
        assert!(matches!(expr, Expr::And { .. }));
        // One way: netral also finds netralitas, not back.
        let (_, u) = read("netral");
        assert_eq!(u.expansions[0].also, ["netralitas"]);
        assert!(read("netralitas").1.expansions.is_empty());
    }

    #[test]
    fn an_oath_word_also_finds_the_reports_of_any_oath() {
        let (_, u) = read("ikrar netralitas");
        assert_eq!(u.pledges[0].text, "ikrar");
        assert!(u.pledges[0].also.contains(&"pledge deklarasi".to_owned()));
        // "pakta integritas" is an expansion (fakta integritas) and an oath.
        let (_, u) = read("pakta integritas kepala desa");
        assert!(u.expansions[0]
            .also
            .contains(&"fakta integritas".to_owned()));
        assert!(u.expansions[0].also.contains(&"pledge ikrar".to_owned()));
        // An apel or a signing is no oath; quoted words are themselves only.
        assert!(read("apel siaga").1.pledges.is_empty());
        assert!(read("penandatanganan").1.pledges.is_empty());
        assert!(read("\"ikrar\"").1.pledges.is_empty());
    }

    #[test]
    fn rare_capitalised_names_find_their_other_spellings() {
        let (_, u) = read("Juaini Taufik");
        assert_eq!(u.names[0].text, "Taufik");
        // The other spellings the officials' clusters merged with it.
        let (_, u) = read("Juaini Taufik");
        assert_eq!(u.names[0].also, ["taofik", "taufiq"], "{u:?}");
        // One letter away from a name no official goes by is not a spelling:
        // Bahri is not Bakri.
        assert!(read("Tawfik netralitas").1.names.is_empty());
        let (_, u) = read("Rahman netralitas");
        assert_eq!(u.names[0].also, ["rachman"]);
        // Lower-case, common or short words are not names.
        assert!(read("rahman netralitas").1.names.is_empty());
        assert!(read("Netralitas Ikrar").1.names.is_empty());
    }

    #[test]
    fn spelling_variants_are_one_step() {
        let v = spelling_variants("setyo");
        assert!(v.contains("setiyo") && v.contains("setio"));
        assert!(spelling_variants("akhmad").contains("ahmad"));
        assert!(spelling_variants("syamsul").contains("samsul"));
        assert!(spelling_variants("hasanudin").contains("hassanudin"));
        assert!(spelling_variants("hassanudin").contains("hasanudin"));
        assert!(spelling_variants("rahman").contains("rachman"));
        assert!(!spelling_variants("rahman").contains("rahman"));
    }
}
