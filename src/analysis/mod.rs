//! Indonesian text analysis, registered with tantivy by name.
//!
//! In: text. Out: tokens in two forms, one indexed field per form:
//! - [`EXACT`]: words split on anything not a letter or digit, lowercased and
//!   ASCII-folded. Quoted phrases search this form, so `"politik uang"` means
//!   those two words in that order.
//! - [`STEMMED`]: the exact form through the Indonesian stemmer ([`stem::stem`]),
//!   so `deklarasikan` finds deklarasi and mendeklarasikan.
//!
//! Hyphenated reduplication (`masing-masing`) is two tokens at consecutive positions:
//! `masing` finds it, and so does `masing-masing`, which the query side turns into
//! the phrase `"masing masing"`.
//!
//! The indexer tokenizes a text once ([`Analyzer::analyze`]) and derives both forms
//! from that one pass; the registered analyzers are the same pipeline for anything
//! that asks tantivy to tokenize a field.

pub mod stem;

use std::borrow::Cow;
use std::mem;

use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
    TextAnalyzerBuilder, Token, TokenFilter, TokenStream, Tokenizer, TokenizerManager,
};

/// Name of the exact analyzer (lowercase + ASCII folding).
pub const EXACT: &str = "id_exact";
/// Name of the stemming analyzer (exact + Indonesian stemmer).
pub const STEMMED: &str = "id_stem";

/// Tokens longer than this many bytes are dropped (base64 blobs, run-on URLs).
const MAX_TOKEN_BYTES: usize = 40;

/// Registers both analyzers on an index's tokenizer manager.
pub fn register(manager: &TokenizerManager) {
    manager.register(EXACT, exact_analyzer());
    manager.register(STEMMED, exact_pipeline().filter(IndonesianStemmer).build());
}

fn exact_pipeline() -> TextAnalyzerBuilder<impl Tokenizer> {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
}

fn exact_analyzer() -> TextAnalyzer {
    exact_pipeline().build()
}

/// Both token forms of one text.
#[derive(Debug, Default, Clone)]
pub struct Analysis {
    pub exact: Vec<Token>,
    pub stemmed: Vec<Token>,
}

/// A reusable single-pass analyzer. Cheap to create; not shared between threads.
pub struct Analyzer {
    exact: TextAnalyzer,
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer {
            exact: exact_analyzer(),
        }
    }
}

impl Analyzer {
    /// Tokenizes `text` once and returns the exact and the stemmed tokens.
    pub fn analyze(&mut self, text: &str) -> Analysis {
        let mut analysis = Analysis::default();
        let mut stream = self.exact.token_stream(text);
        while let Some(token) = stream.next() {
            let mut stemmed = token.clone();
            if let Cow::Owned(s) = stem::stem(&token.text) {
                stemmed.text = s;
            }
            analysis.exact.push(token.clone());
            analysis.stemmed.push(stemmed);
        }
        analysis
    }

    /// The exact-form words of `text`, in order (for queries and highlighting).
    pub fn words(&mut self, text: &str) -> Vec<Token> {
        let mut words = Vec::new();
        let mut stream = self.exact.token_stream(text);
        while let Some(token) = stream.next() {
            words.push(token.clone());
        }
        words
    }
}

/// The Indonesian stemmer as a tantivy [`TokenFilter`]. Expects lowercased tokens.
#[derive(Clone, Copy, Debug, Default)]
pub struct IndonesianStemmer;

impl TokenFilter for IndonesianStemmer {
    type Tokenizer<T: Tokenizer> = IndonesianStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> IndonesianStemmerFilter<T> {
        IndonesianStemmerFilter { inner: tokenizer }
    }
}

#[derive(Clone)]
pub struct IndonesianStemmerFilter<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for IndonesianStemmerFilter<T> {
    type TokenStream<'a> = IndonesianStemmerStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        IndonesianStemmerStream {
            tail: self.inner.token_stream(text),
        }
    }
}

pub struct IndonesianStemmerStream<T> {
    tail: T,
}

impl<T: TokenStream> TokenStream for IndonesianStemmerStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Cow::Owned(stemmed) = stem::stem(&token.text) {
            let _ = mem::replace(&mut token.text, stemmed);
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(tokens: &[Token]) -> Vec<&str> {
        tokens.iter().map(|t| t.text.as_str()).collect()
    }

    #[test]
    fn one_pass_gives_exact_and_stemmed_forms_at_the_same_positions() {
        let a = Analyzer::default().analyze("ASN Mendeklarasikan Netralitas, menolak Politik-Uang");
        assert_eq!(
            texts(&a.exact),
            [
                "asn",
                "mendeklarasikan",
                "netralitas",
                "menolak",
                "politik",
                "uang"
            ]
        );
        assert_eq!(
            texts(&a.stemmed),
            ["asn", "deklarasi", "netral", "tolak", "politik", "uang"]
        );
        let positions = |ts: &[Token]| ts.iter().map(|t| t.position).collect::<Vec<_>>();
        assert_eq!(positions(&a.exact), positions(&a.stemmed));
        assert_eq!(
            &"ASN Mendeklarasikan"[a.exact[1].offset_from..a.exact[1].offset_to],
            "Mendeklarasikan"
        );
    }

    #[test]
    fn folds_accents_and_drops_giant_tokens() {
        let long = "x".repeat(MAX_TOKEN_BYTES + 1);
        let a = Analyzer::default().analyze(&format!("Pemilu {long} café"));
        assert_eq!(texts(&a.exact), ["pemilu", "cafe"]);
    }

    #[test]
    fn reduplication_is_two_consecutive_tokens() {
        let a = Analyzer::default().analyze("masing-masing kepala-kepala");
        assert_eq!(texts(&a.exact), ["masing", "masing", "kepala", "kepala"]);
        assert_eq!(a.exact[1].position, a.exact[0].position + 1);
    }

    #[test]
    fn registered_stem_analyzer_matches_the_single_pass() {
        let manager = TokenizerManager::default();
        register(&manager);
        let mut analyzer = manager.get(STEMMED).expect("registered");
        let mut stream = analyzer.token_stream("Pegawai menandatangani pakta");
        let mut got = Vec::new();
        while let Some(t) = stream.next() {
            got.push(t.text.clone());
        }
        let single = Analyzer::default().analyze("Pegawai menandatangani pakta");
        assert_eq!(got, texts(&single.stemmed));
        assert_eq!(got, ["pegawai", "tandatangan", "pakta"]);
    }
}
