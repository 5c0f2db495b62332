//! [`RawArticle`] → [`Record`]: what the text stages make of one input — the parsed
//! article, its facets and its id. Tantivy-free: `netra extract` prints records,
//! and [`crate::schema`] turns them into index documents.
//!
//! Identity: an article's id is its JSONL `id`, or else a hash of its cleaned title
//! and body, so the same story scraped twice (with different sidebars) is one
//! article.

use std::hash::Hasher;

use serde::Serialize;

use crate::article::{self, Article};
use crate::extract::{self, Facets, Official};
use crate::sketch;
use crate::source::{Given, RawArticle, SkipReason};
use crate::topic;

/// One article ready to index: identity, parsed article and facets.
#[derive(Debug, Clone, Serialize)]
pub struct Record {
    pub id: String,
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(flatten)]
    pub article: Article,
    #[serde(flatten)]
    pub facets: Facets,
    /// The body's near-duplicate sketch ([`crate::sketch`]).
    #[serde(skip)]
    pub sketch: Vec<u64>,
    /// How much it is about elections ([`crate::topic`]).
    #[serde(skip)]
    pub topic: u8,
}

/// Parses one raw article and extracts its facets. An input with nothing left
/// once boilerplate is removed is not an article.
pub fn record(raw: &RawArticle) -> Result<Record, SkipReason> {
    let article = article::parse(&raw.text, &raw.meta);
    if article.body.trim().is_empty() && article.own_title().is_none() {
        return Err(SkipReason::OnlyBoilerplate);
    }
    let mut facets = extract::extract(&article);
    given(&mut facets, &raw.given);
    // The body's words, hashed once for the sketch and the topic.
    let body_words: Vec<u64> = article::words(&article.body).collect();
    let sketch = sketch::of_words(body_words.iter().copied());
    let title_words = article::words(article.own_title().unwrap_or(""));
    let topic = topic::of_words(title_words.chain(body_words.iter().copied()));
    let id = match &raw.id {
        Some(id) => id.clone(),
        None => content_id(article.own_title().unwrap_or(""), &article.body),
    };
    Ok(Record {
        id,
        path: raw.origin.path.display().to_string(),
        line: raw.origin.line,
        article,
        facets,
        sketch,
        topic,
    })
}

/// Facets that came with the input replace what extraction found.
fn given(facets: &mut Facets, given: &Given) {
    if let Some(regions) = &given.regions {
        facets.regions = regions.clone();
    }
    if let Some(pledges) = &given.pledges {
        facets.pledges = pledges.clone();
    }
    if let Some(officials) = &given.officials {
        facets.officials = officials
            .iter()
            .map(|o| Official {
                role: o.role.clone(),
                name: o.name.clone(),
                as_written: vec![o.name.clone()],
                led: false,
            })
            .collect();
    }
    if given.officials.is_some() || given.leaders.is_some() {
        let leaders = given.leaders.as_deref().unwrap_or_default();
        for o in &mut facets.officials {
            o.led = leaders.contains(&o.path());
        }
        // A leader is an official of the article too.
        for l in leaders {
            if !facets.officials.iter().any(|o| o.path() == *l) {
                facets.officials.push(Official {
                    role: l.role.clone(),
                    name: l.name.clone(),
                    as_written: vec![l.name.clone()],
                    led: true,
                });
            }
        }
    }
}

/// A stable id from an article's cleaned text (FNV-1a, 64 bits, as 16 hex digits).
fn content_id(title: &str, body: &str) -> String {
    let mut h = fnv::FnvHasher::default();
    h.write(title.as_bytes());
    h.write(b"\n");
    h.write(body.as_bytes());
    format!("{:016x}", h.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Meta;
    use crate::source::Origin;

    fn raw(text: &str) -> RawArticle {
        RawArticle {
            origin: Origin {
                path: "x.txt".into(),
                line: None,
            },
            id: None,
            text: text.to_owned(),
            meta: Meta::default(),
            given: Default::default(),
        }
    }

    #[test]
    fn ids_ignore_the_sidebar_but_not_the_story() {
        let story = "Judul Berita Yang Cukup Panjang\n\nIsi berita pertama.\n\nIsi kedua.";
        let a = record(&raw(&format!("{story}\n\nTerkini\n\nBerita lain hari ini"))).expect("ok");
        let b = record(&raw(&format!("{story}\n\nTerkini\n\nBerita lain besok"))).expect("ok");
        let c = record(&raw(&story.replace("pertama", "kedua"))).expect("ok");
        assert_eq!(a.id, b.id);
        assert_ne!(a.id, c.id);
        assert_eq!(a.id.len(), 16);
    }

    #[test]
    fn a_page_of_boilerplate_is_rejected() {
        assert_eq!(
            record(&raw("Sebarkan artikel ini\n\nBaca Juga: Berita lain")).unwrap_err(),
            SkipReason::OnlyBoilerplate
        );
    }
}
