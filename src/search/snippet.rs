//! A body text and the query's [`Highlight`] → a short [`Snippet`] around the best
//! cluster of matches, with the matched words marked.
//!
//! The body is analyzed with the index's own analyzer, so a highlighted word is one
//! that matched: `deklarasikan` lights up "Deklarasi" and "mendeklarasikan",
//! `"politik uang"` lights up only the two words together.

use std::collections::HashSet;

use fnv::FnvHashMap;

use serde::Serialize;

use crate::analysis::{stem, WordScanner};
use crate::query::build::Highlight;

/// A fragment of a body with marked matches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Snippet {
    pub text: String,
    /// Byte ranges of `text` to highlight, in order, not overlapping.
    pub highlights: Vec<(usize, usize)>,
}

/// Context kept before the first match of the chosen window, in bytes.
const LEAD: usize = 60;
const ELLIPSIS: &str = "…";

struct Match {
    from: usize,
    to: usize,
    key: String,
}

/// Builds a snippet of at most about `max_bytes` bytes of `body`.
pub fn make(body: &str, h: &Highlight, scanner: &mut WordScanner, max_bytes: usize) -> Snippet {
    let matches = find_matches(body, h, scanner);
    let (start, end) = match best_window(&matches, max_bytes) {
        Some(first) => {
            let start = snap_back(body, matches[first].from.saturating_sub(LEAD));
            (start, snap_forward(body, start + max_bytes))
        }
        None => (0, snap_forward(body, max_bytes)),
    };
    let mut text = String::new();
    if start > 0 {
        text.push_str(ELLIPSIS);
    }
    let shift = text.len();
    text.push_str(&body[start..end].replace(['\n', '\r', '\t'], " "));
    if end < body.len() {
        text.push_str(ELLIPSIS);
    }
    let highlights = matches
        .iter()
        .filter(|m| m.from >= start && m.to <= end)
        .map(|m| (m.from - start + shift, m.to - start + shift))
        .collect();
    Snippet { text, highlights }
}

/// The whole of `body` with every match highlighted (an article's page).
pub fn whole(body: &str, h: &Highlight, scanner: &mut WordScanner) -> Snippet {
    let highlights = find_matches(body, h, scanner)
        .iter()
        .map(|m| (m.from, m.to))
        .collect();
    Snippet {
        text: body.to_owned(),
        highlights,
    }
}

/// A word of the body as phrase matching needs it: (from, to, position, number
/// of the phrase word it is, if any).
type PhraseWord = (usize, usize, usize, Option<usize>);

fn find_matches(body: &str, h: &Highlight, scanner: &mut WordScanner) -> Vec<Match> {
    let (vocabulary, phrases) = numbered_phrases(h);
    let rests: Vec<&str> = h.stems.iter().map(|s| stem::stem_rest(s)).collect();
    // Forms stemmed so far in this body, and the query stem each is a form of.
    let mut stemmed: FnvHashMap<String, Option<String>> = FnvHashMap::default();
    let mut words: Vec<PhraseWord> = Vec::new();
    let mut matches = Vec::new();
    scanner.scan(body, |word| {
        if !phrases.is_empty() {
            let id = vocabulary.iter().position(|v| *v == word.text);
            words.push((word.from, word.to, word.position, id));
        }
        // Most words cannot stem to a query's stems: only those that may are
        // stemmed, each form once a body.
        let stem_match = if rests
            .iter()
            .any(|rest| stem::may_stem_to_rest(word.text, rest))
        {
            match stemmed.get(word.text) {
                Some(found) => found.clone(),
                None => {
                    let s = stem::stem(word.text);
                    let found = h.stems.contains(s.as_ref()).then(|| s.into_owned());
                    stemmed.insert(word.text.to_owned(), found.clone());
                    found
                }
            }
        } else {
            None
        };
        let key = match stem_match {
            Some(s) => s,
            None if h.exact.contains(word.text) => word.text.to_owned(),
            None => return,
        };
        matches.push(Match {
            from: word.from,
            to: word.to,
            key,
        });
    });
    matches.extend(phrase_matches(h, &phrases, &words));
    outermost(matches)
}

/// The phrases' words by number, so that a phrase is matched on numbers, not
/// texts: the distinct words, and each phrase as their numbers.
fn numbered_phrases(h: &Highlight) -> (Vec<&str>, Vec<Vec<usize>>) {
    let mut vocabulary: Vec<&str> = Vec::new();
    let phrases = h
        .phrases
        .iter()
        .map(|p| {
            p.iter()
                .map(|w| match vocabulary.iter().position(|v| v == w) {
                    Some(i) => i,
                    None => {
                        vocabulary.push(w);
                        vocabulary.len() - 1
                    }
                })
                .collect()
        })
        .collect();
    (vocabulary, phrases)
}

/// Where the body's words spell a phrase, at consecutive positions.
fn phrase_matches(h: &Highlight, phrases: &[Vec<usize>], words: &[PhraseWord]) -> Vec<Match> {
    let mut matches = Vec::new();
    for (phrase, ids) in h.phrases.iter().zip(phrases) {
        for window in words.windows(ids.len()) {
            let same = window.iter().zip(ids).all(|(w, id)| w.3 == Some(*id));
            let adjacent = window.windows(2).all(|w| w[1].2 == w[0].2 + 1);
            if same && adjacent {
                matches.push(Match {
                    from: window[0].0,
                    to: window[window.len() - 1].1,
                    key: phrase.join(" "),
                });
            }
        }
    }
    matches
}

/// The outermost of overlapping matches (a phrase over its own words), in order.
fn outermost(mut matches: Vec<Match>) -> Vec<Match> {
    matches.sort_by_key(|m| (m.from, std::cmp::Reverse(m.to)));
    let mut kept: Vec<Match> = Vec::with_capacity(matches.len());
    for m in matches {
        if kept.last().is_none_or(|last| m.from >= last.to) {
            kept.push(m);
        }
    }
    kept
}

/// The match that opens the window with the most distinct terms (then the most
/// matches, then the earliest).
fn best_window(matches: &[Match], max_bytes: usize) -> Option<usize> {
    let mut best: Option<(usize, usize, usize)> = None;
    for (i, first) in matches.iter().enumerate() {
        let limit = first.from.saturating_sub(LEAD) + max_bytes;
        let inside: Vec<&Match> = matches[i..].iter().take_while(|m| m.to <= limit).collect();
        let distinct = inside.iter().map(|m| &m.key).collect::<HashSet<_>>().len();
        let better = match best {
            None => true,
            Some((_, d, n)) => (distinct, inside.len()) > (d, n),
        };
        if better {
            best = Some((i, distinct, inside.len()));
        }
    }
    best.map(|(i, _, _)| i)
}

/// Moves back to the start of a word, at most a few bytes, on a char boundary.
fn snap_back(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    let floor = i.saturating_sub(20);
    let mut j = i;
    while j > floor {
        if text[..j].ends_with(char::is_whitespace) {
            return j;
        }
        j -= 1;
        while !text.is_char_boundary(j) {
            j -= 1;
        }
    }
    i
}

/// Moves forward to the end of a word, at most a few bytes, on a char boundary.
fn snap_forward(text: &str, mut i: usize) -> usize {
    if i >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(i) {
        i += 1;
    }
    match text[i..].find(char::is_whitespace) {
        Some(k) if k <= 20 => i + k,
        _ => i,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(s: &Snippet) -> Vec<&str> {
        s.highlights.iter().map(|&(a, b)| &s.text[a..b]).collect()
    }

    fn stems(words: &[&str]) -> Highlight {
        Highlight {
            stems: words.iter().map(|w| (*w).to_owned()).collect(),
            ..Highlight::default()
        }
    }

    #[test]
    fn stemmed_words_light_up_every_form() {
        let body = "ASN mendeklarasikan netralitas. Deklarasi itu dihadiri bupati.";
        let s = make(
            body,
            &stems(&["deklarasi"]),
            &mut WordScanner::default(),
            200,
        );
        assert_eq!(marked(&s), ["mendeklarasikan", "Deklarasi"]);
        assert_eq!(s.text, body);
    }

    #[test]
    fn phrases_light_up_only_together() {
        let h = Highlight {
            phrases: vec![vec!["politik".into(), "uang".into()]],
            ..Highlight::default()
        };
        let body = "Politik dan uang. Menolak politik uang.";
        let s = make(body, &h, &mut WordScanner::default(), 200);
        assert_eq!(marked(&s), ["politik uang"]);
    }

    #[test]
    fn the_window_moves_to_the_matches() {
        let body = format!(
            "{} kalimat tentang politik uang di akhir.",
            "isi lain ".repeat(100)
        );
        let h = stems(&["uang"]);
        let s = make(&body, &h, &mut WordScanner::default(), 120);
        assert!(s.text.starts_with(ELLIPSIS));
        assert_eq!(marked(&s), ["uang"]);
        assert!(s.text.len() < 200);
    }

    #[test]
    fn no_match_gives_the_opening_and_multibyte_text_is_safe() {
        let body = "Pemilu “jurdil” — café ".repeat(30);
        let s = make(
            &body,
            &stems(&["tidakada"]),
            &mut WordScanner::default(),
            50,
        );
        assert!(s.text.starts_with("Pemilu"));
        assert!(s.text.ends_with(ELLIPSIS));
        // Any size cuts on character boundaries and marks whole words.
        for n in 0..40 {
            let s = make(&body, &stems(&["cafe"]), &mut WordScanner::default(), n);
            assert!(
                s.text.len() <= n + 2 * ELLIPSIS.len() + 20,
                "{n}: {}",
                s.text
            );
            assert!(
                marked(&s).iter().all(|m| *m == "café"),
                "{n}: {:?}",
                marked(&s)
            );
        }
    }
}
