//! [`Expr`] → tantivy query, and the terms a snippet should highlight.
//!
//! - A word searches every form of its stem in the title and body, as one term
//!   ([`StemQuery`]).
//! - A phrase (or a hyphenated word) searches the exact words, in order.
//! - The title counts [`TITLE_BOOST`] times the body (BM25 on each field).
//! - When two or more plain words are required, documents where they stand close
//!   together in the body ([`PROXIMITY_SLOP`]) score higher; the words are still
//!   required wherever they stand. For the query's top level the bonus is a
//!   separate query ([`Built::proximity`]) that the search applies to its best
//!   candidates only ([`RESCORE_DEPTH`]): scoring it on every match was most of
//!   the cost of a multi-word search.

use std::collections::HashSet;

use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

use super::labeled::Labeled;
use super::phrase_term::PhraseTermQuery;
use super::stem::StemQuery;
use super::understand::{Alternative, Unit, UnitKind};
use super::union::{Combine, Union};
use super::Expr;
use crate::analysis::{phrases, stem, stem_term, WordScanner};
use crate::schema::{self, Fields};

/// How much a match in the title weighs against one in the body.
pub const TITLE_BOOST: f32 = 2.0;
/// How far apart required words may stand for the proximity bonus.
pub const PROXIMITY_SLOP: u32 = 3;
/// How much another spelling of a name weighs against the one typed.
pub const SPELLING_WEIGHT: f32 = 0.6;
/// How much an article whose event place lies in a place of the query weighs, as
/// a boost of the region facet term's BM25 (a rare region weighs more).
pub const REGION_BOOST: f32 = 3.0;
/// What a unit's other matching alternatives add to its best one, as a share.
pub const UNIT_TIE: f32 = 0.2;
/// Score of an article that reports an oath, for an oath word it does not hold:
/// enough to match, too little to rank it above one that holds the word.
pub const PLEDGE_SCORE: f32 = 0.1;
/// How much a typed word in its exact form adds, as a share of its BM25.
pub const EXACT_BONUS: f32 = 0.3;

/// What a snippet should highlight: the query's positive terms.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Highlight {
    /// Stems of words (match any form).
    pub stems: HashSet<String>,
    /// Exact single words from quotes.
    pub exact: HashSet<String>,
    /// Exact multi-word phrases.
    pub phrases: Vec<Vec<String>>,
}

/// How many of the best matches the top-level proximity bonus re-ranks.
pub const RESCORE_DEPTH: usize = 100;

/// A query ready to run, and what to highlight.
pub struct Built {
    pub query: Box<dyn Query>,
    /// The proximity bonus of the top-level words, to add to the best matches'
    /// scores.
    pub proximity: Option<Box<dyn Query>>,
    pub highlight: Highlight,
    /// The required parts of a query of several, each alone, and what it
    /// excludes: for finding the articles that hold most of them when none
    /// holds all.
    pub parts: Option<Parts>,
    /// What lifts one match above another that BM25 scores alike, to add to the
    /// best matches' scores: the words as typed (an exact form ranks above
    /// another form of its stem), a term query a word and field (each sought
    /// alone: a union of them seeks in windows of thousands of documents).
    pub bonus: Vec<Box<dyn Query>>,
}

/// The top-level parts of a query that requires several.
pub struct Parts {
    pub required: Vec<Box<dyn Query>>,
    pub excluded: Vec<Box<dyn Query>>,
    /// Which of `required` are places: an article that holds part of the query
    /// must still be in (or name) the place typed, as with a region filter.
    pub places: Vec<bool>,
}

/// Builds the tantivy query for `expr`. `None` when nothing in it can be searched
/// (a query of punctuation only). With `explain`, every part of the query
/// explains itself by name ([`Labeled`]).
pub fn build(expr: &Expr, fields: &Fields, explain: bool) -> Option<Built> {
    let mut b = Builder {
        explain,
        fields,
        analyzer: WordScanner::default(),
        highlight: Highlight::default(),
        depth: 0,
        top_proximity: None,
        top_parts: None,
        typed: Vec::new(),
    };
    let query = b.expr(expr, false)?;
    let bonus = b.bonus();
    Some(Built {
        query,
        proximity: b.top_proximity,
        highlight: b.highlight,
        parts: b.top_parts,
        bonus,
    })
}

struct Builder<'a> {
    /// Label the parts of the query ([`Labeled`]).
    explain: bool,
    fields: &'a Fields,
    analyzer: WordScanner,
    highlight: Highlight,
    /// How deep in the expression the builder is (0: the whole query).
    depth: usize,
    top_proximity: Option<Box<dyn Query>>,
    top_parts: Option<Parts>,
    /// The exact forms of the words searched by their stem, as typed.
    typed: Vec<String>,
}

impl Builder<'_> {
    fn expr(&mut self, expr: &Expr, negated: bool) -> Option<Box<dyn Query>> {
        match expr {
            Expr::Word(word) => self.word(word, negated),
            Expr::Phrase { text, slop } => self.phrase(text, *slop, negated),
            Expr::And { must, must_not } => {
                let top = self.depth == 0;
                self.depth += 1;
                let mut places = Vec::new();
                let mut clauses: Vec<(Occur, Box<dyn Query>)> = must
                    .iter()
                    .filter_map(|e| {
                        let q = self.expr(e, negated)?;
                        places.push(matches!(e, Expr::Unit(u) if u.kind == UnitKind::Place));
                        Some((Occur::Must, q))
                    })
                    .collect();
                self.depth -= 1;
                if clauses.is_empty() {
                    return None;
                }
                match self.proximity(must) {
                    Some(bonus) if top && !negated => self.top_proximity = Some(bonus),
                    Some(bonus) => clauses.push((Occur::Should, bonus)),
                    None => {}
                }
                self.depth += 1;
                let excluded: Vec<Box<dyn Query>> = must_not
                    .iter()
                    .filter_map(|e| self.expr(e, !negated))
                    .collect();
                self.depth -= 1;
                let required: Vec<Box<dyn Query>> = clauses
                    .iter()
                    .filter(|(occur, _)| *occur == Occur::Must)
                    .map(|(_, q)| q.box_clone())
                    .collect();
                if top && !negated && required.len() >= 2 {
                    self.top_parts = Some(Parts {
                        required,
                        excluded: excluded.iter().map(|q| q.box_clone()).collect(),
                        places,
                    });
                }
                clauses.extend(excluded.into_iter().map(|q| (Occur::MustNot, q)));
                Some(Box::new(BooleanQuery::new(clauses)))
            }
            Expr::Unit(unit) => self.unit(unit, negated),
            Expr::Or(alternatives) => {
                self.depth += 1;
                let clauses: Vec<(Occur, Box<dyn Query>)> = alternatives
                    .iter()
                    .filter_map(|e| self.expr(e, negated))
                    .map(|q| (Occur::Should, q))
                    .collect();
                self.depth -= 1;
                (!clauses.is_empty())
                    .then(|| Box::new(BooleanQuery::new(clauses)) as Box<dyn Query>)
            }
        }
    }

    /// `query`, explained under `label` when the search is to be explained.
    fn label(&self, label: impl FnOnce() -> String, query: Box<dyn Query>) -> Box<dyn Query> {
        if self.explain {
            Box::new(Labeled::new(label(), query))
        } else {
            query
        }
    }

    /// The bonus of [`Built::bonus`].
    fn bonus(&self) -> Vec<Box<dyn Query>> {
        let mut queries = Vec::new();
        for word in &self.typed {
            for (field, name, boost) in [
                (self.fields.title, "title", TITLE_BOOST * EXACT_BONUS),
                (self.fields.body, "body", EXACT_BONUS),
            ] {
                let exact = exact_query(field, std::slice::from_ref(word), 0);
                let exact = Box::new(BoostQuery::new(exact, boost));
                queries
                    .push(self.label(|| format!("bonus: `{word}` as typed in the {name}"), exact));
            }
        }
        queries
    }

    /// Any of a unit's alternatives.
    fn unit(&mut self, unit: &Unit, negated: bool) -> Option<Box<dyn Query>> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        // A unit scores as its best alternative, and a little for the others: an
        // article that says both "ASN" and "aparatur sipil negara" is not twice
        // as much about civil servants.
        let kind = match unit.kind {
            UnitKind::Place => "place",
            UnitKind::Expansion => "expansion",
            UnitKind::Name => "name",
            UnitKind::Pledge => "pledge",
        };
        for alternative in &unit.alternatives {
            let query = match alternative {
                Alternative::Words(words) => self
                    .word(words, negated)
                    .map(|q| self.label(|| format!("{kind} {}: \"{words}\"", unit.text), q)),
                Alternative::Spelling(word) => {
                    let tokens = self.tokens(word);
                    (!tokens.is_empty()).then(|| {
                        let q = self.exact(tokens, 0, negated);
                        let q = Box::new(BoostQuery::new(q, SPELLING_WEIGHT));
                        self.label(|| format!("{kind} {}: spelled {word}", unit.text), q)
                    })
                }
                Alternative::Region(path) => {
                    let term =
                        Term::from_facet(self.fields.region, &schema::facet(path.as_facet_path()));
                    let q: Box<dyn Query> =
                        Box::new(TermQuery::new(term, IndexRecordOption::Basic));
                    let q = Box::new(BoostQuery::new(q, REGION_BOOST));
                    Some(self.label(|| format!("{kind} {}: event place {path}", unit.text), q))
                }
                Alternative::Pledge(pledge) => {
                    let term = Term::from_facet(
                        self.fields.pledge,
                        &tantivy::schema::Facet::from_path([pledge.name()]),
                    );
                    // A constant, and a small one: such an article matches, and
                    // ranks by its other words, below those that say the word.
                    let q: Box<dyn Query> = Box::new(ConstScoreQuery::new(
                        Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
                        PLEDGE_SCORE,
                    ));
                    Some(self.label(|| format!("{kind} {}: reports a {pledge}", unit.text), q))
                }
            };
            clauses.extend(query.map(|q| (Occur::Should, q)));
        }
        let disjuncts: Vec<Box<dyn Query>> = clauses.into_iter().map(|(_, q)| q).collect();
        (!disjuncts.is_empty()).then(|| {
            Box::new(Union::new(disjuncts, Combine::Max { tie: UNIT_TIE })) as Box<dyn Query>
        })
    }

    fn tokens(&mut self, text: &str) -> Vec<String> {
        self.analyzer
            .words(text)
            .into_iter()
            .map(|t| t.text)
            .collect()
    }

    fn word(&mut self, word: &str, negated: bool) -> Option<Box<dyn Query>> {
        let tokens = self.tokens(word);
        match tokens.as_slice() {
            [] => None,
            [token] => {
                let stemmed = stem::stem(token).into_owned();
                let q = Box::new(StemQuery::new(
                    &[(self.fields.title, TITLE_BOOST), (self.fields.body, 1.0)],
                    &stem_texts(&stemmed),
                ));
                let q = self.label(|| format!("word `{token}`: any form of {stemmed}"), q);
                if !negated {
                    self.highlight.stems.insert(stemmed);
                    self.typed.push(token.clone());
                }
                Some(q)
            }
            _ => Some(self.exact(tokens, 0, negated)),
        }
    }

    fn phrase(&mut self, text: &str, slop: u32, negated: bool) -> Option<Box<dyn Query>> {
        let tokens = self.tokens(text);
        (!tokens.is_empty()).then(|| self.exact(tokens, slop, negated))
    }

    /// Exact words in order, on the exact title and body fields.
    fn exact(&mut self, tokens: Vec<String>, slop: u32, negated: bool) -> Box<dyn Query> {
        let q = self.both_fields(|field| self.exact_query(field, &tokens, slop));
        let q = self.label(|| format!("exact \"{}\"", tokens.join(" ")), q);
        if !negated {
            if tokens.len() == 1 {
                self.highlight.exact.extend(tokens);
            } else if slop == 0 {
                self.highlight.phrases.push(tokens);
            } else {
                // A sloppy phrase's words need not be adjacent: light each one.
                self.highlight.exact.extend(tokens);
            }
        }
        q
    }

    /// The same query on the title (boosted) and on the body.
    fn both_fields(&self, query: impl Fn(Field) -> Box<dyn Query>) -> Box<dyn Query> {
        Box::new(Union::new(
            vec![
                Box::new(BoostQuery::new(query(self.fields.title), TITLE_BOOST)),
                query(self.fields.body),
            ],
            Combine::Sum,
        ))
    }

    /// A bonus for documents whose body has the required plain words close together.
    fn proximity(&mut self, must: &[Expr]) -> Option<Box<dyn Query>> {
        let mut words = Vec::new();
        for e in must {
            let typed = match e {
                Expr::Word(w) => w,
                Expr::Unit(unit) => &unit.text,
                _ => continue,
            };
            let tokens = self.tokens(typed);
            if let [token] = tokens.as_slice() {
                words.push(token.clone());
            }
        }
        (words.len() >= 2).then(|| {
            let q = self.exact_query(self.fields.body, &words, PROXIMITY_SLOP);
            self.label(
                || format!("bonus: {} within {PROXIMITY_SLOP} words", words.join(", ")),
                q,
            )
        })
    }
}

impl Builder<'_> {
    /// Exact words in order in one field ([`exact_query`]); labelled by field when
    /// explaining, which also keeps tantivy's phrase weight from being asked to
    /// explain a document it does not match.
    fn exact_query(&self, field: Field, tokens: &[String], slop: u32) -> Box<dyn Query> {
        let q = exact_query(field, tokens, slop);
        if tokens.len() < 2 {
            return q;
        }
        let name = if field == self.fields.title {
            "title"
        } else {
            "body"
        };
        self.label(|| format!("{name}: \"{}\"", tokens.join(" ")), q)
    }
}

/// The index terms of a stem: its marked form, and the word itself when the word
/// is its own stem (the index gives no marked token then).
fn stem_texts(stemmed: &str) -> Vec<String> {
    let mut texts = vec![stem_term(stemmed)];
    if stem::stem(stemmed) == stemmed {
        texts.push(stemmed.to_owned());
    }
    texts
}

fn exact_query(field: Field, tokens: &[String], slop: u32) -> Box<dyn Query> {
    let terms: Vec<Term> = tokens
        .iter()
        .map(|t| Term::from_field_text(field, t))
        .collect();
    match terms.as_slice() {
        [term] => Box::new(TermQuery::new(term.clone(), IndexRecordOption::WithFreqs)),
        // A known phrase is one token in the index: the same matches and scores.
        _ if slop == 0 && phrases::is_known(tokens) => {
            Box::new(PhraseTermQuery::new(field, tokens))
        }
        _ => {
            let mut phrase = PhraseQuery::new(terms);
            phrase.set_slop(slop);
            Box::new(phrase)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::parse;
    use crate::schema;

    fn highlight(q: &str) -> Highlight {
        let fields = Fields::of(&schema::schema()).expect("fields");
        build(&parse(q).expect("parses"), &fields, false)
            .expect("builds")
            .highlight
    }

    #[test]
    fn words_highlight_by_stem_and_phrases_exactly() {
        let h = highlight("mendeklarasikan \"politik uang\" \"ASN\" -kampanye");
        assert!(h.stems.contains("deklarasi"));
        assert!(
            !h.stems.contains("kampanye"),
            "excluded terms are not highlighted"
        );
        assert_eq!(
            h.phrases,
            vec![vec!["politik".to_owned(), "uang".to_owned()]]
        );
        assert!(h.exact.contains("asn"));
    }

    #[test]
    fn hyphenated_words_are_phrases() {
        let h = highlight("masing-masing");
        assert_eq!(
            h.phrases,
            vec![vec!["masing".to_owned(), "masing".to_owned()]]
        );
    }

    #[test]
    fn punctuation_only_builds_nothing() {
        let fields = Fields::of(&schema::schema()).expect("fields");
        assert!(build(&parse("!!! ...").expect("parses"), &fields, false).is_none());
    }
}
