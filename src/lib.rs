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
//! | extract | [`extract`] | article → [`extract::Facets`]: typed [`facet`] values (region, official, pledge) |
//! | record | [`record`] | raw article → [`record::Record`] (article + facets + id); what `netra extract` prints |
//! | analyze | [`analysis`] | text → exact and stemmed tokens (Indonesian stemmer) |
//! | document | [`schema`] | record → tantivy document; stored document → [`schema::Stored`] |
//! | index | [`indexer`], [`store`] | records → a committed index; the index folder |
//! | query | [`query`] | query string → [`query::Expr`] → tantivy query |
//! | search | [`search`] | request → ranked [`search::Hit`]s with snippets, facet counts |
//! | render | [`render`] | results → terminal text or JSON |
//! | export | [`search::export`], [`rows`] | request → every matching hit → CSV, TSV or JSON Lines rows |
//! | serve | [`serve`] | HTTP requests → the same searches → HTML pages and JSON |
//!
//! [`cli`] turns arguments into validated requests for these stages. The text
//! stages (`source`, `article`, `extract`, `facet`, `record`) do not use tantivy.

pub mod analysis;
pub mod article;
pub mod cli;
pub mod extract;
pub mod facet;
#[doc(hidden)]
pub mod fuzzing;
pub mod indexer;
mod kept;
mod lexicon;
pub mod query;
pub mod record;
pub mod render;
pub mod rows;
pub mod schema;
pub mod search;
pub mod serve;
pub mod sketch;
pub mod source;
pub mod store;
pub mod topic;
