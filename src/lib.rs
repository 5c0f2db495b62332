//! netra: a search engine for Indonesian news about the neutrality of civil
//! servants (ASN) in elections.
//!
//! # Layout
//!
//! The pipeline, one module per stage, each a function from one type to the next:
//!
//! | stage | module | in → out |
//! |---|---|---|
//! | read | [`source`] | paths → [`source::RawArticle`]s and [`source::Problem`]s |
//! | parse | [`article`] | raw text → [`article::Article`] (title, outlet, dateline, date, clean body) |
//! | extract | [`extract`] | article → [`extract::Facets`] (region, official, pledge) |
//! | analyze | [`analysis`] | text → exact and stemmed tokens (Indonesian stemmer) |
//! | document | [`schema`] | [`schema::Record`] + tokens → tantivy document |
//! | index | [`indexer`], [`store`] | documents → a committed index; the index folder |
//! | query | [`query`] | query string → [`query::Expr`] → tantivy query |
//! | search | [`search`], [`snippet`], [`people`] | query → ranked [`search::Hit`]s with snippets; official spellings merged |
//! | render | [`render`] | results → terminal text or JSON |
//!
//! [`cli`] turns arguments into validated requests for these stages. The text
//! stages (`source`, `article`, `extract`) do not use tantivy.

pub mod analysis;
pub mod article;
pub mod cli;
pub mod extract;
#[doc(hidden)]
pub mod fuzzing;
pub mod indexer;
mod lexicon;
pub mod people;
pub mod query;
pub mod render;
pub mod schema;
pub mod search;
pub mod snippet;
pub mod source;
pub mod store;
