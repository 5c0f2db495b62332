//! Where the story stands on a page: lines with their [`Kind`] → [`Layout`].
//!
//! A scraped page is the site's chrome (its name, menu, a news ticker, a "Berita
//! Terkini" list), the headline, a date line and a byline, perhaps a photo
//! caption, the story, then the page's lists and comments. [`super::clean`] told
//! what each line is on its own; this module reads their order:
//!
//! 1. **The story starts** at its first paragraph: a line of sentences (ten words
//!    or more, at least three in ten of them lower-case, ending like a sentence or
//!    twenty words long; not a menu, not a photo caption). A dateline line
//!    (`MATARAM (ANTARA) -`) right below it starts the story instead:
//!    what stood above it was a caption. Within the starting line, a dateline in
//!    its first [`PROMO_BYTES`] bytes, or bylines ("Reporter: Musa Ade, …"), move
//!    the start past the promotion or the byline a scraper glued before the story.
//! 2. **The headline** is the nearest headline-like line above the start (4–40
//!    words, no closing full stop; not a menu, a caption, a byline, a date, a
//!    section label or a site name in capitals), looking at most
//!    [`TITLE_SEARCH_LINES`] lines up and never past a list heading. Date lines and
//!    bylines between the headline and the start are not story; a photo caption
//!    is (it names the event's people and date).
//! 3. **Everything above the headline** (above the start, when there is none) is
//!    the site's chrome: a ticker, a menu and their place names never reach the
//!    story. No paragraph is ever above the start, so no story text is lost.
//! 4. **Below the start**, a footer heading ("Berita Terkait", "Terkini", "Tags")
//!    ends the story, unless more of the story's text follows it than precedes
//!    it: then, like a link heading ("Baca Juga:" alone), it removes only the list
//!    under it (the lines up to the next paragraph).
//!
//! A page with no paragraph at all keeps the first reading of earlier versions:
//! the first line is the headline if it reads as one, and a footer heading after
//! the first three lines ends the story.

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use super::clean::{self, Kind, Marker};
use super::dateline;

/// How far into the starting line a dateline may stand behind promotional text.
pub const PROMO_BYTES: usize = 300;
/// How many non-blank lines above the start may hold the headline.
const TITLE_SEARCH_LINES: usize = 12;
/// How many content lines below a paragraph a dateline line may start the story
/// (the paragraph was a caption).
const DATELINE_BELOW_CAPTION: usize = 1;
/// Longest list under a list heading, in non-blank lines.
const MAX_LIST_LINES: usize = 15;
/// On a page with no paragraph, the first lines are never a footer.
const MIN_LINES_BEFORE_FOOTER: usize = 3;

/// Why a line is not story text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// Above the headline: site name, menu, ticker, latest-news lists.
    Chrome,
    /// Between the headline and the story: bylines.
    Header,
    /// Share prompts, "Baca Juga" links, bylines, notices, date lines.
    Junk,
    /// A list under a list heading inside the story.
    List,
    /// The page below a footer heading.
    Footer,
    /// A line repeating another (a caption repeating the lead).
    Repeat,
}

impl Rule {
    pub fn name(self) -> &'static str {
        match self {
            Rule::Chrome => "chrome above the headline",
            Rule::Header => "bylines",
            Rule::Junk => "junk lines",
            Rule::List => "link lists",
            Rule::Footer => "footer",
            Rule::Repeat => "repeated lines",
        }
    }
}

/// What a line of the page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Story,
    Title,
    Dropped(Rule),
}

/// Where the story stands on a page.
#[derive(Debug, Clone)]
pub struct Layout {
    pub parts: Vec<Part>,
    /// The line the story starts in, and the byte offset it starts at.
    pub start: Option<(usize, usize)>,
    /// The headline's line.
    pub title: Option<usize>,
    /// The first line of the footer, if a footer heading ended the story.
    pub footer: Option<usize>,
}

/// Reads a page's layout from its lines and their kinds.
pub fn read(lines: &[&str], kinds: &[Kind]) -> Layout {
    let mut parts: Vec<Part> = kinds
        .iter()
        .map(|k| match k {
            Kind::Content => Part::Story,
            _ => Part::Dropped(Rule::Junk),
        })
        .collect();
    let start = story_start(lines, kinds);
    let (title, top) = match start {
        Some((line, _)) => headline_above(lines, kinds, line, &mut parts),
        None => {
            let title = first_headline(lines, kinds);
            (title, title.unwrap_or(0))
        }
    };
    if let Some(t) = title {
        parts[t] = Part::Title;
    }
    // Chrome: everything above the headline, or above the story's first
    // sentences.
    for part in &mut parts[..top] {
        *part = Part::Dropped(Rule::Chrome);
    }
    let body_from = match (start, title) {
        (Some((line, _)), _) => line,
        (None, Some(t)) => t + 1,
        (None, None) => 0,
    };
    let footer = lists_and_footer(lines, kinds, body_from, start.is_some(), &mut parts);
    Layout {
        parts,
        start,
        title,
        footer,
    }
}

/// The line and offset where the story starts.
fn story_start(lines: &[&str], kinds: &[Kind]) -> Option<(usize, usize)> {
    let content = |i: usize| kinds[i] == Kind::Content;
    let first = (0..lines.len()).find(|&i| {
        content(i)
            && (is_paragraph(lines[i]) || is_lead_sentence(lines[i]) || is_long_text(lines[i]))
    })?;
    // A dateline above the first paragraph (a lead in title case), or right
    // below it (the paragraph above it was a caption).
    let below = (first..lines.len())
        .filter(|&i| content(i))
        .nth(DATELINE_BELOW_CAPTION)
        .unwrap_or(lines.len() - 1);
    // Cheapest test first: most lines open with no dateline, and a caption or
    // menu test reads the whole line (a page's text may be one long line).
    let dateline_line = (0..=below).filter(|&i| content(i)).find(|&i| {
        lines[i].split_whitespace().nth(7).is_some()
            && dateline::find(lines[i]).is_some_and(|d| is_vouched(&d))
            && !is_caption(lines[i])
            && !is_menu(lines[i])
    });
    let line = dateline_line.unwrap_or(first);
    Some((line, offset_in_line(lines[line])))
}

/// A dateline that vouches for a story's start: one naming its outlet, or a
/// place the gazetteer knows ("APEL NETRALITAS - …" opens a photo caption).
fn is_vouched(d: &dateline::Dateline) -> bool {
    d.outlet.is_some()
        || d.place.as_deref().is_some_and(|p| {
            !crate::extract::gazetteer::get().lookup(p).is_empty()
                || dateline::is_known_place(p)
                || dateline::is_known_outlet(p)
        })
}

/// Where the story begins inside its first line: after promotional text before
/// a dateline, or after bylines.
fn offset_in_line(line: &str) -> usize {
    // Only a line opening like junk ("Baca Berita (BaBe) - …", which reads like
    // "Mataram (ANTARA) -"; "Reporter: …") has the story behind other words.
    if !clean::opens_like_junk(line) {
        return 0;
    }
    clean::dateline_inside(line)
        .or_else(|| clean::after_bylines(line))
        .unwrap_or(0)
}

/// The headline above the story's first line; marks the date lines, bylines and
/// captions between them as header.
///
/// Looking up from the story: date lines, bylines, captions and sentences are
/// passed; the first headline-like line is the headline, unless it is written as
/// a sentence (a standfirst) right below a headline in title case; a menu, a
/// short label ("Politik"), a name in capitals, a numbered list item or a list
/// heading ends the search.
// One piece: one upward scan from the story's start, one branch per kind of line.
fn headline_above(
    lines: &[&str],
    kinds: &[Kind],
    start: usize,
    parts: &mut [Part],
) -> (Option<usize>, usize) {
    let mut header = Vec::new();
    let mut title: Option<(usize, usize)> = None;
    // The topmost sentence passed: story, when no headline is found above it.
    let mut top = start;
    let mut seen = 0;
    for i in (0..start).rev() {
        let line = lines[i];
        match kinds[i] {
            Kind::Blank => continue,
            Kind::Marker(_) => break,
            Kind::DateLine(_) | Kind::Junk => {}
            Kind::Content => {
                // A caption may open like a dateline: "APEL NETRALITAS - Pjs …".
                let caption_dateline = dateline::find(line).is_some_and(|d| !is_vouched(&d));
                // "… dan Kades Kamis (19/9/2024) foto bersama usai deklarasi": a
                // headline does not give the weekday and date; a caption does.
                let dated = !line.ends_with(['.', '!', '?'])
                    && super::date::find_days(line).iter().any(|f| f.after_weekday);
                if is_byline(line) {
                    header.push(i);
                } else if is_caption(line) || caption_dateline || dated {
                    // A photo caption stays story: it names the event's people.
                } else if is_headline(line) && !NUMBERED.is_match(line) {
                    match title {
                        None => {
                            title = Some((i, header.len()));
                            if !is_sentence_case(line) {
                                break;
                            }
                        }
                        // A standfirst below this headline.
                        Some(_) if !is_sentence_case(line) => {
                            title = Some((i, header.len()));
                            break;
                        }
                        Some(_) => break,
                    }
                } else if title.is_none() && is_label(line) {
                    // A section label between the headline and the story.
                } else if title.is_some() || !is_sentence(line) {
                    break;
                } else {
                    top = i;
                }
            }
        }
        seen += 1;
        if seen >= TITLE_SEARCH_LINES {
            break;
        }
    }
    let Some((t, below)) = title else {
        return (None, top);
    };
    for &j in &header[..below] {
        parts[j] = Part::Dropped(Rule::Header);
    }
    (Some(t), t)
}

/// A section label: one to three words, not a sentence ("Pemerintahan").
fn is_label(line: &str) -> bool {
    line.split_whitespace().count() <= 3 && !line.ends_with(['.', '!', '?'])
}

/// "1. Pj Wali Kota …": an item of a numbered list.
static NUMBERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,2}[.)]\s").expect("valid regex"));

/// Written as a sentence, not in title case: three words in ten lower-case.
fn is_sentence_case(line: &str) -> bool {
    let (words, lower) = word_case(line);
    lower * 10 >= words * 3
}

/// How many words a line has (those opening with a letter: not numbers, dashes
/// or quotes), and how many of them are lower-case.
fn word_case(line: &str) -> (usize, usize) {
    let mut words = 0;
    let mut lower = 0;
    for w in line.split_whitespace() {
        match w
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .chars()
            .next()
        {
            Some(c) if c.is_lowercase() => {
                words += 1;
                lower += 1;
            }
            Some(c) if c.is_alphabetic() => words += 1,
            _ => {}
        }
    }
    (words, lower)
}

/// A sentence: five words or more, ending like one; not a menu.
fn is_sentence(line: &str) -> bool {
    let (words, _) = word_case(line);
    words >= 5 && line.trim_end().ends_with(['.', '!', '?', '"', '”']) && !is_menu(line)
}

/// On a page with no paragraph: the first line, if it reads as a headline.
fn first_headline(lines: &[&str], kinds: &[Kind]) -> Option<usize> {
    let first = (0..lines.len()).find(|&i| kinds[i] != Kind::Blank)?;
    (kinds[first] == Kind::Content && is_headline(lines[first])).then_some(first)
}

/// Applies list and footer headings below `from`; returns the footer's first line.
// One piece: one downward scan of the lines below the story's start.
fn lists_and_footer(
    lines: &[&str],
    kinds: &[Kind],
    from: usize,
    has_paragraphs: bool,
    parts: &mut [Part],
) -> Option<usize> {
    // Story letters above each line: what a footer heading would cut, in one pass.
    let mut above = Vec::with_capacity(lines.len() + 1);
    above.push(0usize);
    for (line, part) in lines.iter().zip(parts.iter()) {
        let n = if *part == Part::Story {
            line.chars().filter(|c| c.is_alphanumeric()).count()
        } else {
            0
        };
        above.push(above.last().copied().unwrap_or(0) + n);
    }
    let mut non_blank = 0;
    let mut i = from;
    while i < lines.len() {
        let kind = kinds[i];
        if kind != Kind::Blank {
            non_blank += 1;
        }
        let Kind::Marker(marker) = kind else {
            i += 1;
            continue;
        };
        if marker == Marker::Footer {
            let before = above[i] - above[from];
            let after = above[lines.len()] - above[i + 1];
            let may_end = if has_paragraphs {
                after <= before
            } else {
                non_blank > MIN_LINES_BEFORE_FOOTER
            };
            if may_end {
                for part in &mut parts[i..] {
                    *part = Part::Dropped(Rule::Footer);
                }
                return Some(i);
            }
        }
        // A heading of a list inside the story: it and the list go.
        parts[i] = Part::Dropped(Rule::List);
        let mut listed = 0;
        let mut j = i + 1;
        while j < lines.len() && listed < MAX_LIST_LINES {
            match kinds[j] {
                Kind::Blank => {}
                Kind::Marker(_) => break,
                Kind::Content if is_paragraph(lines[j]) => break,
                _ => {
                    parts[j] = Part::Dropped(Rule::List);
                    listed += 1;
                }
            }
            j += 1;
        }
        i = j;
    }
    None
}

/// A line of sentences: ten words or more, at least one in four lower-case,
/// ending like a sentence or twenty words long; or a long line (forty words) of
/// names and offices, one in seven words lower-case. Not a menu or a caption,
/// unless long: a scraper may join a paragraph and the page's share bar.
pub fn is_paragraph(line: &str) -> bool {
    let (words, lower) = word_case(line);
    let long = words >= LONG_PARAGRAPH_WORDS;
    if words < 10 || (!long && (is_menu(line) || is_caption(line))) {
        return false;
    }
    if lower * 4 >= words {
        words >= 20 || line.trim_end().ends_with(['.', '!', '?', '"', '”', ':'])
    } else {
        long && lower * 7 >= words
    }
}

/// A sentence a lead may be, though full of names and offices ("Pantauan
/// detikcom, Senin (20/10/2025), terlihat Menteri …."): twelve words or more, one
/// in ten lower-case, ending like a sentence; not a menu, a caption, or a
/// caption opening like a dateline.
fn is_lead_sentence(line: &str) -> bool {
    let (words, lower) = word_case(line);
    words >= 12
        && lower * 10 >= words
        && line.trim_end().ends_with(['.', '!', '?', '"', '”'])
        && !is_menu(line)
        && !is_caption(line)
        && dateline::find(line).is_none_or(|d| is_vouched(&d))
}

/// Forty words or more and no menu's separators: text, whatever its case.
fn is_long_text(line: &str) -> bool {
    word_case(line).0 >= LONG_PARAGRAPH_WORDS && !is_menu(line)
}

/// Words from which a line is a paragraph whatever its punctuation.
const LONG_PARAGRAPH_WORDS: usize = 40;

/// A headline: 4–40 words, no closing full stop, not a dateline, a menu, a
/// caption, a byline, a label ("Tags: …") or a name in capitals.
pub fn is_headline(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let letters: Vec<char> = line.chars().filter(|c| c.is_alphabetic()).collect();
    let shouting = letters.iter().all(|c| c.is_uppercase());
    (4..=40).contains(&words)
        && line.chars().count() <= 250
        && !line.ends_with('.')
        && !shouting
        && !is_menu(line)
        && !is_caption(line)
        && !is_byline(line)
        && !LABEL.is_match(line)
        && dateline::find(line).is_none()
}

/// "Tags: …", "Kategori: …": a label and its values.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:tags?|topik|kategori|rubrik|label|sumber|editor|penulis|keywords?)\s*:")
        .expect("valid regex")
});

/// A site menu or breadcrumb: bars, bullets or wide gaps between items.
pub fn is_menu(line: &str) -> bool {
    // Menus list capitalised items; a sentence may hold "Marcus / Kevin".
    if is_sentence_case(line) && line.split_whitespace().count() >= 8 {
        return false;
    }
    let separators = line.matches(['|', '•', '·', '›', '»']).count()
        + line.matches(" / ").count()
        + line.matches("   ").count()
        + line.matches("  ").count() / 2;
    separators >= 2 || line.contains(['›', '»']) || MENU_START.is_match(line)
}

static MENU_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:home|beranda|news ticker|breaking news)(?:\s*[:|>»›/]|\s{2,})")
        .expect("valid regex")
});

/// A byline on its own line: "Laporan: Desriandi Candra (Siak)", "Oleh Redaksi",
/// "Andhika Dwi - detikJatim".
fn is_byline(line: &str) -> bool {
    line.split_whitespace().count() <= 12
        && (BYLINE_LINE.is_match(line) || NAME_DASH_OUTLET.is_match(line))
}

static NAME_DASH_OUTLET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{Lu}[\w.']*(?:\s\p{Lu}[\w.']*){0,3}\s+[-–—|/]\s*[\w.]+$").expect("valid regex")
});

static BYLINE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:oleh|penulis|reporter|editor|redaktur|wartawan|laporan|pewarta|kontributor)(?:\s*:|\s+[A-Z])")
        .expect("valid regex")
});

/// A photo caption: "Foto: …", or a line closing with a credit in brackets
/// ("(Foto: Humas)", "(DESRIANDI CANDRA/RIAU POS)"), naming who stands where
/// ("(kiri)") or closing with a credit ("… TRIBUNPONTIANAK.CO.ID/ANGGITA"). A line
/// opening with a dateline is a story's lead, never a caption.
pub fn is_caption(line: &str) -> bool {
    if line.split_whitespace().count() >= LONG_PARAGRAPH_WORDS
        || dateline::find(line).is_some_and(|d| is_vouched(&d))
    {
        return false;
    }
    if CAPTION_START.is_match(line) || CAPTION_MARK.is_match(line) {
        return true;
    }
    let t = line.trim_end().trim_end_matches('.');
    let Some(open) = t.rfind('(').filter(|_| t.ends_with(')')) else {
        return false;
    };
    let credit = &t[open + 1..t.len() - 1];
    let lower = credit.to_lowercase();
    let letters: Vec<char> = credit.chars().filter(|c| c.is_alphabetic()).collect();
    // "(6/3/2024)" closing a lead is a date, not a credit.
    if letters.len() < 3 {
        return false;
    }
    // "(gus/dre)": a reporter's initials closing a paragraph, not a photo credit.
    // "(UMK/UMP)": two acronyms, "(electric vehicle/EV)": a gloss; a credit names a
    // person or an outlet, then another.
    let credit_with_capitals =
        credit.starts_with(char::is_uppercase) && credit.contains([' ', '.']) && letters.len() >= 6;
    (credit.contains('/') && credit_with_capitals)
        || ["foto", "dok", "ist", "humas", "istimewa", "f:"]
            .iter()
            .any(|w| lower.starts_with(w) || lower.contains(&format!(" {w}")))
}

/// "(kiri)", "(kedua dari kanan)": who stands where in a photo; a credit closing
/// the line ("… 2024. TRIBUNPONTIANAK.CO.ID/ANGGITA PUTRI", "Foto: Adpim").
static CAPTION_MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\((?:[a-z]+\s+)?(?:dari\s+)?(?:kiri|kanan|tengah)\)|(?-i:\s\p{Lu}[\p{Lu}.]+/\p{Lu}[\p{Lu} ]+$)|\sfoto\s*:\s*[^.]{1,60}$")
        .expect("valid regex")
});

static CAPTION_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:foto|caption|keterangan foto|ilustrasi)\s*:").expect("valid regex")
});

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(text: &str) -> (Vec<String>, Option<String>, Layout) {
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        let kinds = clean::classify(&lines);
        let l = read(&lines, &kinds);
        let story = (0..lines.len())
            .filter(|&i| l.parts[i] == Part::Story)
            .map(|i| lines[i].to_owned())
            .collect();
        (story, l.title.map(|t| lines[t].to_owned()), l)
    }

    const LEAD: &str = "MATARAM (ANTARA) - Penjabat Gubernur NTB memimpin apel netralitas aparatur sipil negara di halaman kantor gubernur pada Senin pagi.";
    const SECOND: &str = "Dalam apel itu seluruh kepala perangkat daerah membacakan ikrar dan menandatangani pakta integritas bersama.";

    #[test]
    fn a_ticker_and_a_latest_news_list_above_the_story_are_chrome() {
        let page = format!(
            "SITUS BERITA\nHome | Mataram | Lombok Timur | Politik\n\nBERITA TERKINI\n\
             Pj Bupati Lotim Tinjau Gudang Logistik KPU\nHarga Cabai di Sumbawa Turun\n\n\
             Pj Gubernur NTB Pimpin Apel Netralitas ASN\n\nSenin, 8 Januari 2024 | 10:00 WITA\n\
             Penulis: Ana\n\n{LEAD}\n\n{SECOND}\n\nBaca Juga:\nBupati Sumbawa Resmikan Pasar\n\n\
             Tinggalkan Komentar\nNama *"
        );
        let (story, title, l) = layout(&page);
        assert_eq!(
            title.as_deref(),
            Some("Pj Gubernur NTB Pimpin Apel Netralitas ASN")
        );
        assert_eq!(story, [LEAD, SECOND]);
        assert!(l.footer.is_some());
    }

    #[test]
    fn a_footer_heading_above_most_of_the_story_heads_only_its_list() {
        let page = format!(
            "Judul Berita Netralitas Yang Panjang\n\n{LEAD}\n\nTerkini\nHarga Cabai di Sumbawa Turun\n\n{SECOND}\n\n{SECOND} {SECOND}"
        );
        let (story, _, l) = layout(&page);
        assert_eq!(story.len(), 3);
        assert_eq!(l.footer, None);
    }

    #[test]
    fn promotion_and_bylines_glued_before_the_story_are_skipped() {
        let line = format!("Baca Berita (BaBe) - Berita terkini hemat kuota, unduh aplikasinya. MAMUJU, SULBAREXPRESS — {SECOND} {SECOND}");
        let (story, _, l) = layout(&line);
        assert_eq!(story.len(), 1);
        let (_, at) = l.start.unwrap();
        assert!(line[at..].starts_with("MAMUJU, SULBAREXPRESS"));
        let line =
            format!("Reporter: Dedi Saputra | Editor: Rina JAMBI – {SECOND} {SECOND} {SECOND}");
        let (_, _, l) = layout(&line);
        assert!(line[l.start.unwrap().1..].starts_with("JAMBI –"));
    }

    #[test]
    fn a_caption_above_the_dateline_is_not_the_start() {
        let page = format!(
            "Pjs Bupati Siak Tegaskan ASN Dilarang Like Unggahan Paslon\n\n\
             Pjs Bupati Siak Ahmad Fauzan Harahap saat memimpin apel netralitas ASN di lapangan, Selasa (1/10/2024). (DESRIANDI CANDRA/RIAU POS)\n\n\
             SIAK (RIAUPOS.CO) - {SECOND}"
        );
        let (story, title, l) = layout(&page);
        assert_eq!(
            title.as_deref(),
            Some("Pjs Bupati Siak Tegaskan ASN Dilarang Like Unggahan Paslon")
        );
        // The caption stays story (it names the event's people); the lead starts
        // the story.
        assert_eq!(story.len(), 2);
        assert!(story[1].starts_with("SIAK"));
        assert_eq!(l.start.map(|(line, _)| line), Some(4));
        assert_eq!(l.parts[2], Part::Story);
    }

    #[test]
    fn menus_captions_and_headlines() {
        assert!(is_menu("Home  Batam  Kepri  Tanjungpinang  Karimun"));
        assert!(is_menu("Beranda | Profil | Berita"));
        assert!(is_menu("Home » Aceh Besar"));
        assert!(!is_menu("Pj Gubernur NTB Pimpin Apel Netralitas ASN"));
        assert!(is_caption(
            "Suasana apel di halaman kantor bupati. (Foto: Humas Pemkab)"
        ));
        assert!(is_caption("FOTO: Bupati memimpin apel"));
        assert!(is_caption(
            "Kepala Kanwil Sudirman (kiri) menandatangani pakta integritas"
        ));
        assert!(is_caption("Pj Gubernur memimpin apel, Senin 23 September 2024. TRIBUNPONTIANAK.CO.ID/ANGGITA PUTRI"));
        assert!(is_caption(
            "Pj Gubernur memimpin apel, Senin (23/9/2024). Foto: Adpim Kalbar"
        ));
        assert!(!is_caption(
            "Apel dihadiri Kepala Badan Kepegawaian Daerah (BKD)."
        ));
        assert!(!is_caption(
            "Sanksi diumumkan BKPSDM KBB di Ngamprah, Rabu (6/3/2024)."
        ));
        assert!(!is_caption(
            "magang bergaji upah minimum kabupaten/kota atau provinsi (UMK/UMP)."
        ));
        assert!(!is_caption("Netral itu wajib, kata dia. (gus/dre)"));
        assert!(!is_headline("PEMERINTAH KABUPATEN SOLOK"));
        assert!(!is_headline(
            "Tag: Bawaslu Kota Jambi, netralitas ASN, Pilwako Jambi 2024"
        ));
        assert!(is_headline(
            "74 Wali Nagari se-Kabupaten Solok Deklarasi dan Teken Fakta Integritas"
        ));
        assert!(!is_paragraph(
            "Bawaslu Tabanan Temukan APK Terpasang di Pohon Perindang Kediri • KPU Klungkung Tetapkan 1.412 TPS untuk Pilkada Serentak • Pemkab Gianyar Salurkan Bantuan Beras"
        ));
        assert!(is_paragraph(LEAD));
    }
}
