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

use anyhow::Result;
use tantivy::schema::Facet;
use tantivy::Searcher;

use crate::extract::official;
use crate::schema::Fields;

/// One person: a role, a canonical name, the variant paths and their articles.
#[derive(Debug, Clone)]
pub struct Person {
    pub role: String,
    pub name: String,
    pub variants: Vec<String>,
}

impl Person {
    pub fn path(&self) -> String {
        Facet::from_path([&self.role, &self.name]).to_path_string()
    }
}

/// The people of an index.
#[derive(Debug, Default)]
pub struct People {
    pub people: Vec<Person>,
    canonical: HashMap<String, String>,
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
            let path = Facet::from_path([&role, &name]).to_path_string();
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
        let canonical = people
            .iter()
            .flat_map(|(p, _)| p.variants.iter().map(move |v| (v.clone(), p.path())))
            .collect();
        People {
            people: people.into_iter().map(|(p, _)| p).collect(),
            canonical,
        }
    }

    /// The canonical path of a variant path (itself when unknown).
    pub fn canonical(&self, path: &str) -> String {
        self.canonical
            .get(path)
            .cloned()
            .unwrap_or_else(|| path.to_owned())
    }

    /// The variant paths a user's words mean: `/Role/Name`, `/Role`, a role, a
    /// role and a name, or a name under any role. Empty when nothing matches.
    pub fn resolve(&self, words: &str) -> Vec<String> {
        let words = words.trim();
        let lower = words.trim_start_matches('/').to_lowercase();
        let asked_role = official::role_prefix(&lower);
        let mut out = Vec::new();
        for p in &self.people {
            if asked_role.is_some_and(|r| r != p.role) {
                continue;
            }
            let role = p.role.to_lowercase();
            let wanted = if lower == role {
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
                (name.max(both), p.path())
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().take(n).map(|(_, p)| p).collect()
    }
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
            p.canonical("/Pj Bupati/M. Juaini Taofik"),
            "/Pj Bupati/Muhammad Juaini Taofik"
        );
        assert_eq!(
            p.canonical("/Pj Gubernur/Hasanudin"),
            "/Pj Gubernur/Hassanudin"
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
            p.canonical("/Gubernur/Atalia Ridwan Kamil"),
            "/Gubernur/Ridwan Kamil"
        );
    }

    #[test]
    fn same_name_under_two_roles_stays_two_people() {
        let p = people(&[("Bupati", "Ahmad Yani", 2), ("Camat", "Ahmad Yani", 1)]);
        assert_eq!(p.people.len(), 2);
        assert_eq!(p.resolve("Ahmad Yani").len(), 2);
        assert_eq!(p.resolve("Camat Ahmad Yani"), ["/Camat/Ahmad Yani"]);
    }
}
