//! The office lexicon ([`roles.txt`](roles.txt)): written forms → canonical roles.
//!
//! Offices marked `*` take the acting prefixes (`@Pj`, `@Pjs`, `@Plt`, `@Plh`):
//! every acting form before every written form of the office is a form of the
//! acting role ("Penjabat Sementara (Pjs) Bupati" → `Pjs Bupati`). Offices marked
//! `+` are named with a department before the official's name.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::lexicon::data_lines;

const ROLES: &str = include_str!("roles.txt");

/// A canonical role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Role {
    pub name: String,
    /// Named with a department before the official's name.
    pub department: bool,
}

/// A role written in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub role: usize,
    pub start: usize,
    pub end: usize,
}

struct Lexicon {
    pattern: Regex,
    /// Normalised written form → role.
    by_form: HashMap<String, usize>,
    roles: Vec<Role>,
}

/// Lower case, no full stops, single spaces: how written forms are compared.
pub fn normalized(form: &str) -> String {
    form.to_lowercase()
        .replace('.', "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The roles file read: its offices and every written form of each.
fn parse() -> Result<Lexicon, String> {
    let mut acting: Vec<(String, Vec<String>)> = Vec::new();
    let mut roles: Vec<Role> = Vec::new();
    let mut forms: Vec<(String, usize)> = Vec::new();
    let add_role = |name: String, department: bool, roles: &mut Vec<Role>| -> usize {
        match roles.iter().position(|r| r.name == name) {
            Some(i) => i,
            None => {
                roles.push(Role { name, department });
                roles.len() - 1
            }
        }
    };
    for line in data_lines(ROLES) {
        let (head, written) = line
            .split_once('=')
            .ok_or_else(|| format!("roles.txt: no `=` in {line:?}"))?;
        let written: Vec<String> = written
            .split('|')
            .map(|f| f.trim().to_owned())
            .filter(|f| !f.is_empty())
            .collect();
        let head = head.trim();
        if let Some(prefix) = head.strip_prefix('@') {
            acting.push((prefix.to_owned(), written));
            continue;
        }
        let (name, takes_acting, department) = match head {
            h if h.ends_with('*') => (h.trim_end_matches('*'), true, false),
            h if h.ends_with('+') => (h.trim_end_matches('+'), false, true),
            h => (h, false, false),
        };
        let role = add_role(name.to_owned(), department, &mut roles);
        forms.extend(written.iter().map(|f| (f.clone(), role)));
        if takes_acting {
            for (prefix, prefix_forms) in &acting {
                let acting_role = add_role(format!("{prefix} {name}"), false, &mut roles);
                for p in prefix_forms {
                    for f in &written {
                        forms.push((format!("{p} {f}"), acting_role));
                    }
                }
            }
        }
    }
    forms.sort_by_key(|(f, _)| std::cmp::Reverse(f.len()));
    let pattern = pattern_of(&forms)?;
    let by_form = forms
        .into_iter()
        .map(|(f, r)| (normalized(&f), r))
        .collect();
    Ok(Lexicon {
        pattern,
        by_form,
        roles,
    })
}

/// One pattern for every written form, longest first (an acting prefix may take a
/// full stop: "Pj.", "Plt.").
fn pattern_of(forms: &[(String, usize)]) -> Result<Regex, String> {
    let alternatives: Vec<String> = forms
        .iter()
        .map(|(f, _)| {
            let words: Vec<String> = f
                .split_whitespace()
                .map(|w| {
                    let w = regex::escape(w);
                    match w.as_str() {
                        "Pj" | "Pjs" | "Plt" | "Plh" => format!(r"{w}\.?"),
                        _ => w,
                    }
                })
                .collect();
            words.join(r"\s+")
        })
        .collect();
    // The end of a match is checked in code: `\b` cannot follow "(Sekda)".
    Regex::new(&format!(r"(?i)(?-u:\b)(?:{})", alternatives.join("|")))
        .map_err(|e| format!("roles.txt: {e}"))
}

static LEXICON: LazyLock<Lexicon> =
    LazyLock::new(|| parse().unwrap_or_else(|e| panic!("the office lexicon: {e}")));

/// Every canonical role.
pub fn all() -> &'static [Role] {
    &LEXICON.roles
}

/// The role of index `i`.
pub fn role(i: usize) -> &'static Role {
    &LEXICON.roles[i]
}

/// The roles written in `text`, in order, each ending at a word's end.
pub fn find(text: &str) -> impl Iterator<Item = Found> + '_ {
    let lex = &*LEXICON;
    lex.pattern.find_iter(text).filter_map(move |m| {
        if text[m.end()..].starts_with(char::is_alphanumeric) {
            return None;
        }
        let role = *lex.by_form.get(&normalized(m.as_str()))?;
        Some(Found {
            role,
            start: m.start(),
            end: m.end(),
        })
    })
}

/// The acting office's base role ("Pjs Bupati" → "Bupati"), if `role` is one.
pub fn base_of(role: &str) -> Option<&str> {
    ["Pj ", "Pjs ", "Plt ", "Plh "]
        .iter()
        .find_map(|p| role.strip_prefix(p))
}

/// The role a user's words start with ("pj gubernur hassanudin" → "Pj Gubernur"),
/// the longest that fits: a canonical name or a written form.
pub fn role_prefix(words: &str) -> Option<&'static str> {
    let lower = normalized(words);
    let lex = &*LEXICON;
    let fits = |form: &str| {
        lower == form
            || lower.starts_with(&format!("{form} "))
            || lower.starts_with(&format!("{form}/"))
    };
    let by_name = lex
        .roles
        .iter()
        .map(|r| (r.name.to_lowercase(), r.name.as_str()));
    let by_form = lex
        .by_form
        .iter()
        .map(|(f, &r)| (f.clone(), lex.roles[r].name.as_str()));
    by_name
        .chain(by_form)
        .filter(|(form, _)| fits(form))
        .max_by_key(|(form, _)| form.len())
        .map(|(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<&'static str> {
        find(text).map(|f| role(f.role).name.as_str()).collect()
    }

    #[test]
    fn every_written_form_reads_as_its_role() {
        for (form, &r) in &LEXICON.by_form {
            let found = read(form);
            assert_eq!(found.len(), 1, "{form}: {found:?}");
            assert_eq!(found[0], role(r).name, "{form}");
        }
    }

    #[test]
    fn acting_offices_are_their_own_roles() {
        assert_eq!(read("Penjabat Sementara (Pjs) Bupati Siak"), ["Pjs Bupati"]);
        assert_eq!(read("Pjs. Wali Kota Batam"), ["Pjs Wali Kota"]);
        assert_eq!(read("Pejabat (Pj) Bupati Tanggamus"), ["Pj Bupati"]);
        assert_eq!(
            read("Pelaksana Tugas (Plt) Bupati Labuhanbatu"),
            ["Plt Bupati"]
        );
        assert_eq!(read("Plh Sekda Bengkulu"), ["Plh Sekda"]);
        assert_eq!(
            read("Pelaksana Harian (Plh) Bupati Kotabaru"),
            ["Plh Bupati"]
        );
        assert_eq!(read("Penjabat Sekretaris Daerah (Sekda)"), ["Pj Sekda"]);
        assert_eq!(read("Plt Kepala Dinas Pendidikan"), ["Kepala Dinas"]);
        assert_eq!(
            read("Kapolresta Barelang dan Dandim 0316"),
            ["Kapolres", "Dandim"]
        );
        assert_eq!(read("Gubernuran"), Vec::<&str>::new());
        assert_eq!(base_of("Pjs Bupati"), Some("Bupati"));
        assert_eq!(base_of("Bupati"), None);
    }

    #[test]
    fn user_words_start_with_a_role() {
        assert_eq!(role_prefix("pj gubernur hassanudin"), Some("Pj Gubernur"));
        assert_eq!(role_prefix("Pjs Bupati"), Some("Pjs Bupati"));
        assert_eq!(role_prefix("kapolresta"), Some("Kapolres"));
        assert_eq!(role_prefix("ketua bawaslu"), Some("Ketua Bawaslu"));
        assert_eq!(role_prefix("hassanudin"), None);
    }
}
