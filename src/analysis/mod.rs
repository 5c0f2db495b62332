//! Indonesian text analysis, registered with tantivy by name.
//!
//! In: text. Out: one token stream, [`TEXT`], that carries two forms of a word at
//! the same position (Lucene's keyword-repeat pattern):
//! - the exact form: words split on anything not a letter or digit, lowercased
//!   and ASCII-folded. Quoted phrases search this form, so `"politik uang"` means
//!   those two words in that order;
//! - the stem, through the Indonesian stemmer ([`stem::stem`]) and marked with
//!   [`STEM_MARK`] ([`stem_term`]), so `deklarasikan` finds deklarasi and
//!   mendeklarasikan, and a stem never collides with an exact word. Only where
//!   the stem is not the word: about three words in four are their own stem, and
//!   their exact form stands for the stem too ([`crate::query::stem`] reads the
//!   two as one term).
//!
//! Each text is tokenized once, by tantivy's indexing threads, into one field; no
//! pre-tokenized values (tantivy serialises those to JSON and back) and no second
//! field.
//!
//! Hyphenated reduplication (`masing-masing`) is two words at consecutive positions:
//! `masing` finds it, and so does `masing-masing`, which the query side turns into
//! the phrase `"masing masing"`.

pub mod phrases;
#[cfg(test)]
mod repairs;
pub mod stem;

use std::cell::RefCell;

use fnv::FnvHashMap;
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
    TextAnalyzerBuilder, Token, TokenFilter, TokenStream, Tokenizer, TokenizerManager,
};

/// Name of the analyzer of the title and body fields.
pub const TEXT: &str = "id_text";

/// Prefix of stem terms. The tokenizer splits on anything not a letter or digit,
/// so no exact word contains it.
pub const STEM_MARK: char = '#';

/// Tokens of this many bytes or more are dropped (base64 blobs, run-on URLs), as
/// tantivy's `RemoveLongFilter` drops them.
const MAX_TOKEN_BYTES: usize = 40;

/// The stems a thread remembers before it starts afresh.
const STEM_CACHE_WORDS: usize = 100_000;

/// The index term of a stem.
pub fn stem_term(stem: &str) -> String {
    let mut term = String::with_capacity(stem.len() + 1);
    term.push(STEM_MARK);
    term.push_str(stem);
    term
}

/// Registers the analyzer on an index's tokenizer manager.
pub fn register(manager: &TokenizerManager) {
    manager.register(TEXT, text_analyzer());
}

fn exact_pipeline() -> TextAnalyzerBuilder<impl Tokenizer> {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
}

/// The analyzer of the title and body fields: exact words, each followed by its
/// marked stem at the same position.
pub fn text_analyzer() -> TextAnalyzer {
    exact_pipeline()
        .filter(phrases::PhraseTokens)
        .filter(IndonesianStemmer)
        .build()
}

/// The exact-form words of a text, as the index's analyzer gives them (without
/// the stems): what queries search and snippets highlight. Cheap to create; not
/// shared between threads.
pub struct WordScanner {
    exact: TextAnalyzer,
}

impl Default for WordScanner {
    fn default() -> Self {
        WordScanner {
            exact: exact_pipeline().build(),
        }
    }
}

/// One word of a text as [`WordScanner::scan`] gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'a> {
    /// Byte range in the text.
    pub from: usize,
    pub to: usize,
    /// Position, as the index counts it (a dropped giant token still takes one).
    pub position: usize,
    /// The exact form (lowercased, ASCII-folded).
    pub text: &'a str,
}

impl WordScanner {
    /// Calls `f` with every word of `text`, in order: the same words, forms and
    /// positions as the index's tokenizer gives, without allocating a token a word
    /// (snippets scan whole bodies).
    pub fn scan(&mut self, text: &str, mut f: impl FnMut(Word<'_>)) {
        let mut buf = String::new();
        let mut position = 0;
        let bytes = text.as_bytes();
        // The length of the letter or digit at `i`, or `None` for a separator.
        let alnum_at = |i: usize| -> Option<usize> {
            let b = bytes[i];
            if b < 0x80 {
                return b.is_ascii_alphanumeric().then_some(1);
            }
            let c = text[i..].chars().next()?;
            c.is_alphanumeric().then(|| c.len_utf8())
        };
        let mut i = 0;
        while i < bytes.len() {
            if alnum_at(i).is_none() {
                i += text[i..].chars().next().map_or(1, char::len_utf8);
                continue;
            }
            let from = i;
            while i < bytes.len() {
                match alnum_at(i) {
                    Some(n) => i += n,
                    None => break,
                }
            }
            let word = &text[from..i];
            if word.len() >= MAX_TOKEN_BYTES {
                position += 1;
                continue;
            }
            buf.clear();
            if word.is_ascii() {
                buf.push_str(word);
                buf.make_ascii_lowercase();
            } else {
                // Rare: lowercasing and folding exactly as the index does.
                let mut stream = self.exact.token_stream(word);
                if let Some(token) = stream.next() {
                    buf.push_str(&token.text);
                }
            }
            f(Word {
                from,
                to: i,
                position,
                text: &buf,
            });
            position += 1;
        }
    }

    /// The exact-form words of `text`, in order.
    pub fn words(&mut self, text: &str) -> Vec<Token> {
        let mut words = Vec::new();
        let mut stream = self.exact.token_stream(text);
        while let Some(token) = stream.next() {
            words.push(token.clone());
        }
        words
    }
}

/// Adds each token's marked stem after it, at the same position, where the stem
/// is not the token itself, as a tantivy [`TokenFilter`]. Expects lowercased
/// tokens.
#[derive(Clone, Copy, Debug, Default)]
pub struct IndonesianStemmer;

impl TokenFilter for IndonesianStemmer {
    type Tokenizer<T: Tokenizer> = IndonesianStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> IndonesianStemmerFilter<T> {
        IndonesianStemmerFilter { inner: tokenizer }
    }
}

type StemCache = FnvHashMap<String, Option<String>>;

thread_local! {
    /// Each thread's stems (`None`: the word is its own stem): words repeat (Zipf),
    /// and stemming a word costs more than looking it up. Kept across the segments
    /// an indexing thread writes: tantivy gives each new segment a fresh clone of
    /// the analyzer, where a cache would start empty.
    static STEMS: RefCell<StemCache> = RefCell::default();
}

/// The tokenizer with the stemmer behind it.
#[derive(Clone)]
pub struct IndonesianStemmerFilter<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for IndonesianStemmerFilter<T> {
    type TokenStream<'a> = IndonesianStemmerStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        // The stream holds the thread's cache while it runs (a second stream at
        // the same time would start with an empty one: slower, not different).
        let mut cache = STEMS.with_borrow_mut(std::mem::take);
        if cache.len() > STEM_CACHE_WORDS {
            cache.clear();
        }
        IndonesianStemmerStream {
            tail: self.inner.token_stream(text),
            cache,
            stem: Token::default(),
            word_given: false,
            on_stem: false,
        }
    }
}

pub struct IndonesianStemmerStream<T> {
    tail: T,
    cache: StemCache,
    /// The current word's stem token, given after the word itself.
    stem: Token,
    /// The last token given was a word: its stem comes next.
    word_given: bool,
    on_stem: bool,
}

impl<T> Drop for IndonesianStemmerStream<T> {
    fn drop(&mut self) {
        let cache = std::mem::take(&mut self.cache);
        // (Not during thread teardown, when the thread's cache is gone.)
        let _ = STEMS.try_with(|stems| {
            if let Ok(mut stems) = stems.try_borrow_mut() {
                *stems = cache;
            }
        });
    }
}

impl<T: TokenStream> IndonesianStemmerStream<T> {
    /// Makes the current word's stem token; false when the stem is the word itself.
    fn make_stem(&mut self) -> bool {
        let word = self.tail.token();
        // A known phrase's token is no word to stem.
        if word.text.starts_with(phrases::PHRASE_MARK) {
            return false;
        }
        // Most words of a text are their own stems by a vowel count: no lookup.
        if stem::is_own_stem(&word.text) {
            return false;
        }
        let stem = match self.cache.get(word.text.as_str()) {
            Some(cached) => cached.as_deref(),
            None => {
                let s = stem::stem(&word.text);
                let differs = (s != word.text.as_str()).then(|| s.into_owned());
                self.cache
                    .entry(word.text.clone())
                    .or_insert(differs)
                    .as_deref()
            }
        };
        let Some(stem) = stem else {
            return false;
        };
        set_stem(&mut self.stem, word, stem);
        true
    }
}

/// Makes `token` the marked stem `stem` of `word`, at its position.
fn set_stem(token: &mut Token, word: &Token, stem: &str) {
    token.text.clear();
    token.text.push(STEM_MARK);
    token.text.push_str(stem);
    token.offset_from = word.offset_from;
    token.offset_to = word.offset_to;
    token.position = word.position;
    token.position_length = word.position_length;
}

impl<T: TokenStream> TokenStream for IndonesianStemmerStream<T> {
    fn advance(&mut self) -> bool {
        if self.word_given {
            self.word_given = false;
            if self.make_stem() {
                self.on_stem = true;
                return true;
            }
        }
        self.on_stem = false;
        if !self.tail.advance() {
            return false;
        }
        self.word_given = true;
        true
    }

    fn token(&self) -> &Token {
        if self.on_stem {
            &self.stem
        } else {
            self.tail.token()
        }
    }

    fn token_mut(&mut self) -> &mut Token {
        if self.on_stem {
            &mut self.stem
        } else {
            self.tail.token_mut()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stream(text: &str) -> Vec<Token> {
        let mut analyzer = text_analyzer();
        let mut stream = analyzer.token_stream(text);
        let mut tokens = Vec::new();
        while let Some(t) = stream.next() {
            tokens.push(t.clone());
        }
        tokens
    }

    fn texts(tokens: &[Token]) -> Vec<&str> {
        tokens.iter().map(|t| t.text.as_str()).collect()
    }

    #[test]
    fn a_word_is_followed_by_its_marked_stem_where_they_differ() {
        let text = "ASN Mendeklarasikan Netralitas, menolak Politik-Uang";
        let tokens = stream(text);
        assert_eq!(
            texts(&tokens),
            [
                "asn",
                "mendeklarasikan",
                "#deklarasi",
                "netralitas",
                "menolak",
                "#tolak",
                "politik",
                "=politik_uang",
                "uang",
            ]
        );
        let position = |t: &str| tokens.iter().find(|x| x.text == t).map(|x| x.position);
        assert_eq!(position("mendeklarasikan"), Some(1));
        assert_eq!(position("#deklarasi"), Some(1));
        assert_eq!(position("#tolak"), position("menolak"));
        let words: Vec<usize> = tokens
            .iter()
            .filter(|t| !t.text.starts_with([STEM_MARK, phrases::PHRASE_MARK]))
            .map(|t| t.position)
            .collect();
        assert_eq!(words, [0, 1, 2, 3, 4, 5]);
        // A known phrase ("politik uang") is one more token at its first word.
        assert_eq!(position("=politik_uang"), Some(4));
        assert_eq!(
            (tokens[2].offset_from, tokens[2].offset_to),
            (tokens[1].offset_from, tokens[1].offset_to)
        );
        assert_eq!(
            &text[tokens[2].offset_from..tokens[2].offset_to],
            "Mendeklarasikan"
        );
    }

    #[test]
    fn the_stream_is_the_same_with_a_warm_cache() {
        let mut analyzer = text_analyzer();
        let mut run = |text: &str| {
            let mut stream = analyzer.token_stream(text);
            let mut out = Vec::new();
            while let Some(t) = stream.next() {
                out.push(t.text.clone());
            }
            out
        };
        let cold = run("Pegawai menandatangani pakta integritas");
        let warm = run("Pegawai menandatangani pakta integritas");
        assert_eq!(cold, warm);
        assert_eq!(
            cold,
            [
                "pegawai",
                "menandatangani",
                "#tandatangan",
                "pakta",
                "=pakta_integritas",
                "integritas"
            ]
        );
        assert!(run("").is_empty());
    }

    #[test]
    fn streams_open_at_once_on_one_thread_stem_alike() {
        let text = "Mendeklarasikan netralitas, menolak politik uang, mendeklarasikan";
        let alone: Vec<String> = stream(text).into_iter().map(|t| t.text).collect();
        let (mut a, mut b) = (text_analyzer(), text_analyzer());
        let (mut first, mut second) = (a.token_stream(text), b.token_stream(text));
        let (mut one, mut two) = (Vec::new(), Vec::new());
        loop {
            let more = first.advance();
            if more {
                one.push(first.token().text.clone());
            }
            if second.advance() {
                two.push(second.token().text.clone());
            } else if !more {
                break;
            }
        }
        assert_eq!(one, alone);
        assert_eq!(two, alone);
    }

    #[test]
    fn words_are_the_exact_forms_only() {
        let words = WordScanner::default().words("ASN Mendeklarasikan Netralitas");
        assert_eq!(texts(&words), ["asn", "mendeklarasikan", "netralitas"]);
    }

    #[test]
    fn scan_gives_the_words_words_gives() {
        // Around the length limit: tantivy keeps a token shorter than it.
        let long = "x".repeat(MAX_TOKEN_BYTES + 1);
        let limit = "y".repeat(MAX_TOKEN_BYTES);
        let under = "z".repeat(MAX_TOKEN_BYTES - 1);
        let text =
            format!("ASN Mendeklarasikan {long} Café, masing-masing “jurdil” {limit} 2024 {under}");
        let mut analyzer = WordScanner::default();
        let words = analyzer.words(&text);
        let mut scanned = Vec::new();
        analyzer.scan(&text, |w| {
            scanned.push((w.from, w.to, w.position, w.text.to_owned()));
        });
        let expected: Vec<_> = words
            .iter()
            .map(|t| (t.offset_from, t.offset_to, t.position, t.text.clone()))
            .collect();
        assert_eq!(scanned, expected);
        assert_eq!(scanned[2].3, "cafe");
    }

    #[test]
    fn folds_accents_and_drops_giant_tokens() {
        let long = "x".repeat(MAX_TOKEN_BYTES + 1);
        let words = WordScanner::default().words(&format!("Pemilu {long} café"));
        assert_eq!(texts(&words), ["pemilu", "cafe"]);
    }

    #[test]
    fn reduplication_is_two_consecutive_words() {
        let words = WordScanner::default().words("masing-masing kepala-kepala");
        assert_eq!(texts(&words), ["masing", "masing", "kepala", "kepala"]);
        assert_eq!(words[1].position, words[0].position + 1);
    }

    #[test]
    fn the_registered_analyzer_is_the_text_analyzer() {
        let manager = TokenizerManager::default();
        register(&manager);
        let mut analyzer = manager.get(TEXT).expect("registered");
        let mut stream = analyzer.token_stream("Pegawai menandatangani pakta");
        let mut got = Vec::new();
        while let Some(t) = stream.next() {
            got.push(t.text.clone());
        }
        assert_eq!(got, texts(&stream_of("Pegawai menandatangani pakta")));
    }

    fn stream_of(text: &str) -> Vec<Token> {
        stream(text)
    }
}
