//! [`Article`] → [`Facets`]: where the event happened, which officials acted, what
//! kind of pledge was made.
//!
//! In: a parsed article. Out: typed facet values ([`crate::facet`]):
//! `/Nusa Tenggara Barat/Kabupaten Lombok Timur`, `/Pj Gubernur/Hassanudin`,
//! `deklarasi`.
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
use crate::facet::{OfficialPath, PledgeType, RegionPath};

/// The facets of one article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Facets {
    /// Where the event happened, most weight first.
    pub regions: Vec<RegionPath>,
    pub officials: Vec<Official>,
    pub pledges: Vec<PledgeType>,
}

/// An official named with a role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Official {
    pub role: String,
    pub name: String,
    /// The spellings found in this article.
    pub as_written: Vec<String>,
    /// Led the pledge: led it, read it out, signed it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub led: bool,
}

impl Official {
    /// The facet value, `/Role/Name`.
    pub fn path(&self) -> OfficialPath {
        OfficialPath::new(self.role.as_str(), self.name.as_str())
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
