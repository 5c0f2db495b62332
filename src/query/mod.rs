//! The query language: a string → [`Expr`], checked, with errors that say where.
//!
//! ```text
//! query   := or
//! or      := and ( "OR" and )*          `or` in any case, when it stands between
//!                                       two terms (alone, first or last it is a word)
//! and     := unary+                     all of them must match (like a web search)
//! unary   := "-" primary                must not match
//!          | "+"? primary
//! primary := WORD                       matches any form of the word (stemmed):
//!                                       deklarasikan finds deklarasi, mendeklarasikan
//!          | '"' words '"' ( "~" N )?   exactly these words in this order; with ~N,
//!                                       up to N other words between them
//!          | "(" or ")"
//! ```
//!
//! A hyphenated word (`masing-masing`) is a phrase of its parts. `AND` (in any case,
//! between two terms) is accepted and means nothing more than juxtaposition.
//! Quote `"or"` or `"and"` to search for the word. Each clause must have something to
//! search for: `-politik` alone is an error, as is `()`. Groups nest at most
//! [`MAX_DEPTH`] deep (as milli's filter parser caps its depth): the parser, the
//! query builder and everything after them recurse once a level, and a query is
//! untrusted input.
//!
//! [`build`] turns an [`Expr`] into a tantivy query over the index's fields.

pub mod build;
mod labeled;
pub mod phrase_term;
pub mod stem;
pub mod understand;
pub mod union;

use std::fmt;

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    /// A word, matched by its stem.
    Word(String),
    /// Words matched exactly, in order, with up to `slop` words between them.
    Phrase { text: String, slop: u32 },
    /// All of the `must` and none of the `must_not`.
    And {
        must: Vec<Expr>,
        must_not: Vec<Expr>,
    },
    /// Any of these.
    Or(Vec<Expr>),
    /// Words read as a place, an acronym or a name ([`understand`]): any of its
    /// alternatives. The parser never makes one.
    Unit(understand::Unit),
}

/// A query that could not be parsed: what is wrong, and at which character (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub message: String,
    pub column: usize,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at character {})", self.message, self.column)
    }
}

impl std::error::Error for ParseError {}

/// The largest `~N` accepted.
pub const MAX_SLOP: u32 = 100;

/// How deeply groups may nest: `((a))` is two levels.
pub const MAX_DEPTH: usize = 100;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Word(String),
    Phrase(String, u32),
    Minus,
    Plus,
    Open,
    Close,
    Or,
}

fn err<T>(message: impl Into<String>, column: usize) -> Result<T, ParseError> {
    Err(ParseError {
        message: message.into(),
        column,
    })
}

/// Splits a query into tokens, each with its 1-based column.
fn lex(input: &str) -> Result<Vec<(Tok, usize)>, ParseError> {
    let chars: Vec<char> = input.chars().collect();
    let mut toks = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let col = i + 1;
        match c {
            c if c.is_whitespace() => i += 1,
            '"' | '“' | '”' => {
                let (phrase, next) = lex_phrase(&chars, i)?;
                toks.push((phrase, col));
                i = next;
            }
            '(' => {
                toks.push((Tok::Open, col));
                i += 1;
            }
            ')' => {
                toks.push((Tok::Close, col));
                i += 1;
            }
            '-' | '+' if chars.get(i + 1).is_some_and(|n| !n.is_whitespace()) => {
                toks.push((if c == '-' { Tok::Minus } else { Tok::Plus }, col));
                i += 1;
            }
            _ => {
                let start = i;
                while i < chars.len()
                    && !chars[i].is_whitespace()
                    && !matches!(chars[i], '"' | '“' | '”' | '(' | ')')
                {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                toks.push((Tok::Word(word), col));
            }
        }
    }
    Ok(operators(toks))
}

/// The phrase whose opening quote is at `open`, with its `~N`, and where the
/// query goes on after it.
fn lex_phrase(chars: &[char], open: usize) -> Result<(Tok, usize), ParseError> {
    let start = open + 1;
    let Some(end) = (start..chars.len()).find(|&j| matches!(chars[j], '"' | '“' | '”')) else {
        return err("unclosed quote: add a closing \"", open + 1);
    };
    let text: String = chars[start..end].iter().collect();
    let mut i = end + 1;
    let mut slop = 0;
    if chars.get(i) == Some(&'~') {
        let digits: String = chars[i + 1..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        if digits.is_empty() {
            return err(
                "~ after a phrase needs a number, as in \"politik uang\"~2",
                i + 1,
            );
        }
        slop = digits.parse::<u32>().unwrap_or(u32::MAX);
        if slop > MAX_SLOP {
            return err(
                format!("~{digits} is too far apart: at most ~{MAX_SLOP}"),
                i + 1,
            );
        }
        i += 1 + digits.chars().count();
    }
    Ok((Tok::Phrase(text, slop), i))
}

/// `OR` and `AND`, in any case, are operators where they stand between two terms;
/// `OR` in capitals is one anywhere (the parser says what is wrong around it).
fn operators(toks: Vec<(Tok, usize)>) -> Vec<(Tok, usize)> {
    let ends_term = |t: Option<&(Tok, usize)>| {
        matches!(t, Some((Tok::Word(_) | Tok::Phrase(..) | Tok::Close, _)))
    };
    let starts_term = |t: Option<&(Tok, usize)>| {
        matches!(
            t,
            Some((
                Tok::Word(_) | Tok::Phrase(..) | Tok::Open | Tok::Minus | Tok::Plus,
                _
            ))
        )
    };
    let mut out: Vec<(Tok, usize)> = Vec::with_capacity(toks.len());
    for (i, (tok, col)) in toks.iter().enumerate() {
        let between = ends_term(out.last()) && starts_term(toks.get(i + 1));
        match tok {
            Tok::Word(w) if w == "OR" || (between && w.eq_ignore_ascii_case("or")) => {
                out.push((Tok::Or, *col));
            }
            Tok::Word(w) if w == "AND" || (between && w.eq_ignore_ascii_case("and")) => {}
            _ => out.push((tok.clone(), *col)),
        }
    }
    out
}

/// Whether a query asks for nothing: empty, blank, or only empty quotes (`""`).
/// Such a query lists every article (narrowed by the filters).
pub fn is_empty(input: &str) -> bool {
    lex(input).is_ok_and(|toks| {
        toks.iter()
            .all(|(tok, _)| matches!(tok, Tok::Phrase(text, _) if text.trim().is_empty()))
    })
}

/// Parses a query string.
pub fn parse(input: &str) -> Result<Expr, ParseError> {
    let toks = lex(input)?;
    if toks.is_empty() {
        return err("the query is empty: give a word or a \"phrase\"", 1);
    }
    let mut p = Parser {
        toks,
        pos: 0,
        end: input.chars().count() + 1,
        depth: 0,
    };
    let expr = p.or()?;
    if let Some((_, col)) = p.toks.get(p.pos) {
        return err("unmatched ): remove it or add a ( before it", *col);
    }
    Ok(expr)
}

struct Parser {
    toks: Vec<(Tok, usize)>,
    pos: usize,
    end: usize,
    /// Groups open at the current token.
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|(t, _)| t)
    }

    fn column(&self) -> usize {
        self.toks.get(self.pos).map_or(self.end, |(_, c)| *c)
    }

    fn or(&mut self) -> Result<Expr, ParseError> {
        let mut alternatives = vec![self.and()?];
        while self.peek() == Some(&Tok::Or) {
            self.pos += 1;
            alternatives.push(self.and()?);
        }
        Ok(if alternatives.len() == 1 {
            alternatives.pop().expect("one alternative")
        } else {
            Expr::Or(alternatives)
        })
    }

    fn and(&mut self) -> Result<Expr, ParseError> {
        let start = self.column();
        let mut must = Vec::new();
        let mut must_not = Vec::new();
        loop {
            match self.peek() {
                None | Some(Tok::Close) | Some(Tok::Or) => break,
                Some(Tok::Minus) => {
                    self.pos += 1;
                    must_not.push(self.primary()?);
                }
                Some(Tok::Plus) => {
                    self.pos += 1;
                    must.push(self.primary()?);
                }
                Some(_) => must.push(self.primary()?),
            }
        }
        if must.is_empty() {
            return if must_not.is_empty() {
                err("expected a word or a \"phrase\" here", start)
            } else {
                err(
                    "only excluded terms (-word): add a word to search for",
                    start,
                )
            };
        }
        Ok(if must.len() == 1 && must_not.is_empty() {
            must.pop().expect("one term")
        } else {
            Expr::And { must, must_not }
        })
    }

    fn primary(&mut self) -> Result<Expr, ParseError> {
        let col = self.column();
        let Some((tok, _)) = self.toks.get(self.pos).cloned() else {
            return err("expected a word or a \"phrase\" at the end", col);
        };
        self.pos += 1;
        match tok {
            Tok::Word(w) => Ok(Expr::Word(w)),
            Tok::Phrase(text, slop) => Ok(Expr::Phrase { text, slop }),
            Tok::Open => {
                if self.depth == MAX_DEPTH {
                    return err(
                        format!("groups nest too deeply: at most {MAX_DEPTH} levels of ( )"),
                        col,
                    );
                }
                self.depth += 1;
                let inner = self.or()?;
                self.depth -= 1;
                if self.peek() != Some(&Tok::Close) {
                    return err("unclosed (: add a )", col);
                }
                self.pos += 1;
                Ok(inner)
            }
            Tok::Close => err("unmatched ): remove it or add a ( before it", col),
            Tok::Or => err("OR needs a term on both sides", col),
            Tok::Minus | Tok::Plus => err("- or + must be followed by a word or a \"phrase\"", col),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Expr {
        Expr::Word(s.into())
    }

    #[test]
    fn words_are_all_required() {
        assert_eq!(
            parse("netralitas ASN").unwrap(),
            Expr::And {
                must: vec![w("netralitas"), w("ASN")],
                must_not: vec![]
            }
        );
        assert_eq!(parse("netralitas AND asn"), parse("netralitas asn"));
    }

    #[test]
    fn phrases_slop_negation_and_or() {
        assert_eq!(
            parse("\"politik uang\"~1").unwrap(),
            Expr::Phrase {
                text: "politik uang".into(),
                slop: 1
            }
        );
        assert_eq!(
            parse("ikrar -\"deklarasi damai\"").unwrap(),
            Expr::And {
                must: vec![w("ikrar")],
                must_not: vec![Expr::Phrase {
                    text: "deklarasi damai".into(),
                    slop: 0
                }]
            }
        );
        assert_eq!(
            parse("ikrar OR (pakta integritas)").unwrap(),
            Expr::Or(vec![
                w("ikrar"),
                Expr::And {
                    must: vec![w("pakta"), w("integritas")],
                    must_not: vec![]
                }
            ])
        );
        // `or` between two terms is OR in any case; alone or at an end it is a
        // word. A hyphen inside a word is not negation.
        assert_eq!(parse("ikrar or deklarasi"), parse("ikrar OR deklarasi"));
        assert_eq!(
            parse("(ikrar) Or (deklarasi -damai)"),
            parse("(ikrar) OR (deklarasi -damai)")
        );
        assert_eq!(
            parse("masing-masing or").unwrap(),
            Expr::And {
                must: vec![w("masing-masing"), w("or")],
                must_not: vec![]
            }
        );
        assert_eq!(parse("or").unwrap(), w("or"));
        assert_eq!(parse("ikrar and netral"), parse("ikrar netral"));
        assert_eq!(
            parse("\"or\"").unwrap(),
            Expr::Phrase {
                text: "or".into(),
                slop: 0
            }
        );
        assert_eq!(
            parse("“politik uang”").unwrap(),
            Expr::Phrase {
                text: "politik uang".into(),
                slop: 0
            }
        );
    }

    #[test]
    fn errors_say_what_and_where() {
        let e = |q: &str| parse(q).unwrap_err();
        assert_eq!(e("\"politik uang").column, 1);
        assert!(e("\"politik uang").message.contains("unclosed quote"));
        assert!(e("-politik").message.contains("only excluded"));
        assert!(e("(politik").message.contains("unclosed ("));
        assert_eq!(e("politik)").column, 8);
        assert!(e("politik OR").message.contains("expected a word"));
        assert!(e("OR politik").message.contains("expected a word"));
        assert!(e("\"a b\"~").message.contains("needs a number"));
        assert!(e("\"a b\"~999").message.contains("at most"));
        assert!(e("   ").message.contains("empty"));
        assert!(e("()").message.contains("expected a word"));
    }

    #[test]
    fn odd_input_is_an_error_that_points_inside_the_query() {
        for q in [
            "\"",
            "\"\"~",
            "((((",
            "))))",
            "\"x\"~99999999999999999999",
            "OR OR",
            "ikrar OR",
        ] {
            let e = parse(q).expect_err(q);
            assert!(
                (1..=q.chars().count() + 1).contains(&e.column),
                "{q}: column {}",
                e.column
            );
        }
        // Lone punctuation and control characters are words to the parser (the
        // builder finds nothing to search in them).
        assert_eq!(parse("~").unwrap(), w("~"));
        assert_eq!(parse("+").unwrap(), w("+"));
        assert_eq!(
            parse("- -").unwrap(),
            Expr::And {
                must: vec![w("-"), w("-")],
                must_not: vec![]
            }
        );
        assert_eq!(parse("é\u{0}ü").unwrap(), w("é\u{0}ü"));
    }

    #[test]
    fn an_empty_query_is_blank_or_empty_quotes() {
        for q in ["", "   ", "\"\"", " \"\" “ ” "] {
            assert!(is_empty(q), "{q:?}");
        }
        for q in ["\"", "\" x \"", "!!!", "()"] {
            assert!(!is_empty(q), "{q:?}");
        }
    }

    #[test]
    fn groups_nest_to_a_limit_with_an_error_at_the_first_too_deep() {
        let nested = |n: usize| format!("{}ikrar{}", "(".repeat(n), ")".repeat(n));
        assert_eq!(parse(&nested(MAX_DEPTH)).unwrap(), w("ikrar"));
        let e = parse(&nested(MAX_DEPTH + 1)).unwrap_err();
        assert_eq!(e.column, MAX_DEPTH + 1);
        assert!(e.message.contains("nest too deeply"), "{e}");
        // Deep enough to overflow the stack of a parser without a limit: an
        // error, on the test thread's small stack.
        let e = parse(&nested(20_000)).unwrap_err();
        assert_eq!(e.column, MAX_DEPTH + 1);
        let e = parse(&format!("a OR {}", "-(".repeat(20_000))).unwrap_err();
        assert!(e.message.contains("nest too deeply"), "{e}");
    }
}
