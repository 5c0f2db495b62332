//! [`Article`] → [`Facets`]: where the event happened, which officials acted, what
//! kind of pledge was made.
//!
//! In: a parsed article. Out: facet values as tantivy facet paths
//! (`/Nusa Tenggara Barat/Kabupaten Lombok Timur`, `/Pj Gubernur/Hassanudin`,
//! `/deklarasi`).
//!
//! Not built yet: the gazetteer, the role lexicon and the pledge rules arrive with
//! the facets issue. Until then every list is empty, and the keys are kept so that
//! `extract --json` and `search --json` already have their final shape.

use serde::Serialize;

use crate::article::Article;

/// The facets of one article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Facets {
    /// Region facet paths, most specific first.
    pub regions: Vec<String>,
    pub officials: Vec<Official>,
    /// Pledge type facet values (`deklarasi`, `pakta integritas`, …).
    pub pledges: Vec<String>,
}

/// An official named with a role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Official {
    pub role: String,
    pub name: String,
    /// The spellings found in this article.
    pub as_written: Vec<String>,
}

impl Official {
    /// The facet path, `/Role/Name`.
    pub fn path(&self) -> String {
        format!("/{}/{}", self.role, self.name)
    }
}

/// Extracts the facets of one article.
pub fn extract(_article: &Article) -> Facets {
    Facets::default()
}
