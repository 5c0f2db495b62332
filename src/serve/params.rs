//! A page's or an API call's query string → a validated search, with every bound
//! checked: the state of a view lives in its URL (`/?q=ikrar&region=NTB&page=2`),
//! so the URL is untrusted input.

use crate::article::PubDate;
use crate::search::{self, Filters, SearchRequest, Sort};

/// The longest query, in bytes.
pub const MAX_QUERY: usize = 1024;
/// The longest parameter value, in bytes.
pub const MAX_VALUE: usize = 1024;
/// The most parameters a request may carry.
pub const MAX_PARAMS: usize = 64;
/// The most hits a request may ask for (`limit` × `page`).
pub const MAX_HITS: usize = 1000;
/// Hits on a page of results.
pub const PAGE_SIZE: usize = 20;

/// What a view asks for, as the URL says it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Params {
    pub q: String,
    pub regions: Vec<String>,
    pub officials: Vec<String>,
    pub pledges: Vec<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub sort: Sort,
    /// Text that narrows the sidebar's list of officials (not the search).
    pub who: String,
    /// 1-based.
    pub page: usize,
    pub limit: usize,
}

impl Params {
    /// Reads a query string; an error says which parameter is wrong and how.
    pub fn parse(query: Option<&str>) -> Result<Params, String> {
        let mut p = Params {
            page: 1,
            limit: PAGE_SIZE,
            ..Params::default()
        };
        let pairs: Vec<(String, String)> = form_urlencoded::parse(query.unwrap_or("").as_bytes())
            .take(MAX_PARAMS + 1)
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        if pairs.len() > MAX_PARAMS {
            return Err(format!("too many parameters: at most {MAX_PARAMS}"));
        }
        for (key, value) in pairs {
            if value.len() > MAX_VALUE.max(MAX_QUERY) {
                return Err(format!("`{key}` is too long: at most {MAX_VALUE} bytes"));
            }
            let value = value.trim().to_owned();
            match key.as_str() {
                "q" => p.q = value,
                "region" if !value.is_empty() => p.regions.push(value),
                "official" if !value.is_empty() => p.officials.push(value),
                "pledge" if !value.is_empty() => p.pledges.push(value),
                "since" if !value.is_empty() => p.since = Some(value),
                "until" if !value.is_empty() => p.until = Some(value),
                "who" => p.who = value,
                "sort" => {
                    p.sort = match value.as_str() {
                        "" | "relevance" => Sort::Relevance,
                        "date" => Sort::Date,
                        _ => return Err("`sort` is relevance or date".to_owned()),
                    }
                }
                "page" => p.page = number(&key, &value, 1)?,
                "limit" => p.limit = number(&key, &value, 1)?,
                // Unknown keys (a tracker's `utm_source`) are ignored, as browsers add them.
                _ => {}
            }
        }
        if p.q.len() > MAX_QUERY {
            return Err(format!("the query is too long: at most {MAX_QUERY} bytes"));
        }
        if p.limit.saturating_mul(p.page) > MAX_HITS {
            return Err(format!(
                "`limit` × `page` is at most {MAX_HITS}: narrow the search or export it"
            ));
        }
        Ok(p)
    }

    /// The search these parameters ask for (`facet_counts` left empty).
    pub fn request(&self) -> Result<SearchRequest, String> {
        let mut regions = Vec::new();
        for name in &self.regions {
            regions.extend(search::regions_of(name)?.0);
        }
        let pledges = self
            .pledges
            .iter()
            .map(|name| search::pledge_of(name))
            .collect::<Result<Vec<_>, _>>()?;
        let date = |v: &Option<String>, key: &str| -> Result<Option<PubDate>, String> {
            v.as_deref()
                .map(|s| {
                    PubDate::parse_bound(s).ok_or_else(|| {
                        format!("`{key}` {s:?} is not a date: use 2024, 2024-10 or 2024-10-31")
                    })
                })
                .transpose()
        };
        Ok(SearchRequest {
            query: self.q.clone(),
            limit: self.limit * self.page,
            since: date(&self.since, "since")?,
            until: date(&self.until, "until")?,
            sort: self.sort,
            filters: Filters {
                regions,
                officials: self.officials.clone(),
                pledges,
            },
            ..SearchRequest::default()
        })
    }

    /// These parameters as a query string, with `change` applied to a copy first:
    /// the link to a view one step away (a filter added or removed, a page on).
    pub fn link(&self, change: impl FnOnce(&mut Params)) -> String {
        let mut p = self.clone();
        change(&mut p);
        let mut out = form_urlencoded::Serializer::new(String::new());
        if !p.q.is_empty() {
            out.append_pair("q", &p.q);
        }
        for (key, values) in [
            ("region", &p.regions),
            ("official", &p.officials),
            ("pledge", &p.pledges),
        ] {
            for v in values {
                out.append_pair(key, v);
            }
        }
        if let Some(since) = &p.since {
            out.append_pair("since", since);
        }
        if let Some(until) = &p.until {
            out.append_pair("until", until);
        }
        if p.sort == Sort::Date {
            out.append_pair("sort", "date");
        }
        if !p.who.is_empty() {
            out.append_pair("who", &p.who);
        }
        if p.page > 1 {
            out.append_pair("page", &p.page.to_string());
        }
        format!("?{}", out.finish())
    }
}

fn number(key: &str, value: &str, least: usize) -> Result<usize, String> {
    match value.parse::<usize>() {
        Ok(n) if n >= least && n <= MAX_HITS => Ok(n),
        _ => Err(format!("`{key}` is a number from {least} to {MAX_HITS}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_round_trips_and_bounds_hold() {
        let p = Params::parse(Some(
            "q=%22politik+uang%22&region=NTB&region=Lotim&sort=date&who=camat&page=2&utm_source=x",
        ))
        .expect("params");
        assert_eq!(p.q, "\"politik uang\"");
        assert_eq!(p.regions, ["NTB", "Lotim"]);
        assert_eq!(p.sort, Sort::Date);
        assert_eq!(p.page, 2);
        assert_eq!(p.who, "camat");
        assert_eq!(Params::parse(Some(&p.link(|_| {})[1..])).expect("again"), p);
        assert!(Params::parse(Some(&format!("q={}", "a".repeat(MAX_QUERY + 1)))).is_err());
        assert!(Params::parse(Some("page=0")).is_err());
        assert!(Params::parse(Some("limit=1000&page=2")).is_err());
        assert!(Params::parse(Some("sort=evil")).is_err());
        assert!(Params::parse(Some(&"region=x&".repeat(MAX_PARAMS + 1))).is_err());
        let p = Params::parse(Some("region=Atlantis")).expect("params");
        assert!(p
            .request()
            .expect_err("unknown")
            .contains("unknown region `Atlantis`"));
    }
}
