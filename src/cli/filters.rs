//! The filter flags shared by `search` and `facets`, and the index location: the
//! user's words → a validated [`Filters`] and date bounds.

use std::env;
use std::path::PathBuf;

use anyhow::{bail, Result};
use clap::Args;

use crate::article::PubDate;
use crate::facet::RegionPath;
use crate::search::{self, Filters};

const DEFAULT_INDEX: &str = "index";
const INDEX_ENV: &str = "NETRA_INDEX";

/// Filters shared by `search` and `facets`.
#[derive(Debug, Args)]
pub(super) struct FilterArgs {
    /// Only articles about this region and the places inside it: a name, an alias or
    /// a facet path (NTB, Lotim, "Lombok Timur", "Kota Mataram", /Banten/Kabupaten Lebak).
    /// Repeat for any of several
    #[arg(long, value_name = "REGION")]
    region: Vec<String>,
    /// Only articles reporting this pledge type: deklarasi, ikrar, "komitmen bersama",
    /// "pakta integritas" (or "fakta integritas"), penandatanganan, apel. Repeat for any
    /// of several
    #[arg(long, value_name = "TYPE")]
    pledge: Vec<String>,
    /// Only articles naming this official: a role ("Pj Gubernur", Sekda, Camat), a
    /// name (Hassanudin; spelling variants included), both ("Pj Gubernur Hassanudin"),
    /// or a facet path. Repeat for any of several
    #[arg(long, value_name = "OFFICIAL")]
    official: Vec<String>,
    /// Only articles dated on or after DATE: 2024, 2024-10, 2024-10-31, 31/10/2024,
    /// "31 Oktober 2024" or "Oktober 2024"
    #[arg(long, value_name = "DATE", value_parser = parse_date_bound)]
    since: Option<PubDate>,
    /// Only articles dated on or before DATE (written as for --since)
    #[arg(long, value_name = "DATE", value_parser = parse_date_bound)]
    until: Option<PubDate>,
}

/// What the filter flags ask for.
pub(super) struct Resolved {
    pub filters: Filters,
    pub since: Option<PubDate>,
    pub until: Option<PubDate>,
}

impl FilterArgs {
    /// Checks the filters and turns the user's words into facet values. Ambiguous
    /// region names are noted on stderr; unknown ones are errors with suggestions.
    pub(super) fn resolve(&self) -> Result<Resolved> {
        if let (Some(since), Some(until)) = (self.since, self.until) {
            if since.day_range().0 > until.day_range().1 {
                bail!("--since {since} is after --until {until}: nothing can match");
            }
        }
        let mut regions = Vec::new();
        for name in &self.region {
            regions.extend(resolve_region(name, "--region")?);
        }
        let mut pledges = Vec::new();
        for p in &self.pledge {
            pledges.push(search::pledge_of(p).map_err(anyhow::Error::msg)?);
        }
        Ok(Resolved {
            filters: Filters {
                regions,
                officials: self.official.clone(),
                pledges,
            },
            since: self.since,
            until: self.until,
        })
    }
}

/// The regions a user's words mean, with what was chosen said on stderr (an
/// ambiguous name, an island group, a typo of a larger place); an unknown name
/// is an error that names the closest. `flag` names where the words came from.
pub(super) fn resolve_region(name: &str, flag: &str) -> Result<Vec<RegionPath>> {
    let (paths, note) = search::regions_of(name).map_err(anyhow::Error::msg)?;
    if let Some(note) = note {
        eprintln!("netra: {flag} {note}");
    }
    Ok(paths)
}

fn parse_date_bound(s: &str) -> Result<PubDate, String> {
    PubDate::parse_bound(s).ok_or_else(|| {
        format!(
            "{s:?} is not a date: use 2024, 2024-10, 2024-10-31, 31/10/2024, \"31 Oktober 2024\" \
             or \"Oktober 2024\""
        )
    })
}

/// Where the index is.
#[derive(Debug, Args)]
pub(super) struct IndexLocation {
    /// Index folder [default: ./index, or $NETRA_INDEX]
    #[arg(long, value_name = "DIR")]
    index: Option<PathBuf>,
}

impl IndexLocation {
    /// The index folder, and whether it is the default one.
    pub(super) fn resolve(&self) -> (PathBuf, bool) {
        if let Some(dir) = &self.index {
            return (dir.clone(), false);
        }
        match env::var_os(INDEX_ENV).filter(|v| !v.is_empty()) {
            Some(dir) => (PathBuf::from(dir), false),
            None => (PathBuf::from(DEFAULT_INDEX), true),
        }
    }
}
