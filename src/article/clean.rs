//! Site boilerplate: which lines of a scraped page are the story.
//!
//! In: the page's lines. Out: each line's [`Kind`]. Three mechanisms:
//! - a footer marker on a line of its own ("Tinggalkan Balasan", "Artikel Terkait",
//!   "Terkini", "Terpopuler", "Tags", …) ends the story: it and everything after
//!   it is [`Kind::Footer`], so neither its text nor its dates are used;
//! - share prompts, "Baca Juga:" links, page markers, bylines, editor and copyright
//!   lines are [`Kind::Junk`]; a reposting notice is junk up to the next blank line;
//! - a line that is only a date (`- Kamis, 19 September 2024 | 13:10 WIB`) is
//!   [`Kind::DateLine`]: it dates the article but is not body text.

use std::sync::LazyLock;

use regex::{Regex, RegexSet};

use super::date::{self, PubDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Blank,
    Content,
    Junk,
    DateLine(PubDate),
    Footer,
}

/// Lines that end the story when they stand alone (compared lowercased, without a
/// trailing colon).
const FOOTER_MARKERS: &[&str] = &[
    "tinggalkan balasan",
    "tinggalkan komentar",
    "tulis komentar",
    "beri komentar",
    "komentar anda",
    "artikel terkait",
    "berita terkait",
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

/// The first lines of a page are never treated as a footer, however they read.
const MIN_LINES_BEFORE_FOOTER: usize = 3;

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

fn is_footer_marker(line: &str) -> bool {
    is_one_of(FOOTER_MARKERS, line)
}

fn is_junk(line: &str) -> bool {
    is_one_of(JUNK_LINES, line) || JUNK_PREFIXES.is_match(line)
}

/// Classifies every line of a page.
pub fn classify(lines: &[&str]) -> Vec<Kind> {
    let mut kinds = Vec::with_capacity(lines.len());
    let mut in_notice = false;
    let mut non_blank = 0;
    for (i, line) in lines.iter().enumerate() {
        if line.is_empty() {
            in_notice = false;
            kinds.push(Kind::Blank);
            continue;
        }
        non_blank += 1;
        if non_blank > MIN_LINES_BEFORE_FOOTER && is_footer_marker(line) {
            kinds.resize(lines.len(), Kind::Footer);
            debug_assert_eq!(kinds[i], Kind::Footer);
            return kinds;
        }
        if in_notice || NOTICE.is_match(line) {
            in_notice = true;
            kinds.push(Kind::Junk);
        } else if is_junk(line) {
            kinds.push(Kind::Junk);
        } else if let Some(date) = date::date_only_line(line) {
            kinds.push(Kind::DateLine(date));
        } else {
            kinds.push(Kind::Content);
        }
    }
    kinds
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
    fn footer_markers_cut_the_rest_of_the_page() {
        let lines = [
            "Judul",
            "",
            "Isi berita.",
            "Isi lagi.",
            "Terkini",
            "Rabu, 13 November 2024 | 17:04 WIB",
        ];
        let kinds = classify(&lines);
        assert_eq!(kinds[3], Kind::Content);
        assert_eq!(kinds[4], Kind::Footer);
        assert_eq!(kinds[5], Kind::Footer);
    }

    #[test]
    fn a_footer_word_in_the_first_lines_is_content() {
        let kinds = classify(&["Terkini", "Isi berita."]);
        assert_eq!(kinds[0], Kind::Content);
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
        ] {
            assert_eq!(classify(&[line]), [Kind::Junk], "{line}");
        }
        assert_eq!(classify(&["Bacaan doa dibacakan."]), [Kind::Content]);
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
