//! What the index knows, for reading a query ([`Knowledge`]): how many articles
//! hold a word, and the officials' spellings clustered at the last commit.

use std::cell::OnceCell;

use tantivy::{Searcher, Term};

use super::people::People;
use crate::analysis::WordScanner;
use crate::lexicon::one_edit_apart;
use crate::query::understand::Knowledge;
use crate::store::Store;

/// The index of a store's searcher, as the query's reader sees it.
pub(super) struct IndexKnowledge<'a> {
    store: &'a Store,
    searcher: &'a Searcher,
    /// Read on first need: most queries name no official.
    people: OnceCell<Option<&'a People>>,
}

impl<'a> IndexKnowledge<'a> {
    pub(super) fn new(store: &'a Store, searcher: &'a Searcher) -> IndexKnowledge<'a> {
        IndexKnowledge {
            store,
            searcher,
            people: OnceCell::new(),
        }
    }

    fn people(&self) -> Option<&'a People> {
        *self
            .people
            .get_or_init(|| self.store.people(self.searcher).ok())
    }
}

impl Knowledge for IndexKnowledge<'_> {
    fn articles(&self) -> u64 {
        self.searcher.num_docs()
    }

    fn doc_freq(&self, word: &str) -> u64 {
        let words = WordScanner::default().words(word);
        let [token] = words.as_slice() else {
            return 0;
        };
        let term = Term::from_field_text(self.store.fields.body, &token.text);
        self.searcher.doc_freq(&term).unwrap_or(0)
    }

    fn spellings(&self, forms: &[String]) -> Vec<String> {
        let Some(people) = self.people() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for person in people.people.iter().filter(|p| p.variants.len() > 1) {
            let words = |name: &str| -> Vec<String> {
                name.split_whitespace().map(str::to_lowercase).collect()
            };
            let holds = person
                .variants
                .iter()
                .any(|v| words(&v.name).iter().any(|w| forms.contains(w)));
            if !holds {
                continue;
            }
            for variant in &person.variants {
                out.extend(
                    words(&variant.name).into_iter().filter(|w| {
                        !forms.contains(w) && forms.iter().any(|f| one_edit_apart(f, w))
                    }),
                );
            }
        }
        out.sort();
        out.dedup();
        out
    }
}
