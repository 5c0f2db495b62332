//! The query language: a string → [`Expr`], checked, with errors that say where.
//!
//! ```text
//! query   := or
//! or      := and ( "OR" and )*          OR must be upper case; `or` is a word
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
//! A hyphenated word (`masing-masing`) is a phrase of its parts. `AND` is accepted
//! and means nothing more than juxtaposition. Each clause must have something to
//! search for: `-politik` alone is an error, as is `()`.
//!
//! [`build`] turns an [`Expr`] into a tantivy query over the index's fields.

pub mod build;
pub mod stem;

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
                let start = i + 1;
                let end = (start..chars.len()).find(|&j| matches!(chars[j], '"' | '“' | '”'));
                let Some(end) = end else {
                    return err("unclosed quote: add a closing \"", col);
                };
                let text: String = chars[start..end].iter().collect();
                i = end + 1;
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
                toks.push((Tok::Phrase(text, slop), col));
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
                match word.as_str() {
                    "OR" => toks.push((Tok::Or, col)),
                    "AND" => {}
                    _ => toks.push((Tok::Word(word), col)),
                }
            }
        }
    }
    Ok(toks)
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
                let inner = self.or()?;
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
        // Lower-case `or` is a word; a hyphen inside a word is not negation.
        assert_eq!(
            parse("masing-masing or").unwrap(),
            Expr::And {
                must: vec![w("masing-masing"), w("or")],
                must_not: vec![]
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
    fn never_panics_on_odd_input() {
        for q in [
            "\"",
            "~",
            "\"\"~",
            "((((",
            "))))",
            "- - -",
            "+",
            "\"x\"~99999999999999999999",
            "é\u{0}ü",
            "OR OR",
        ] {
            let _ = parse(q);
        }
    }
}
