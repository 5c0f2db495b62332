//! Saved HTML pages → one [`RawArticle`]: the page's main content as text with
//! its paragraphs, and its metadata.
//!
//! The main content is found by `dom_smoothie` (a port of Mozilla's Readability):
//! scripts, styles, menus, sidebars, comment forms and footers go; the paragraphs
//! stay one a line, so the article stage's rules still see a "Baca Juga:" link or
//! a byline left inside the content. Metadata, where the page has it: the title
//! (`og:title`, JSON-LD `headline`, `<title>` without the outlet's name), the
//! publication date (`article:published_time`, JSON-LD `datePublished`, a
//! `<time datetime>`, or a short date line near the top, given to the article
//! stage as a header line), the outlet (`og:site_name`, JSON-LD `publisher`, or
//! the part of `<title>` that is not the headline) and the canonical URL.
//!
//! A page cut short (a truncated download) is read as far as it goes: HTML
//! parsing never fails, it only closes what is open.

use dom_query::Document;

use crate::article::Meta;

/// Elements that hold a page's date line, in the order they are tried.
const DATE_ELEMENTS: &str = "time, [class*=date], [class*=tanggal], [class*=waktu], \
     .published, .post-meta, .entry-meta, [class*=meta-berita], [class*=article-meta]";

/// `<meta>` names and properties that hold the publication date.
const DATE_METAS: &[&str] = &[
    "meta[property='article:published_time']",
    "meta[itemprop=datePublished]",
    "meta[name=publishdate]",
    "meta[name=pubdate]",
    "meta[name=publish-date]",
    "meta[name='article:published_time']",
    "meta[name=date]",
    "meta[name='dc.date']",
    "meta[name='DC.date.issued']",
    "meta[name='parsely-pub-date']",
];

/// The longest date line taken from the page's header, in characters.
const MAX_DATE_LINE: usize = 120;

/// A page's article text and metadata. `None` when the page holds no text.
// One piece: one page, read in order: metadata before Readability takes the document, then
// its text.
pub(super) fn read(html: &str) -> Option<(String, Meta)> {
    let doc = Document::from(html);
    let canonical = first_attr(&doc, "link[rel=canonical]", "href")
        .or_else(|| first_attr(&doc, "meta[property='og:url']", "content"));
    let page_title = doc.select("title").first().text().trim().to_owned();
    let date_attr = DATE_METAS
        .iter()
        .find_map(|selector| first_attr(&doc, selector, "content"))
        .or_else(|| first_attr(&doc, "time[datetime]", "datetime"));
    let h1 = doc
        .select("h1")
        .first()
        .text()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let date_line = date_line(&doc);
    let config = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        ..Default::default()
    };
    let (title, text, site, published) =
        match dom_smoothie::Readability::with_document(doc, None, Some(config))
            .and_then(|mut r| r.parse())
        {
            Ok(a) => (
                a.title,
                a.text_content.to_string(),
                a.site_name,
                a.published_time,
            ),
            // No readable content: the page's whole text, for the article stage's
            // own rules.
            Err(_) => (
                page_title.clone(),
                Document::from(html).select("body").text().to_string(),
                None,
                None,
            ),
        };
    let text = paragraphs(&text);
    if text.trim().is_empty() {
        return None;
    }
    // Readability keeps "Headline | Outlet" whole when the headline is short: the
    // page's h1 is the headline then.
    let title = title.trim();
    let title = if !h1.is_empty() && title != h1 && title.starts_with(h1.as_str()) {
        h1.clone()
    } else {
        title.to_owned()
    };
    let title = Some(title).filter(|t| !t.is_empty());
    let outlet = site
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .or_else(|| outlet_in_title(&page_title, title.as_deref()));
    let date = published.or(date_attr);
    // Without a date in the metadata, the page's date line goes above the text,
    // where the article stage reads a header's date.
    let text = match (&date, date_line) {
        (None, Some(line)) => format!("{line}\n\n{text}"),
        _ => text,
    };
    Some((
        text,
        Meta {
            title,
            outlet,
            date,
            url: canonical,
            ..Meta::default()
        },
    ))
}

fn first_attr(doc: &Document, selector: &str, attr: &str) -> Option<String> {
    doc.select(selector)
        .iter()
        .find_map(|s| s.attr(attr))
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

/// The first short line of a date element that names a year ("Senin, 7 Oktober
/// 2024 | 10:15 WIB").
fn date_line(doc: &Document) -> Option<String> {
    doc.select(DATE_ELEMENTS).iter().find_map(|s| {
        let text = s.text().split_whitespace().collect::<Vec<_>>().join(" ");
        let has_year = text
            .split(|c: char| !c.is_ascii_digit())
            .any(|n| n.len() == 4 && (n.starts_with("19") || n.starts_with("20")));
        (has_year && text.chars().count() <= MAX_DATE_LINE).then_some(text)
    })
}

/// Text with one paragraph a line and a blank line between paragraphs, spaces
/// inside lines collapsed.
fn paragraphs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&line);
    }
    out
}

/// The outlet's name in a `<title>` that adds it to the headline: "Headline |
/// Outlet", "Headline - Outlet", "Outlet: Headline".
fn outlet_in_title(page_title: &str, headline: Option<&str>) -> Option<String> {
    let headline = headline?.trim();
    let rest = page_title.trim();
    let outside = if let Some(after) = rest.strip_prefix(headline) {
        after
    } else {
        rest.strip_suffix(headline)?
    };
    let name = outside.trim_matches(|c: char| c.is_whitespace() || "|-–—:·»".contains(c));
    (!name.is_empty() && name.chars().count() <= 60).then(|| name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_outlet_is_what_the_title_adds_to_the_headline() {
        assert_eq!(
            outlet_in_title("Judul Berita | RanahMinang.co", Some("Judul Berita")).as_deref(),
            Some("RanahMinang.co")
        );
        assert_eq!(
            outlet_in_title(
                "Kabar Flobamora: Pj Wali Kota: Judul",
                Some("Pj Wali Kota: Judul")
            )
            .as_deref(),
            Some("Kabar Flobamora")
        );
        assert_eq!(outlet_in_title("Judul Berita", Some("Judul Berita")), None);
        assert_eq!(outlet_in_title("Lain Sama Sekali", Some("Judul")), None);
    }

    #[test]
    fn a_page_gives_its_text_in_paragraphs_and_its_metadata() {
        let html = r#"<html><head><title>ASN Netral | Warta.id</title>
            <link rel="canonical" href="https://warta.id/a">
            <script>var tracker = "JANGAN";</script></head>
            <body><nav>Beranda Politik</nav>
            <article><h1>ASN Netral</h1><div class="date">Senin, 7 Oktober 2024 | 10:15 WIB</div>
            <p>MATARAM - Ratusan ASN Pemprov NTB mengucapkan ikrar netralitas, Senin (7/10/2024). Kegiatan itu dipimpin langsung oleh pejabat daerah.</p>
            <p>Ikrar dibacakan di halaman kantor gubernur dan diikuti seluruh pimpinan perangkat daerah yang hadir pagi itu.</p>
            <p>Pj Gubernur meminta ASN menjaga netralitas selama masa kampanye hingga pemungutan suara berlangsung.</p></article>
            <footer>Alamat redaksi</footer></body></html>"#;
        let (text, meta) = read(html).expect("an article");
        assert!(text.contains("MATARAM - Ratusan ASN"), "{text}");
        assert!(
            text.contains("\n\nIkrar dibacakan"),
            "paragraphs apart: {text}"
        );
        assert!(
            !text.contains("tracker") && !text.contains("Beranda"),
            "{text}"
        );
        assert!(
            text.starts_with("Senin, 7 Oktober 2024"),
            "the date line on top: {text}"
        );
        assert_eq!(meta.title.as_deref(), Some("ASN Netral"));
        assert_eq!(meta.outlet.as_deref(), Some("Warta.id"));
        assert_eq!(meta.url.as_deref(), Some("https://warta.id/a"));
    }

    #[test]
    fn an_empty_or_cut_page_never_panics() {
        assert!(read("").is_none());
        assert!(read("<html><body>").is_none());
        let cut = "<html><body><article><p>ASN Kabupaten Sambas mengikuti deklarasi netralitas pada Kamis (19/9/2024) di aula kantor bupati dan mereka berjanji";
        let (text, _) = read(cut).expect("the text before the cut");
        assert!(text.ends_with("mereka berjanji"), "{text}");
    }
}
