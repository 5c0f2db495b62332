//! [`Article`] → [`Facets`]: where the event happened, which officials acted, what
//! kind of pledge was made.
//!
//! In: a parsed article. Out: facet values as tantivy facet paths
//! (`/Nusa Tenggara Barat/Kabupaten Lombok Timur`, `/Pj Gubernur/Hassanudin`,
//! `/deklarasi`).
//!
//! - [`region`]: where the event happened, resolved against the [`gazetteer`]
//!   (all provinces, regencies/cities and districts, with press aliases).
//! - [`pledge`]: the kind of pledge the article reports.
//! - [`official`]: officials named with a role, spellings merged within the article.
//!
//! Facet extraction reads only the parsed article; it is independent of the text
//! analysis used for search.

pub mod gazetteer;
pub mod official;
pub mod pledge;
pub mod region;

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
pub fn extract(article: &Article) -> Facets {
    Facets {
        regions: region::extract(article),
        officials: official::extract(article),
        pledges: pledge::extract(article),
    }
}
