//! Which field of a scraper's row holds what: the column names Indonesian and
//! English scrapers use, and the user's `--columns text=isi,title=judul`.

use std::collections::HashMap;
use std::fmt;

/// What a column of a scraped row can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Text,
    Title,
    Date,
    Url,
    Outlet,
    Id,
    Dateline,
    /// The date of the reported event.
    EventDate,
}

impl Role {
    const ALL: [Role; 8] = [
        Role::Text,
        Role::Title,
        Role::Date,
        Role::Url,
        Role::Outlet,
        Role::Id,
        Role::Dateline,
        Role::EventDate,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Role::Text => "text",
            Role::Title => "title",
            Role::Date => "date",
            Role::Url => "url",
            Role::Outlet => "outlet",
            Role::Id => "id",
            Role::Dateline => "dateline",
            Role::EventDate => "event_date",
        }
    }

    /// Column names that mean this role when no `--columns` says otherwise,
    /// most specific first (compared lowercased, spaces and dashes as `_`).
    fn known_names(self) -> &'static [&'static str] {
        match self {
            Role::Text => &[
                "text",
                "body",
                "content",
                "isi",
                "isi_berita",
                "konten",
                "article",
                "berita",
                "artikel",
                "full_text",
                "content_text",
            ],
            Role::Title => &["title", "judul", "headline", "judul_berita"],
            Role::Date => &[
                "date",
                "tanggal",
                "published",
                "published_at",
                "publish_date",
                "published_date",
                "date_published",
                "waktu",
                "tgl",
                "datetime",
                "tanggal_terbit",
            ],
            Role::Url => &["url", "link", "source_url", "tautan", "permalink"],
            Role::Outlet => &[
                "outlet",
                "source",
                "media",
                "sumber",
                "site",
                "portal",
                "publisher",
            ],
            Role::Id => &["id", "article_id", "doc_id"],
            Role::Dateline => &["dateline"],
            Role::EventDate => &["event_date", "tanggal_kejadian"],
        }
    }

    fn parse(name: &str) -> Option<Role> {
        let name = name.trim().to_lowercase();
        Role::ALL.into_iter().find(|r| r.name() == name)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The user's column names for roles (`--columns text=isi,title=judul`); the known
/// names cover the rest.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ColumnNames {
    given: HashMap<Role, String>,
}

impl ColumnNames {
    /// Reads `role=column` pairs, comma-separated: `text=isi,title=judul`.
    pub fn parse(spec: &str) -> Result<ColumnNames, String> {
        let mut given = HashMap::new();
        for pair in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let Some((role, column)) = pair.split_once('=') else {
                return Err(format!("`{pair}` is not ROLE=COLUMN (e.g. text=isi)"));
            };
            let role = Role::parse(role).ok_or_else(|| {
                format!(
                    "no role `{}` in `{pair}`: use {}",
                    role.trim(),
                    Role::ALL.map(Role::name).join(", ")
                )
            })?;
            let column = column.trim();
            if column.is_empty() {
                return Err(format!("no column name in `{pair}`"));
            }
            given.insert(role, column.to_owned());
        }
        Ok(ColumnNames { given })
    }

    /// Where each role is among `header`'s names: the user's name for it where the
    /// header has it (files of several layouts may be read together), else the
    /// first known name present. With no text column, the error names the columns
    /// seen and what was asked for.
    pub fn locate(&self, header: &[String]) -> Result<Layout, String> {
        let key = |s: &str| {
            s.trim()
                .trim_start_matches('\u{feff}')
                .to_lowercase()
                .replace([' ', '-'], "_")
        };
        let keys: Vec<String> = header.iter().map(|h| key(h)).collect();
        let mut at = HashMap::new();
        for role in Role::ALL {
            let given = self
                .given
                .get(&role)
                .and_then(|name| keys.iter().position(|k| *k == key(name)));
            let found = given.or_else(|| {
                role.known_names()
                    .iter()
                    .find_map(|n| keys.iter().position(|k| k == n))
            });
            if let Some(i) = found {
                at.insert(role, i);
            }
        }
        if !at.contains_key(&Role::Text) {
            let asked = match self.given.get(&Role::Text) {
                Some(name) => format!(" (--columns text={name} is not among them)"),
                None => String::new(),
            };
            return Err(format!(
                "no column holds the article text: the header has {}{asked}; name it with \
                 --columns text=COLUMN (known names: {})",
                header
                    .iter()
                    .map(|h| format!("`{}`", h.trim()))
                    .collect::<Vec<_>>()
                    .join(", "),
                Role::Text.known_names().join(", ")
            ));
        }
        Ok(Layout { at })
    }

    /// The name given for `role`, if any.
    pub fn given(&self, role: Role) -> Option<&str> {
        self.given.get(&role).map(String::as_str)
    }
}

/// Where each role's column is in a header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    at: HashMap<Role, usize>,
}

impl Layout {
    /// The index of `role`'s column, if the header has one.
    pub fn get(&self, role: Role) -> Option<usize> {
        self.at.get(&role).copied()
    }
}

/// The key of an object that holds `role`: the user's name, else the first known
/// name present (for JSON Lines, whose objects are their own header).
pub fn json_key(names: &ColumnNames, role: Role, has: impl Fn(&str) -> bool) -> Option<&str> {
    match names.given(role) {
        Some(name) => Some(name),
        None => role.known_names().iter().copied().find(|n| has(n)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn known_names_in_either_language_are_found() {
        let layout = ColumnNames::default()
            .locate(&header(&[
                "No",
                "Judul",
                "Tanggal",
                "Isi Berita",
                "Link",
                "Sumber",
            ]))
            .expect("a layout");
        assert_eq!(layout.get(Role::Title), Some(1));
        assert_eq!(layout.get(Role::Date), Some(2));
        assert_eq!(layout.get(Role::Text), Some(3));
        assert_eq!(layout.get(Role::Url), Some(4));
        assert_eq!(layout.get(Role::Outlet), Some(5));
        assert_eq!(layout.get(Role::Id), None);
    }

    #[test]
    fn the_users_names_win_and_unknown_layouts_say_what_they_saw() {
        let names = ColumnNames::parse("text=naskah, title=kepala").expect("names");
        let layout = names
            .locate(&header(&["kepala", "naskah", "content"]))
            .expect("a layout");
        assert_eq!(layout.get(Role::Text), Some(1));
        assert_eq!(layout.get(Role::Title), Some(0));
        let err = ColumnNames::default()
            .locate(&header(&["a", "b"]))
            .expect_err("no text");
        assert!(
            err.contains("`a`, `b`") && err.contains("--columns text="),
            "{err}"
        );
        // Another file's layout: the known names still apply.
        let layout = names
            .locate(&header(&["judul", "isi"]))
            .expect("known names");
        assert_eq!(layout.get(Role::Text), Some(1));
        let err = names.locate(&header(&["a"])).expect_err("missing");
        assert!(err.contains("text=naskah is not among them"), "{err}");
        assert!(ColumnNames::parse("teks=isi").is_err());
        assert!(ColumnNames::parse("text").is_err());
    }
}
