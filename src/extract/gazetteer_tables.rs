// The gazetteer's data files → Rust tables, at build time (build.rs includes this
// file), so that no process parses 7,800 lines or builds hash maps at start-up: a
// search that reads a place in its query pays nothing for the gazetteer.
//
// In: gazetteer.tsv (code<TAB>name), region_aliases.txt (ALIAS = name) and
// display_names.txt (official name = name as users write it). Out: the source of
// four static tables (see `tables`), which gazetteer.rs includes.
//
// Plain Rust with only std (ordinary comments: `include!` forbids inner doc
// comments).

use std::collections::{BTreeMap, HashMap};

fn data_file_lines(source: &str) -> impl Iterator<Item = &str> {
    source
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

// The name a regency goes by without its `Kabupaten`/`Kota` prefix.
fn bare(name: &str) -> &str {
    for prefix in [
        "Kabupaten Administrasi ",
        "Kota Administrasi ",
        "Kabupaten ",
        "Kota ",
    ] {
        if let Some(rest) = name.strip_prefix(prefix) {
            return rest;
        }
    }
    name
}

// An area: (name as shown, level 0/1/2, parent or u32::MAX).
type Area = (String, u8, u32);

// gazetteer.tsv read: its areas, and the official names a display name replaced,
// (official name, area), which are aliases.
struct Read {
    areas: Vec<Area>,
    official: Vec<(String, u32)>,
}

// The Rust source of the tables:
// - AREA_TABLE: (name, level 0/1/2, parent or u32::MAX), in file order;
// - FORM_TABLE: (lowercased surface form, areas, is an alias), sorted: what the
//   text matcher looks for (bare names, aliases, and a regency's or city's
//   name written as one word: "Sungaipenuh", "Tanjungpinang");
// - NAME_TABLE: (lowercased name, areas), sorted: what users may type (full
//   names, bare names, aliases, official names replaced by display names);
// - ALIAS_TABLE: (area, its aliases as written), sorted by area.
pub fn tables(tsv: &str, aliases: &str, display: &str) -> Result<String, String> {
    let renamed: HashMap<&str, &str> = data_file_lines(display)
        .filter_map(|l| l.split_once('='))
        .map(|(official, shown)| (official.trim(), shown.trim()))
        .collect();
    let Read { areas, official } = read_areas(tsv, &renamed)?;
    let mut forms: BTreeMap<String, (Vec<u32>, bool)> = BTreeMap::new();
    let mut names: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (i, (name, _, _)) in areas.iter().enumerate() {
        let i = i as u32;
        let b = bare(name);
        forms.entry(b.to_lowercase()).or_default().0.push(i);
        names.entry(name.to_lowercase()).or_default().push(i);
        if b != name {
            names.entry(b.to_lowercase()).or_default().push(i);
        }
    }
    let mut alias_lines: Vec<(String, u32)> = official;
    alias_lines.extend(read_aliases(aliases, &areas, &renamed)?);
    let mut alias_of: BTreeMap<u32, Vec<String>> = BTreeMap::new();
    for (alias, i) in alias_lines {
        let key = alias.to_lowercase();
        forms.insert(key.clone(), (vec![i], true));
        names.insert(key, vec![i]);
        alias_of.entry(i).or_default().push(alias);
    }
    // A regency's or city's name of several words, written as one ("Kota
    // Sungaipenuh", "Tanjungpinang"), unless that spelling is another place's.
    for (i, (name, level, _)) in areas.iter().enumerate() {
        let joined = bare(name).replace(' ', "").to_lowercase();
        if *level == 1 && bare(name).contains(' ') && !forms.contains_key(&joined) {
            forms.insert(joined.clone(), (vec![i as u32], false));
            names.entry(joined).or_insert_with(|| vec![i as u32]);
        }
    }
    Ok(render(&areas, &forms, &names, &alias_of))
}

// The areas of gazetteer.tsv.
fn read_areas(
    tsv: &str,
    renamed: &HashMap<&str, &str>,
) -> Result<Read, String> {
    let mut areas: Vec<Area> = Vec::new();
    let mut by_code: HashMap<&str, u32> = HashMap::new();
    let mut official: Vec<(String, u32)> = Vec::new();
    for line in data_file_lines(tsv) {
        let (code, name) = line
            .split_once('\t')
            .ok_or_else(|| format!("gazetteer.tsv: no tab in {line:?}"))?;
        let (level, parent) = match code.rsplit_once('.') {
            None => (0, u32::MAX),
            Some((parent, _)) => (
                if parent.contains('.') { 2 } else { 1 },
                *by_code
                    .get(parent)
                    .ok_or_else(|| format!("gazetteer.tsv: {code} before its parent"))?,
            ),
        };
        let index = areas.len() as u32;
        by_code.insert(code, index);
        let shown = renamed.get(name).copied().unwrap_or(name);
        if shown != name {
            official.push((name.to_owned(), index));
        }
        areas.push((shown.to_owned(), level, parent));
    }
    Ok(Read { areas, official })
}

// region_aliases.txt's lines, (alias, area): each names a province, regency or
// city by its name as shown.
fn read_aliases(
    aliases: &str,
    areas: &[Area],
    renamed: &HashMap<&str, &str>,
) -> Result<Vec<(String, u32)>, String> {
    let exact: HashMap<&str, u32> = areas
        .iter()
        .enumerate()
        .filter(|(_, a)| a.1 != 2)
        .map(|(i, a)| (a.0.as_str(), i as u32))
        .collect();
    let mut out = Vec::new();
    for line in data_file_lines(aliases) {
        let (alias, name) = line
            .split_once('=')
            .ok_or_else(|| format!("region_aliases.txt: no = in {line:?}"))?;
        let name = name.trim();
        let name = renamed.get(name).copied().unwrap_or(name);
        let i = *exact
            .get(name)
            .ok_or_else(|| format!("region_aliases.txt: {alias} names unknown area {name}"))?;
        out.push((alias.trim().to_owned(), i));
    }
    Ok(out)
}

// The four tables as Rust source.
fn render(
    areas: &[Area],
    forms: &BTreeMap<String, (Vec<u32>, bool)>,
    names: &BTreeMap<String, Vec<u32>>,
    alias_of: &BTreeMap<u32, Vec<String>>,
) -> String {
    let mut out = String::new();
    out.push_str("/// The areas: (name, level, parent or u32::MAX), each after its parent.\n");
    out.push_str("static AREA_TABLE: &[(&str, u8, u32)] = &[\n");
    for (name, level, parent) in areas {
        out.push_str(&format!("    ({name:?}, {level}, {parent}),\n"));
    }
    out.push_str("];\n");
    out.push_str("/// Surface forms the text matcher finds: (lowercased, areas, alias), sorted.\n");
    out.push_str("static FORM_TABLE: &[(&str, &[u32], bool)] = &[\n");
    for (form, (ids, alias)) in forms {
        out.push_str(&format!("    ({form:?}, &{ids:?}, {alias}),\n"));
    }
    out.push_str("];\n");
    out.push_str("/// Names users may type: (lowercased, areas), sorted.\n");
    out.push_str("static NAME_TABLE: &[(&str, &[u32])] = &[\n");
    for (name, ids) in names {
        out.push_str(&format!("    ({name:?}, &{ids:?}),\n"));
    }
    out.push_str("];\n");
    out.push_str("/// Each area's aliases, as written: (area, aliases), sorted by area.\n");
    out.push_str("static ALIAS_TABLE: &[(u32, &[&str])] = &[\n");
    for (i, list) in alias_of {
        out.push_str(&format!("    ({i}, &{list:?}),\n"));
    }
    out.push_str("];\n");
    out
}
