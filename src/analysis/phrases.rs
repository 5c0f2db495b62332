//! Known phrases as one token: the multi-word forms of the query's expansions
//! (`aparatur sipil negara`, `pemilihan kepala daerah`: `src/query/expansions.txt`)
//! are indexed, where their words stand in order, as one more token at the first
//! word's position, marked with [`PHRASE_MARK`] (`=aparatur_sipil_negara`).
//!
//! A query brings these phrases as alternatives of the words typed ("ASN" also
//! finds "aparatur sipil negara"); searched as phrases they decode the positions of
//! every article holding all their words, most of a search's time on a large
//! index. Searched as one term ([`crate::query::phrase_term`]), with the phrase's
//! own BM25 weight, they find the same articles and score them alike.

use std::collections::{HashMap, VecDeque};
use std::sync::LazyLock;

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

use super::WordScanner;
use crate::query::understand::expansion_forms;

/// Prefix of phrase tokens. The tokenizer splits on anything not a letter or
/// digit, so no word contains it.
pub const PHRASE_MARK: char = '=';

/// The index term of a phrase of these exact words.
pub fn phrase_term(words: &[String]) -> String {
    let mut term = String::from(PHRASE_MARK);
    term.push_str(&words.join("_"));
    term
}

/// The known phrases, by first word: the rest of each, as exact words.
struct Known {
    by_first: HashMap<String, Vec<Vec<String>>>,
    /// Words of the longest.
    longest: usize,
}

static KNOWN: LazyLock<Known> = LazyLock::new(|| {
    let mut scanner = WordScanner::default();
    let mut by_first: HashMap<String, Vec<Vec<String>>> = HashMap::new();
    let mut longest = 0;
    for form in expansion_forms() {
        let words: Vec<String> = scanner.words(form).into_iter().map(|t| t.text).collect();
        if words.len() < 2 {
            continue;
        }
        longest = longest.max(words.len());
        let rests = by_first.entry(words[0].clone()).or_default();
        if !rests.contains(&words[1..].to_vec()) {
            rests.push(words[1..].to_vec());
        }
    }
    Known { by_first, longest }
});

/// Whether the index marks these exact words as one phrase token.
pub fn is_known(words: &[String]) -> bool {
    words.len() >= 2
        && KNOWN
            .by_first
            .get(&words[0])
            .is_some_and(|rests| rests.iter().any(|r| r[..] == words[1..]))
}

/// Every known phrase, as its index term, sorted: what an index of this format
/// marks.
pub fn known_terms() -> Vec<String> {
    let mut terms: Vec<String> = KNOWN
        .by_first
        .iter()
        .flat_map(|(first, rests)| {
            rests.iter().map(move |rest| {
                let mut words = vec![first.clone()];
                words.extend(rest.iter().cloned());
                phrase_term(&words)
            })
        })
        .collect();
    terms.sort();
    terms
}

/// Adds a known phrase's token after its first word, as a tantivy
/// [`TokenFilter`]. Expects lowercased, folded words.
#[derive(Clone, Copy, Debug, Default)]
pub struct PhraseTokens;

impl TokenFilter for PhraseTokens {
    type Tokenizer<T: Tokenizer> = PhraseTokensFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> PhraseTokensFilter<T> {
        PhraseTokensFilter { inner: tokenizer }
    }
}

#[derive(Clone)]
pub struct PhraseTokensFilter<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for PhraseTokensFilter<T> {
    type TokenStream<'a> = PhraseTokensStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        PhraseTokensStream {
            tail: self.inner.token_stream(text),
            ahead: VecDeque::new(),
            phrases: VecDeque::new(),
            current: Token::default(),
            tail_done: false,
        }
    }
}

pub struct PhraseTokensStream<T> {
    tail: T,
    /// Words read from the tail and not given yet.
    ahead: VecDeque<Token>,
    /// Phrase tokens of the word just given, to give next.
    phrases: VecDeque<Token>,
    current: Token,
    tail_done: bool,
}

impl<T: TokenStream> PhraseTokensStream<T> {
    /// Reads from the tail until `n` words are ahead (or the text ends).
    fn fill(&mut self, n: usize) {
        while self.ahead.len() < n && !self.tail_done {
            if self.tail.advance() {
                self.ahead.push_back(self.tail.token().clone());
            } else {
                self.tail_done = true;
            }
        }
    }

    /// The phrase tokens that start at `word`, the words after it being ahead.
    fn phrases_at(&mut self, word: &Token) {
        let Some(rests) = KNOWN.by_first.get(&word.text) else {
            return;
        };
        self.fill(KNOWN.longest - 1);
        for rest in rests {
            let follows = rest.len() <= self.ahead.len()
                && rest
                    .iter()
                    .zip(&self.ahead)
                    .enumerate()
                    .all(|(k, (w, t))| t.text == *w && t.position == word.position + k + 1);
            if follows {
                let last = &self.ahead[rest.len() - 1];
                let mut words = vec![word.text.clone()];
                words.extend(rest.iter().cloned());
                self.phrases.push_back(Token {
                    offset_from: word.offset_from,
                    offset_to: last.offset_to,
                    position: word.position,
                    text: phrase_term(&words),
                    position_length: rest.len() + 1,
                });
            }
        }
    }
}

impl<T: TokenStream> TokenStream for PhraseTokensStream<T> {
    fn advance(&mut self) -> bool {
        if let Some(phrase) = self.phrases.pop_front() {
            self.current = phrase;
            return true;
        }
        self.fill(1);
        let Some(word) = self.ahead.pop_front() else {
            return false;
        };
        self.phrases_at(&word);
        self.current = word;
        true
    }

    fn token(&self) -> &Token {
        &self.current
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.current
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::text_analyzer;

    fn tokens(text: &str) -> Vec<(String, usize)> {
        let mut analyzer = text_analyzer();
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push((t.text.clone(), t.position));
        }
        out
    }

    #[test]
    fn a_known_phrase_is_one_more_token_at_its_first_word() {
        let t = tokens("Para Aparatur Sipil Negara (ASN) netral");
        assert!(
            t.contains(&("=aparatur_sipil_negara".to_owned(), 1)),
            "{t:?}"
        );
        // The words are all there, at their positions, and the phrase is not stemmed.
        for (w, p) in [("aparatur", 1), ("sipil", 2), ("negara", 3), ("asn", 4)] {
            assert!(t.contains(&(w.to_owned(), p)), "{w}: {t:?}");
        }
        assert!(!t.iter().any(|(w, _)| w.starts_with("#=")), "{t:?}");
        assert_eq!(t.iter().filter(|(w, _)| w.starts_with('=')).count(), 1);
    }

    #[test]
    fn words_apart_or_cut_short_make_no_phrase_token() {
        for text in [
            "aparatur sipil, bukan negara",
            "aparatur sipil",
            "sipil negara aparatur",
            "kepala desa",
        ] {
            let t = tokens(text);
            let phrases: Vec<_> = t.iter().filter(|(w, _)| w.starts_with('=')).collect();
            if text == "kepala desa" {
                assert_eq!(phrases.len(), 1, "{text}: {t:?}");
            } else {
                assert!(phrases.is_empty(), "{text}: {t:?}");
            }
        }
        // Two phrases that share a first word, and one right after another.
        let t = tokens("pemerintah kabupaten pemerintah kota");
        let phrases: Vec<_> = t.iter().filter(|(w, _)| w.starts_with('=')).collect();
        assert_eq!(
            phrases,
            [
                &("=pemerintah_kabupaten".to_owned(), 0),
                &("=pemerintah_kota".to_owned(), 2)
            ]
        );
    }

    #[test]
    fn the_known_phrases_belong_to_this_index_format() {
        // An index holds the tokens of the phrases known when it was built: a
        // change to them (in expansions.txt) needs a new FORMAT_VERSION (so that
        // older indexes are rebuilt), then a new pin here.
        use std::hash::Hasher;
        let mut h = fnv::FnvHasher::default();
        for term in known_terms() {
            h.write(term.as_bytes());
            h.write_u8(0);
        }
        assert_eq!(
            (
                crate::schema::FORMAT_VERSION,
                format!("{:016x}", h.finish())
            ),
            (8, "cab65912ff09046d".to_owned()),
            "the known phrases changed: bump FORMAT_VERSION in src/schema.rs, then this pin"
        );
    }

    #[test]
    fn known_phrases_are_the_expansions_of_several_words() {
        let words = |s: &str| s.split(' ').map(str::to_owned).collect::<Vec<_>>();
        assert!(is_known(&words("aparatur sipil negara")));
        assert!(is_known(&words("pemilihan kepala daerah")));
        assert!(!is_known(&words("aparatur sipil")));
        assert!(!is_known(&words("asn")));
        assert!(known_terms().len() >= 40);
    }
}
