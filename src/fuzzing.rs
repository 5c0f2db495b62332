//! Entry points shared by the fuzz targets (`fuzz/`) and the regression tests that
//! replay what they found (`tests/fuzz/`). Each runs one stage on arbitrary input;
//! the only failure is a panic.

use tantivy::tokenizer::TokenStream;

use crate::analysis::{WordScanner, STEM_MARK};
use crate::article::{self, date, Meta, PubDate};
use crate::query;
use crate::schema::{self, Fields};
use crate::search::snippet;
use crate::source::{self, Decoded, Origin, RawArticle};

/// Bytes of a scraped file, through every text stage.
pub fn article(data: &[u8]) {
    let text = match source::decode(data) {
        Decoded::Utf8(text) | Decoded::Windows1252(text) => text,
        Decoded::Binary => return,
    };
    let raw = RawArticle {
        origin: Origin {
            path: "fuzz.txt".into(),
            line: None,
        },
        id: None,
        text,
        meta: Meta::default(),
        given: Default::default(),
    };
    if let Ok(record) = crate::record::record(&raw) {
        let mut analyzer = crate::analysis::text_analyzer();
        let mut stream = analyzer.token_stream(&record.article.body);
        // The word a marked stem follows, and its position.
        let mut word: Option<(String, usize)> = None;
        while let Some(token) = stream.next() {
            assert!(record.article.body.is_char_boundary(token.offset_from));
            assert!(record.article.body.is_char_boundary(token.offset_to));
            match token.text.strip_prefix(STEM_MARK) {
                Some(stem) => {
                    let (word, position) = word.take().expect("a stem follows its word");
                    assert_eq!(position, token.position, "a stem stands with its word");
                    assert_ne!(stem, word, "a stem token only where it is not the word");
                }
                None => word = Some((token.text.clone(), token.position)),
            }
        }
        let fields = Fields::of(&schema::schema()).expect("netra's own schema");
        let _doc = fields.document(&record, "fuzz", "fuzz", 0);
    }
}

/// Fuzz bytes as a query: the first byte, times 100, is how many groups the rest
/// is wrapped in (so the fuzzer reaches past [`query::MAX_DEPTH`] at once), and
/// both the bare and the wrapped query are run.
pub fn query_bytes(data: &[u8]) {
    let Some((&depth, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    query(text);
    let depth = usize::from(depth) * 100;
    query(&format!("{}{text}{}", "(".repeat(depth), ")".repeat(depth)));
}

/// A query string, parsed, built and used for a snippet. A query that does not
/// parse is an error that points inside it.
pub fn query(input: &str) {
    let expr = match query::parse(input) {
        Ok(expr) => expr,
        Err(e) => {
            assert!(!e.message.is_empty());
            assert!((1..=input.chars().count() + 1).contains(&e.column), "{e}");
            return;
        }
    };
    let fields = Fields::of(&schema::schema()).expect("netra's own schema");
    if let Some(built) = query::build::build(&expr, &fields, false) {
        let body = "ASN menolak politik uang; deklarasi netralitas masing-masing pegawai.";
        let s = snippet::make(body, &built.highlight, &mut WordScanner::default(), 40);
        for &(a, b) in &s.highlights {
            assert!(a <= b && s.text.is_char_boundary(a) && s.text.is_char_boundary(b));
        }
    }
}

/// A string, through every date parser.
pub fn date(text: &str) {
    let check = |d: PubDate| {
        let (lo, hi) = d.day_range();
        assert!(lo <= hi, "{d}");
        assert_eq!(PubDate::parse_bound(&d.to_string()), Some(d));
    };
    [
        date::parse_metadata(text),
        date::find_month(text),
        date::find_copyright_year(text),
        date::date_only_line(text),
        PubDate::parse_bound(text),
    ]
    .into_iter()
    .flatten()
    .for_each(check);
    for found in date::find_days(text) {
        assert!(found.start < found.end && text.is_char_boundary(found.start));
        check(found.date);
    }
    let _ = article::parse(text, &Meta::default());
}
