//! Site boilerplate: which lines of a scraped page are the story.
//!
//! In: the page's lines. Out: each line's [`Kind`], read line by line; where the
//! story stands on the page is [`super::layout`]'s business. Three kinds of rule:
//! - a list heading on a line of its own ("Tinggalkan Balasan", "Artikel Terkait",
//!   "Terkini", "Terpopuler", "Tags", "Baca Juga:", …) is a [`Kind::Marker`]: the
//!   layout decides whether it ends the story or heads a list inside it;
//! - share prompts, "Baca Juga:" links, page markers, bylines, editor, tag and
//!   copyright lines are [`Kind::Junk`]; a reposting notice is junk up to the next blank line.
//!   A long line is never junk by its first words: scraped pages join paragraphs
//!   into one line that may open with a byline ("Reporter: …, Setelah …") or an
//!   app's name ("Baca Berita (BaBe), sebuah aplikasi …");
//! - a line that is only a date, perhaps with a byline or a view count
//!   (`- Kamis, 19 September 2024 | 13:10 WIB`, `29 Jan 2024 11:20  Oleh: Redaksi`)
//!   is [`Kind::DateLine`]: it may date the article but is not body text.

use std::sync::LazyLock;

use regex::{Regex, RegexSet};

use super::date::{self, PubDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Blank,
    Content,
    Junk,
    DateLine(PubDate),
    /// A list heading: ends the story, or heads a list inside it.
    Marker(Marker),
}

/// What a list heading heads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    /// The page's lists and comments below the story ("Berita Terkait", "Tags").
    Footer,
    /// A list of links inside the story ("Baca Juga:" alone on its line).
    Links,
}

/// Lines that head the page's lists and comments when they stand alone (compared
/// lowercased, without a trailing colon).
const FOOTER_MARKERS: &[&str] = &[
    "tinggalkan balasan",
    "tinggalkan komentar",
    "tulis komentar",
    "beri komentar",
    "komentar anda",
    "artikel terkait",
    "berita terkait",
    "terkait",
    "baca lainnya",
    "lainnya",
    "baca berita lainnya",
    "berita lainnya",
    "berita lain",
    "terkini",
    "berita terkini",
    "terpopuler",
    "berita terpopuler",
    "populer",
    "rekomendasi",
    "rekomendasi untuk anda",
    "tags",
    "tag",
    "topik",
    "topik terkait",
    "trending",
    "terbaru",
    "berita terbaru",
    "related posts",
    "you may also like",
    "most popular",
    "news ticker",
    "breaking news",
    "headline",
    "indeks berita",
];

/// Lines that head a list of links inside the story.
const LINK_MARKERS: &[&str] = &[
    "baca juga",
    "lihat juga",
    "simak juga",
    "baca pula",
    "berita terkait lainnya",
    "baca juga di babe",
];

/// Whole lines that are never story text.
const JUNK_LINES: &[&str] = &[
    "redaksi",
    "×",
    "x",
    "sebarkan artikel ini",
    "bagikan",
    "share",
    "share this",
    "photo author",
    "advertisement",
    "- advertisement -",
    "scroll to continue with content",
    "iklan",
    "print",
    "cetak",
    "komentar",
    "facebook",
    "twitter",
    "whatsapp",
    "telegram",
    "copy link",
    "salin link",
    "google news",
    "loading...",
];

/// Line prefixes (case-insensitive regexes) that mark junk.
static JUNK_PREFIXES: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSet::new([
        r"(?i)^(baca|lihat|simak|cek)\s+(juga|pula)(?-u:\b)",
        r"(?i)^baca\s+(selengkapnya|berita)(?-u:\b)",
        r"(?i)^(pewarta|editor|penulis|reporter|redaktur|penyunting|sumber|foto|fotografer|kontributor|wartawan|penerjemah|video|grafis|infografis)\s*:",
        r"(?i)^(copyright|©|\(c\)|hak cipta)",
        // "Tags: #Bawaslu Jambi #Netralitas ASN", "Topik: …": the page's tags.
        r"(?i)^(tags?|topik|kata\s+kunci)\s*:",
        r"(?i)^halaman\s*:?[\s\d]*$",
        r"(?i)^(sebarkan|bagikan|share)(?-u:\b).{0,30}$",
        r"(?i)^(dapatkan|ikuti|follow)(?-u:\b).{0,80}(?-u:\b)(berita|update|whatsapp|google news|channel|instagram)(?-u:\b)",
        r"^[\p{P}\p{S}\s]+$",
    ])
    .expect("valid junk regexes")
});

/// Starts of notices that run to the end of their paragraph.
static NOTICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(dilarang\s+(mengambil|mengutip|menyalin|menayangkan)|(artikel|berita)\s+ini\s+(telah\s+)?(tayang|terbit|dimuat)|all rights reserved)")
        .expect("valid notice regex")
});

/// Lines longer than this (in bytes) are never junk by their first words: they
/// hold paragraphs a scraper joined, perhaps behind a byline.
pub const LONG_LINE_BYTES: usize = 250;

/// Longer lines are none of [`FOOTER_MARKERS`] or [`JUNK_LINES`] (in bytes, with
/// room for a colon and spaces).
const MAX_MARKER_BYTES: usize = 40;

/// Whether `line`, lowercased and without a trailing colon, is one of `list`.
fn is_one_of(list: &[&str], line: &str) -> bool {
    if line.len() > MAX_MARKER_BYTES {
        return false;
    }
    let line = line.trim().trim_end_matches(':').trim().to_lowercase();
    list.contains(&line.as_str())
}

fn marker(line: &str) -> Option<Marker> {
    if is_one_of(FOOTER_MARKERS, line) {
        Some(Marker::Footer)
    } else if is_one_of(LINK_MARKERS, line) {
        Some(Marker::Links)
    } else {
        None
    }
}

fn is_junk(line: &str) -> bool {
    is_one_of(JUNK_LINES, line) || (line.len() <= LONG_LINE_BYTES && JUNK_PREFIXES.is_match(line))
}

/// Whether a line opens the way junk lines do ("Baca …", "Reporter: …").
pub fn opens_like_junk(line: &str) -> bool {
    JUNK_PREFIXES.is_match(line)
}

/// The offset of a dateline behind other words of a line: of a marked shape,
/// its place in capitals ("MAMUJU, SULBAREXPRESS —", "JAMBI –"), as datelines
/// are written; "Berita (BaBe) -" is not one.
pub fn dateline_inside(line: &str) -> Option<usize> {
    let mut window = line.len().min(super::layout::PROMO_BYTES);
    while !line.is_char_boundary(window) {
        window -= 1;
    }
    line[..window]
        .char_indices()
        .filter(|&(i, c)| i > 0 && c.is_uppercase() && line[..i].ends_with(' '))
        .find(|&(i, _)| {
            super::dateline::find_strict(&line[i..]).is_some_and(|d| {
                let place_end = line[i..d.rest + i]
                    .find([',', '(', '-', '–', '—'])
                    .unwrap_or(d.rest);
                let place = &line[i..i + place_end];
                d.place.is_some() && !place.chars().any(char::is_lowercase)
            })
        })
        .map(|(i, _)| i)
}

/// Classifies every line of a page.
pub fn classify(lines: &[&str]) -> Vec<Kind> {
    let mut kinds = Vec::with_capacity(lines.len());
    let mut in_notice = false;
    for line in lines {
        if line.is_empty() {
            in_notice = false;
            kinds.push(Kind::Blank);
            continue;
        }
        if let Some(m) = marker(line) {
            kinds.push(Kind::Marker(m));
        } else if in_notice || (line.len() <= LONG_LINE_BYTES && NOTICE.is_match(line)) {
            in_notice = true;
            kinds.push(Kind::Junk);
        } else if let Some(date) = date::header_date_line(line) {
            kinds.push(Kind::DateLine(date));
        } else if is_junk(line) {
            kinds.push(Kind::Junk);
        } else {
            kinds.push(Kind::Content);
        }
    }
    kinds
}

/// Byline labels that may open a long line before the story: "Reporter: Musa
/// Ade,Setelah …", "Penulis: ,Saat ini …".
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:pewarta|editor|penulis|reporter|redaktur|penyunting|kontributor|wartawan|laporan|oleh)\s*:?\s*")
        .expect("valid byline regex")
});

/// Where the story begins in a line that opens with bylines ("Reporter: Musa
/// Ade, Setelah …" → the offset of "Setelah"): each byline's value ends at a comma
/// or a bar within a few words. `None` when the line does not open with a byline
/// or its end cannot be told.
pub fn after_bylines(line: &str) -> Option<usize> {
    let mut at = 0;
    while let Some(label) = BYLINE.find(&line[at..]) {
        let value = at + label.end();
        let window = &line[value..line.len().min(value + 80)];
        let end = window.find([',', '|'])?;
        at = value + end + 1;
        at += line[at..].len() - line[at..].trim_start().len();
    }
    (at > 0).then_some(at)
}

/// A reporter's initials closing the last paragraph (`… tertutup. jm/her`).
static TRAILING_INITIALS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"[.!?"”](\s+\(?[a-z]{1,5}(?:/[a-z]{1,5})+\)?|\s*\(\*\))\s*$"#)
        .expect("valid regex")
});

/// Removes reporter initials from the end of the story's last line.
pub fn strip_trailing_initials(line: &str) -> &str {
    match TRAILING_INITIALS.captures(line).and_then(|c| c.get(1)) {
        Some(initials) => &line[..initials.start()],
        None => line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_marker_and_junk_line_fits_the_length_bound() {
        for line in FOOTER_MARKERS.iter().chain(JUNK_LINES) {
            assert!(line.len() + 2 <= MAX_MARKER_BYTES, "{line}");
            assert!(is_one_of(FOOTER_MARKERS, line) || is_one_of(JUNK_LINES, line));
            assert!(
                is_one_of(FOOTER_MARKERS, &format!(" {}: ", line.to_uppercase()))
                    || is_one_of(JUNK_LINES, &format!(" {}: ", line.to_uppercase()))
            );
        }
    }

    #[test]
    fn list_headings_are_markers_wherever_they_stand() {
        let lines = [
            "Terkini",
            "Isi berita.",
            "Baca Juga:",
            "BERITA TERKINI",
            "Rabu, 13 November 2024 | 17:04 WIB",
        ];
        let kinds = classify(&lines);
        assert_eq!(kinds[0], Kind::Marker(Marker::Footer));
        assert_eq!(kinds[1], Kind::Content);
        assert_eq!(kinds[2], Kind::Marker(Marker::Links));
        assert_eq!(kinds[3], Kind::Marker(Marker::Footer));
        assert!(matches!(kinds[4], Kind::DateLine(_)));
    }

    #[test]
    fn a_long_line_is_never_junk_by_its_first_words() {
        let story = "Setelah berpisah dari suaminya, ia menjalani hidup di Bali. ".repeat(8);
        for opening in [
            "Reporter: Fimela.com/Musa Ade,",
            "Baca Berita (BaBe), sebuah aplikasi berita.",
            "Penulis: ,",
        ] {
            let line = format!("{opening}{story}");
            assert_eq!(classify(&[&line]), [Kind::Content], "{opening}");
        }
        assert_eq!(classify(&["Reporter: Musa Ade"]), [Kind::Junk]);
    }

    #[test]
    fn bylines_opening_a_line_are_skipped_to_the_story() {
        let line = "Reporter: Fimela.com/Musa Ade,Setelah berpisah dari Danny";
        assert_eq!(
            &line[after_bylines(line).unwrap()..],
            "Setelah berpisah dari Danny"
        );
        let line = "Penulis: ,Saat ini masyarakat terus mendesak";
        assert_eq!(
            &line[after_bylines(line).unwrap()..],
            "Saat ini masyarakat terus mendesak"
        );
        let line = "Penulis: Ana | Editor: Budi | Mataram menggelar apel";
        assert_eq!(
            &line[after_bylines(line).unwrap()..],
            "Mataram menggelar apel"
        );
        assert_eq!(after_bylines("Setelah berpisah, ia pergi"), None);
        // A byline whose end cannot be told is left alone.
        assert_eq!(after_bylines(&format!("Oleh {}", "kata ".repeat(30))), None);
    }

    #[test]
    fn junk_lines() {
        for line in [
            "BACA JUGA : Kapolda NTB Putra Daerah",
            "Baca Juga: 21 Orang Dokter Spesialis",
            "Sebarkan artikel ini",
            "Redaksi",
            "×",
            "Halaman:",
            "Editor: Feliks Janggu",
            "Pewarta: Nur Imansyah",
            "Copyright © ANTARA 2023",
            "photo author",
            "Tags: #Bawaslu Jambi #Netralitas ASN #Pilkada 2024 #Kota Jambi",
            "Tag: Pilkada Bitung 2024, Deklarasi Kampanye Damai, KPU Bitung",
        ] {
            assert_eq!(classify(&[line]), [Kind::Junk], "{line}");
        }
        assert_eq!(classify(&["Bacaan doa dibacakan."]), [Kind::Content]);
        assert_eq!(
            classify(&["Tagihan listrik naik: warga mengeluh."]),
            [Kind::Content]
        );
    }

    #[test]
    fn a_notice_is_junk_to_the_end_of_its_paragraph() {
        let kinds = classify(&[
            "Dilarang mengambil dan/atau menayangkan ulang sebagian",
            "di atas untuk konten akun media sosial komersil",
            "",
            "Isi.",
        ]);
        assert_eq!(kinds, [Kind::Junk, Kind::Junk, Kind::Blank, Kind::Content]);
    }

    #[test]
    fn date_lines_are_recognised() {
        assert!(matches!(
            classify(&["- Kamis, 19 September 2024 | 13:10 WIB"])[0],
            Kind::DateLine(_)
        ));
    }

    #[test]
    fn trailing_initials() {
        assert_eq!(
            strip_trailing_initials("kampanye terbuka. jm/her"),
            "kampanye terbuka."
        );
        assert_eq!(strip_trailing_initials("selesai. (*)"), "selesai.");
        assert_eq!(
            strip_trailing_initials("dan/atau menolak"),
            "dan/atau menolak"
        );
        assert_eq!(
            strip_trailing_initials("diteken oleh dan/atau"),
            "diteken oleh dan/atau"
        );
    }
}
