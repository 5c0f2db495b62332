//! Officials across the index: spelling variants of one person under one role
//! become one person, when searching and counting.
//!
//! In: the index's official facet terms (`/Pj Gubernur/Hasanudin`,
//! `/Pj Gubernur/Hassanudin`) with their article counts. Out: [`People`], which maps
//! every variant path to its person's canonical path, and a user's words to the
//! variant paths they mean.
//!
//! Variants are merged with the extraction's own rule
//! ([`official::same_person`]); the canonical spelling is the one in most
//! articles, then the fullest ("Muhammad Juaini Taofik" over "M. Juaini Taofik"),
//! then the longer ("Hassanudin" over "Hasanudin": a dropped letter is the likelier
//! typo). Merging at search time needs no re-index,
//! and stays right as articles with better spellings arrive.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io;
use std::path::Path;

use anyhow::Result;
use tantivy::schema::Facet;
use tantivy::Searcher;

use crate::extract::official;
use crate::facet::{FacetPath, OfficialPath};
use crate::schema::Fields;

/// The first line of a people file; the index state follows it.
const PEOPLE_HEADER: &str = "# netra people, for index state";

/// One person: a role, a canonical name, the variant paths and their articles.
#[derive(Debug, Clone)]
pub struct Person {
    pub role: String,
    pub name: String,
    pub variants: Vec<OfficialPath>,
}

impl Person {
    pub fn path(&self) -> OfficialPath {
        OfficialPath::new(self.role.as_str(), self.name.as_str())
    }
}

/// The people of an index.
#[derive(Debug, Default)]
pub struct People {
    pub people: Vec<Person>,
    renames: Renames,
}

/// Variant path → canonical path, for the spellings that are not canonical: all a
/// search needs to show hits and counts, and cheap to read.
#[derive(Debug, Default, Clone)]
pub struct Renames(HashMap<OfficialPath, OfficialPath>);

impl Renames {
    /// The canonical spelling of an official (itself when unknown).
    pub fn canonical(&self, official: &OfficialPath) -> OfficialPath {
        self.0
            .get(official)
            .cloned()
            .unwrap_or_else(|| official.clone())
    }

    /// A stored article's officials and leaders under their canonical spellings
    /// (a spelling repeated next to its own is listed once).
    pub fn canonical_officials(&self, article: &mut crate::schema::Stored) {
        for official in article.officials.iter_mut().chain(&mut article.leaders) {
            *official = self.canonical(official);
        }
        article.officials.dedup();
        article.leaders.dedup();
    }

    /// Reads the renames from a file written by [`People::write`] for index state
    /// `state`, without reading the people with one spelling.
    pub fn read(path: &Path, state: &str) -> Option<Renames> {
        let people = read_people(path, state, false)?;
        Some(Renames::of(&people))
    }

    fn of(people: &[Person]) -> Renames {
        Renames(
            people
                .iter()
                .flat_map(|p| {
                    let path = p.path();
                    p.variants
                        .iter()
                        .filter(|v| **v != path)
                        .map(|v| (v.clone(), path.clone()))
                        .collect::<Vec<_>>()
                })
                .collect(),
        )
    }
}

/// Separates, in a people file, the people with several spellings (first) from
/// those with one.
const ONE_SPELLING: &str = "# one spelling";

/// The people in a people file written for index state `state`: those with
/// several spellings, and with `all` those with one too.
fn read_people(path: &Path, state: &str, all: bool) -> Option<Vec<Person>> {
    let text = fs::read_to_string(path).ok()?;
    let mut lines = text.lines();
    if lines.next()?.strip_prefix(PEOPLE_HEADER)?.trim() != state {
        return None;
    }
    let mut people = Vec::new();
    for line in lines {
        if line == ONE_SPELLING {
            if !all {
                break;
            }
            continue;
        }
        people.push(parse_person(line)?);
    }
    Some(people)
}

fn parse_person(line: &str) -> Option<Person> {
    let mut cells = line.split('\t');
    let (role, name) = (cells.next()?, cells.next()?);
    // A cell that is not a two-step path: the file is damaged (and rebuilt).
    let variants = cells
        .map(|cell| OfficialPath::from_facet_path(&FacetPath::parse(cell).ok()?))
        .collect::<Option<Vec<_>>>()?;
    (!variants.is_empty()).then(|| Person {
        role: role.to_owned(),
        name: name.to_owned(),
        variants,
    })
}

impl People {
    /// Reads the official facet terms of every segment.
    pub fn of_index(searcher: &Searcher, fields: &Fields) -> Result<People> {
        let mut counts: BTreeMap<(String, String), u64> = BTreeMap::new();
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(fields.official)?;
            let mut stream = inverted.terms().stream()?;
            while stream.advance() {
                let Ok(facet) = Facet::from_encoded(stream.key().to_vec()) else {
                    continue;
                };
                if let [role, name] = facet.to_path().as_slice() {
                    *counts
                        .entry(((*role).to_owned(), (*name).to_owned()))
                        .or_default() += u64::from(stream.value().doc_freq);
                }
            }
        }
        Ok(People::from_counts(counts))
    }

    /// Writes the people to `path` (atomically), tagged with the index state they
    /// were read from, so that [`People::read`] can tell when they are stale.
    pub fn write(&self, path: &Path, state: &str) -> io::Result<()> {
        let mut text = format!("{PEOPLE_HEADER} {state}\n");
        let (several, one): (Vec<&Person>, Vec<&Person>) =
            self.people.iter().partition(|p| p.variants.len() > 1);
        for (n, p) in several.into_iter().chain(one.iter().copied()).enumerate() {
            if n > 0 && p.variants.len() == 1 && !text.contains(ONE_SPELLING) {
                text.push_str(ONE_SPELLING);
                text.push('\n');
            }
            let cells: Vec<String> = [p.role.clone(), p.name.clone()]
                .into_iter()
                .chain(p.variants.iter().map(OfficialPath::to_string))
                .collect();
            if cells.iter().any(|c| c.contains(['\t', '\n'])) {
                return Err(io::Error::other("a name holds a tab or a line break"));
            }
            text.push_str(&cells.join("\t"));
            text.push('\n');
        }
        let tmp = path.with_extension("tmp");
        fs::write(&tmp, text)?;
        fs::rename(&tmp, path)
    }

    /// Reads people written by [`People::write`] for index state `state`. `None`
    /// when the file is missing, damaged or written for another state.
    pub fn read(path: &Path, state: &str) -> Option<People> {
        read_people(path, state, true).map(People::from_people)
    }

    fn from_people(people: Vec<Person>) -> People {
        People {
            renames: Renames::of(&people),
            people,
        }
    }

    /// The renames of these people.
    pub fn renames(&self) -> &Renames {
        &self.renames
    }

    /// Clusters (role, name) spellings with their article counts.
    pub fn from_counts(counts: BTreeMap<(String, String), u64>) -> People {
        let mut people: Vec<(Person, u64)> = Vec::new();
        // Fullest spellings first, so each cluster starts from its best name.
        let mut spellings: Vec<((String, String), u64)> = counts.into_iter().collect();
        spellings.sort_by(|((ra, a), ca), ((rb, b), cb)| {
            ra.cmp(rb)
                .then_with(|| rank(b, *cb).cmp(&rank(a, *ca)))
                .then_with(|| a.cmp(b))
        });
        // Spellings are compared only within a block (role and the first letters
        // of the last word), so clustering stays near-linear on a large index.
        let mut blocks: HashMap<(String, String), Vec<usize>> = HashMap::new();
        for ((role, name), count) in spellings {
            let path = OfficialPath::new(role.as_str(), name.as_str());
            let block = blocks.entry((role.clone(), block_key(&name))).or_default();
            match block
                .iter()
                .copied()
                .find(|&i| official::same_person(&people[i].0.name, &name))
            {
                Some(i) => {
                    people[i].0.variants.push(path);
                    people[i].1 += count;
                }
                None => {
                    block.push(people.len());
                    people.push((
                        Person {
                            role,
                            name,
                            variants: vec![path],
                        },
                        count,
                    ));
                }
            }
        }
        join_single_names(&mut people);
        People::from_people(people.into_iter().map(|(p, _)| p).collect())
    }

    /// The canonical spelling of an official (itself when unknown).
    pub fn canonical(&self, official: &OfficialPath) -> OfficialPath {
        self.renames.canonical(official)
    }

    /// The spellings a user's words mean: `/Role/Name`, `/Role`, a role, a role
    /// and a name, or a name under any role. Empty when nothing matches.
    pub fn resolve(&self, words: &str) -> Vec<OfficialPath> {
        let words = words.trim();
        let lower = words.trim_start_matches('/').to_lowercase();
        let asked_role = official::role_prefix(&lower);
        let mut out = Vec::new();
        for p in &self.people {
            if asked_role.is_some_and(|r| r != p.role) {
                continue;
            }
            let role = p.role.to_lowercase();
            let wanted = if lower == role || asked_role.is_none() && role_has_words(&role, &lower) {
                true
            } else if let Some(name) = lower
                .strip_prefix(&role)
                .map(|rest| rest.trim_start_matches(['/', ' ']))
                .filter(|rest| !rest.is_empty())
            {
                official::same_person(name, &p.name.to_lowercase())
            } else {
                official::same_person(&lower, &p.name.to_lowercase())
            };
            if wanted {
                out.extend(p.variants.iter().cloned());
            }
        }
        out
    }

    /// Known people closest to `words`, for "did you mean".
    pub fn closest(&self, words: &str, n: usize) -> Vec<String> {
        let w = words.to_lowercase();
        let mut scored: Vec<(f64, String)> = self
            .people
            .iter()
            .map(|p| {
                let name = strsim::jaro_winkler(&w, &p.name.to_lowercase());
                let both =
                    strsim::jaro_winkler(&w, &format!("{} {}", p.role, p.name).to_lowercase());
                (name.max(both), p.path().to_string())
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().take(n).map(|(_, p)| p).collect()
    }
}

/// Whether every word of `words` is a word of `role` ("bawaslu" is a word of "ketua
/// bawaslu", so `--official Bawaslu` finds the chairs and members of every Bawaslu).
fn role_has_words(role: &str, words: &str) -> bool {
    let mut asked = words.split_whitespace().peekable();
    asked.peek().is_some() && asked.all(|w| role.split_whitespace().any(|r| r == w))
}

/// How many times more articles the person a single name joins must have than
/// every other person it fits together.
const DOMINANT: u64 = 5;

/// Joins a one-word spelling ("Baswedan", "Anies") to the person of its role
/// whose first or last name it is ("Anies Baswedan"): articles that name someone
/// by one name are that person's. When the word fits several people of the role,
/// it joins the one in [`DOMINANT`] times more articles than the rest (a stray
/// misspelt "Anie Rasyid Baswedan" does not block it); otherwise ("Wayan" of two
/// governors) it stays apart, since guessing would merge strangers.
fn join_single_names(people: &mut Vec<(Person, u64)>) {
    // (role, first or last word) → the people of several words with it.
    let mut by_word: HashMap<(String, String), Vec<usize>> = HashMap::new();
    for (i, (p, _)) in people.iter().enumerate() {
        let words: Vec<String> = p.name.split_whitespace().map(str::to_lowercase).collect();
        if let [first, .., last] = words.as_slice() {
            for w in [first, last] {
                let entry = by_word.entry((p.role.clone(), w.clone())).or_default();
                if !entry.contains(&i) {
                    entry.push(i);
                }
            }
        }
    }
    let mut into: Vec<Option<usize>> = vec![None; people.len()];
    for (i, (p, _)) in people.iter().enumerate() {
        if p.name.split_whitespace().count() != 1 {
            continue;
        }
        let Some(fits) = by_word.get(&(p.role.clone(), p.name.to_lowercase())) else {
            continue;
        };
        let count = |j: usize| people[j].1;
        let Some(&best) = fits
            .iter()
            .max_by_key(|&&j| (count(j), std::cmp::Reverse(j)))
        else {
            continue;
        };
        let others: u64 = fits.iter().filter(|&&j| j != best).map(|&j| count(j)).sum();
        if count(best) >= DOMINANT * others {
            into[i] = Some(best);
        }
    }
    for i in 0..people.len() {
        if let Some(target) = into[i] {
            let variants = std::mem::take(&mut people[i].0.variants);
            let count = people[i].1;
            people[target].0.variants.extend(variants);
            people[target].1 += count;
        }
    }
    let mut i = 0;
    people.retain(|_| {
        i += 1;
        into[i - 1].is_none()
    });
}

/// The block of a spelling: the first three letters of its last word (variants
/// that [`official::same_person`] merges share them: "Hasanudin", "Hassanudin").
fn block_key(name: &str) -> String {
    let last = name.split_whitespace().last().unwrap_or("");
    last.to_lowercase().chars().take(3).collect()
}

/// How good a spelling is as the canonical one: in more articles, then fuller (more
/// words, fewer initials), then longer. Frequency comes first so that a rare longer
/// spelling ("Atalia Ridwan Kamil", his wife, named after him) does not rename a
/// person most articles call "Ridwan Kamil".
fn rank(name: &str, articles: u64) -> (u64, usize, std::cmp::Reverse<usize>, usize) {
    let words = name.split_whitespace().count();
    let initials = name.split_whitespace().filter(|t| t.ends_with('.')).count();
    (articles, words, std::cmp::Reverse(initials), name.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn o(path: &str) -> OfficialPath {
        OfficialPath::from_facet_path(&FacetPath::parse(path).expect("a path")).expect("two steps")
    }

    fn people(entries: &[(&str, &str, u64)]) -> People {
        People::from_counts(
            entries
                .iter()
                .map(|(r, n, c)| (((*r).to_owned(), (*n).to_owned()), *c))
                .collect(),
        )
    }

    #[test]
    fn the_seed_spellings_merge_into_the_gold_names() {
        let p = people(&[
            ("Pj Bupati", "M. Juaini Taofik", 1),
            ("Pj Bupati", "Muhammad Juaini Taofik", 1),
            ("Pj Gubernur", "Hasanudin", 1),
            ("Pj Gubernur", "Hassanudin", 1),
            ("Pj Gubernur", "Lalu Gita Ariadi", 1),
        ]);
        assert_eq!(p.people.len(), 3);
        assert_eq!(
            p.canonical(&o("/Pj Bupati/M. Juaini Taofik")),
            o("/Pj Bupati/Muhammad Juaini Taofik")
        );
        assert_eq!(
            p.canonical(&o("/Pj Gubernur/Hasanudin")),
            o("/Pj Gubernur/Hassanudin")
        );
        assert_eq!(p.resolve("Hasanudin").len(), 2);
        assert_eq!(p.resolve("Pj Gubernur").len(), 3);
        assert_eq!(p.resolve("pj gubernur hassanudin").len(), 2);
        assert_eq!(p.resolve("/Pj Bupati/Juaini Taofik").len(), 2);
        assert!(p.resolve("Budi").is_empty());
        assert_eq!(p.closest("Hasanuddin", 1), ["/Pj Gubernur/Hassanudin"]);
    }

    #[test]
    fn the_spelling_most_articles_use_is_canonical() {
        // Regression from the 28k-article corpus.
        let p = people(&[
            ("Gubernur", "Ridwan Kamil", 61),
            ("Gubernur", "Atalia Ridwan Kamil", 4),
        ]);
        assert_eq!(
            p.canonical(&o("/Gubernur/Atalia Ridwan Kamil")),
            o("/Gubernur/Ridwan Kamil")
        );
    }

    #[test]
    fn people_written_for_a_state_are_read_back_only_for_that_state() {
        let p = people(&[
            ("Pj Gubernur", "Hasanudin", 1),
            ("Pj Gubernur", "Hassanudin", 2),
            ("Camat", "Ahmad Yani", 1),
        ]);
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("people.tsv");
        p.write(&path, "seg-a:0").expect("write");
        let back = People::read(&path, "seg-a:0").expect("same state");
        assert_eq!(back.people.len(), 2);
        assert_eq!(
            back.canonical(&o("/Pj Gubernur/Hasanudin")),
            o("/Pj Gubernur/Hassanudin")
        );
        assert_eq!(back.resolve("Ahmad Yani"), [o("/Camat/Ahmad Yani")]);
        assert!(People::read(&path, "seg-a:1").is_none());
        let renames = Renames::read(&path, "seg-a:0").expect("same state");
        assert_eq!(
            renames.canonical(&o("/Pj Gubernur/Hasanudin")),
            o("/Pj Gubernur/Hassanudin")
        );
        assert_eq!(renames.0.len(), 1);
        fs::write(&path, "garbage").expect("write");
        assert!(People::read(&path, "seg-a:0").is_none());
    }

    #[test]
    fn same_name_under_two_roles_stays_two_people() {
        let p = people(&[("Bupati", "Ahmad Yani", 2), ("Camat", "Ahmad Yani", 1)]);
        assert_eq!(p.people.len(), 2);
        assert_eq!(p.resolve("Ahmad Yani").len(), 2);
        assert_eq!(p.resolve("Camat Ahmad Yani"), [o("/Camat/Ahmad Yani")]);
    }

    #[test]
    fn an_institution_finds_its_offices_but_a_role_stays_exact() {
        let p = people(&[
            ("Ketua Bawaslu", "Ali Wafa", 2),
            ("Anggota Bawaslu", "Sri Wahyuni", 1),
            ("Ketua KPU", "Hasyim Asy'ari", 1),
            ("Bupati", "Ahmad Yani", 1),
            ("Pj Bupati", "Budi Santoso", 1),
        ]);
        let mut bawaslu = p.resolve("Bawaslu");
        bawaslu.sort();
        assert_eq!(
            bawaslu,
            [
                o("/Anggota Bawaslu/Sri Wahyuni"),
                o("/Ketua Bawaslu/Ali Wafa")
            ]
        );
        assert_eq!(p.resolve("bupati"), [o("/Bupati/Ahmad Yani")]);
        assert_eq!(p.resolve("Pj Bupati"), [o("/Pj Bupati/Budi Santoso")]);
        assert!(p.resolve("Panwascam").is_empty());
    }

    #[test]
    fn one_name_joins_the_one_person_it_fits() {
        let p = people(&[
            ("Gubernur", "Anies Baswedan", 199),
            ("Gubernur", "Anies Rasyid Baswedan", 27),
            ("Gubernur", "Baswedan", 14),
            ("Gubernur", "Anies", 3),
            ("Gubernur", "Wayan Koster", 12),
            ("Gubernur", "Made Mangku Pastika", 3),
            ("Gubernur", "Wayan Sutena", 5),
            ("Gubernur", "Anie Rasyid Baswedan", 1),
            ("Gubernur", "Wayan", 3),
            ("Bupati", "Baswedan", 1),
        ]);
        assert_eq!(
            p.canonical(&o("/Gubernur/Baswedan")),
            o("/Gubernur/Anies Baswedan")
        );
        assert_eq!(
            p.canonical(&o("/Gubernur/Anies")),
            o("/Gubernur/Anies Baswedan")
        );
        assert_eq!(
            p.canonical(&o("/Gubernur/Anies Rasyid Baswedan")),
            o("/Gubernur/Anies Baswedan")
        );
        // Two governors are called Wayan; another office's Baswedan is not his.
        assert_eq!(p.canonical(&o("/Gubernur/Wayan")), o("/Gubernur/Wayan"));
        assert_eq!(p.canonical(&o("/Bupati/Baswedan")), o("/Bupati/Baswedan"));
        assert_eq!(p.resolve("Anies Baswedan").len(), 4);
        assert_eq!(
            p.canonical(&o("/Gubernur/Anie Rasyid Baswedan")),
            o("/Gubernur/Anie Rasyid Baswedan")
        );
    }
}
