// The repair lexicon's expansion: roots.txt lines → surface form → stem.
//
// Plain Rust with only std, because it is used twice: by build.rs, which expands
// the lexicon once at build time into a sorted table (no start-up cost), and by
// the stemmer's tests, which check that table against this code.
//
// (Ordinary comments, not doc comments: build.rs includes this file with
// `include!`, where inner doc comments are not allowed.)

use std::collections::HashMap;

/// The expanded repair lexicon: surface form → stem.
#[derive(Debug, Default)]
pub struct Repairs {
    pub map: HashMap<String, String>,
    /// Forms that two entries generated with different stems (the first wins).
    pub conflicts: Vec<(String, String, String)>,
}

impl Repairs {
    pub fn parse(source: &str) -> Repairs {
        let mut generated = Repairs::default();
        let mut explicit = Vec::new();
        for line in source.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            if let Some((form, stem)) = line.split_once('=') {
                explicit.push((form.trim().to_owned(), stem.trim().to_owned()));
            } else if let Some(word) = line.strip_suffix('!') {
                let word = word.trim();
                for form in word_forms(word) {
                    generated.insert(form, word);
                }
            } else {
                for form in root_forms(line) {
                    generated.insert(form, line);
                }
            }
        }
        // Explicit lines override whatever the generator produced.
        for (form, stem) in explicit {
            generated.map.insert(form, stem);
        }
        generated
    }

    fn insert(&mut self, form: String, stem: &str) {
        match self.map.get(&form) {
            Some(existing) if existing != stem => {
                self.conflicts
                    .push((form, existing.clone(), stem.to_owned()));
            }
            Some(_) => {}
            None => {
                self.map.insert(form, stem.to_owned());
            }
        }
    }
}

/// A whole word and the few affixes that attach to it without changing it.
fn word_forms(word: &str) -> Vec<String> {
    ["", "nya", "lah", "an", "annya"]
        .iter()
        .map(|suffix| format!("{word}{suffix}"))
        .chain([format!("ke{word}an"), format!("se{word}")])
        .collect()
}

/// A root with the productive Indonesian prefixes and suffixes. Over-generation is
/// harmless: a form that is not a word never occurs in text.
fn root_forms(root: &str) -> Vec<String> {
    let men = nasal_prefix(root, "me");
    let pen = nasal_prefix(root, "pe");
    let prefixed = [
        String::new(),
        men.clone(),
        pen.clone(),
        format!("ke{pen}"),
        "di".to_owned(),
        "ter".to_owned(),
        "ber".to_owned(),
        "ke".to_owned(),
        "se".to_owned(),
        "per".to_owned(),
        "memper".to_owned(),
        "diper".to_owned(),
    ];
    const SUFFIXES: [&str; 9] = [
        "", "kan", "i", "an", "nya", "kannya", "inya", "annya", "lah",
    ];
    let mut forms = Vec::with_capacity(prefixed.len() * SUFFIXES.len());
    for prefix in &prefixed {
        // The nasal forms already carry the root (with its first consonant dropped).
        let stem_part = if prefix == &men || prefix == &pen || prefix.starts_with("kepe") {
            ""
        } else {
            root
        };
        for suffix in SUFFIXES {
            forms.push(format!("{prefix}{stem_part}{suffix}"));
        }
    }
    forms
}

/// meN- / peN- with the nasal assimilation of standard Indonesian, root included:
/// tolak → menolak, sebar → menyebar, kawal → mengawal, pantau → memantau.
pub fn nasal_prefix(root: &str, base: &str) -> String {
    let mut chars = root.chars();
    let first = chars.next().unwrap_or('a');
    let rest = chars.as_str();
    match first {
        'a' | 'e' | 'i' | 'o' | 'u' | 'g' | 'h' => format!("{base}ng{root}"),
        'k' => format!("{base}ng{rest}"),
        't' => format!("{base}n{rest}"),
        's' => format!("{base}ny{rest}"),
        'p' => format!("{base}m{rest}"),
        'b' | 'f' | 'v' => format!("{base}m{root}"),
        'c' | 'd' | 'j' | 'z' => format!("{base}n{root}"),
        _ => format!("{base}{root}"),
    }
}
