//! A deterministic corpus generator: N realistic JSONL articles from the seeds and
//! the gazetteer, the same bytes for the same `--seed` on any machine.
//!
//! Realistic in the ways that cost a search engine time:
//! - word frequencies follow a Zipf–Mandelbrot law over the seeds' own words (the
//!   frequent ones first) and a long tail of made-up Indonesian-shaped roots with
//!   real affixes (me-, ber-, di-, -kan, -nya), so the vocabulary keeps growing with
//!   the corpus as real vocabularies do and the stemmer has work;
//! - about one article in five is an ASN-neutrality story: an official of a real
//!   place leads a pledge (deklarasi, ikrar, apel, pakta integritas…), dated in one
//!   of the formats outlets use, with "politik uang" in some of them;
//! - the noise the parser must remove: outlet headers, "Baca Juga:" lines, photo
//!   captions, share buttons.
//!
//! Articles average about 2.3 KB of text, like the real corpus (2.4 KB).

use std::fs;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use netra::extract::gazetteer::{self, Level};
use serde::Serialize;

/// SplitMix64: tiny, fast, and the same sequence everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * n as f64) as usize
    }

    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub fn word(&mut self, words: &[&'static str]) -> &'static str {
        words[self.below(words.len())]
    }
}

const SYNTHETIC_ROOTS: usize = 120_000;
const HEAD_WORDS: usize = 150;
const SPREAD: usize = 12;
const ONSETS: &[&str] = &[
    "b", "c", "d", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "w", "y", "ng", "ny",
    "kr", "tr", "pr",
];
const VOWELS: &[&str] = &["a", "a", "i", "u", "e", "o"];
const CODAS: &[&str] = &["", "", "", "n", "ng", "r", "t", "k", "s", "l", "h", "m"];
const PREFIXES: &[&str] = &[
    "me", "mem", "men", "meng", "ber", "di", "ter", "pe", "per", "ke",
];
const SUFFIXES: &[&str] = &["kan", "an", "i", "nya", "lah"];

const ROLES: &[&str] = &[
    "Pj Gubernur",
    "Pj Bupati",
    "Pj Wali Kota",
    "Sekda",
    "Camat",
    "Kepala BKD",
    "Ketua Bawaslu",
    "Bupati",
    "Wali Kota",
    "Asisten I Setda",
];
const FIRST_NAMES: &[&str] = &[
    "Ahmad", "Muhammad", "Siti", "Dewi", "Budi", "Agus", "Hendra", "Rahmat", "Yusuf", "Nurul",
    "Andi", "Hasan", "Lalu", "Baiq", "I Made", "I Gusti", "Teuku", "Cut", "Heru", "Bambang", "Sri",
    "Wahyu", "Fitri", "Rudy", "Arief", "Dedi", "Eko", "Irwan", "Joko", "Kurnia",
];
const LAST_NAMES: &[&str] = &[
    "Hidayat",
    "Santoso",
    "Saputra",
    "Wijaya",
    "Kurniawan",
    "Setiawan",
    "Pratama",
    "Nasution",
    "Siregar",
    "Harahap",
    "Gunawan",
    "Susanto",
    "Rahman",
    "Hakim",
    "Fauzi",
    "Lubis",
    "Purnomo",
    "Sinaga",
    "Syahputra",
    "Hamzah",
    "Taofik",
    "Juaini",
    "Hassanudin",
    "Mahendra",
    "Sulaiman",
];
const PLEDGES: &[&str] = &[
    "deklarasi netralitas ASN",
    "ikrar netralitas ASN",
    "apel netralitas ASN",
    "penandatanganan pakta integritas netralitas ASN",
    "penandatanganan fakta integritas",
    "komitmen bersama netralitas ASN",
];
const ELECTIONS: &[&str] = &["Pilkada Serentak 2024", "Pemilu 2024", "Pilkada 2024"];
const MONTHS: &[&str] = &[
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];
const WEEKDAYS: &[&str] = &[
    "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu",
];
const OUTLETS: &[&str] = &[
    "Lombokfokus.com",
    "Antaranews.com",
    "Detik.com",
    "Kompas.com",
    "Tribunnews.com",
    "Suarantb.com",
    "Radarbanten.co.id",
    "Jatimnet.com",
    "Sumutpos.co",
    "Pikiran-rakyat.com",
];

/// Everything the generator draws from, built once.
pub struct Generator {
    vocab: Vec<String>,
    /// Cumulative Zipf weights over `vocab`.
    cumulative: Vec<f64>,
    places: Vec<String>,
    provinces: Vec<String>,
    seed_sentences: Vec<String>,
}

#[derive(Serialize)]
struct Row<'a> {
    id: String,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    outlet: &'a str,
    url: String,
    text: &'a str,
}

impl Generator {
    pub fn new(seeds_dir: &Path) -> Result<Generator> {
        let mut texts = Vec::new();
        let mut entries: Vec<_> = fs::read_dir(seeds_dir)
            .with_context(|| format!("cannot read the seeds folder {}", seeds_dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for path in entries {
            texts.push(
                fs::read_to_string(&path)
                    .with_context(|| format!("cannot read {}", path.display()))?,
            );
        }
        // The seeds' words by frequency: the head of the Zipf curve.
        let mut counts: std::collections::HashMap<String, usize> = Default::default();
        let mut seed_sentences = Vec::new();
        for text in &texts {
            for word in text.split(|c: char| !c.is_alphanumeric()) {
                if word.len() > 1 && word.chars().all(|c| c.is_alphabetic()) {
                    *counts.entry(word.to_lowercase()).or_default() += 1;
                }
            }
            for sentence in text.split(". ") {
                let s = sentence.trim();
                if s.len() > 60 && s.len() < 300 && !s.contains('\n') {
                    seed_sentences.push(format!("{s}."));
                }
            }
        }
        let mut head: Vec<(String, usize)> = counts.into_iter().collect();
        head.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let head: Vec<String> = head.into_iter().map(|(w, _)| w).collect();
        let mut rng = Rng::new(0x006e_6574_7261);
        let mut seen: std::collections::HashSet<String> = head.iter().cloned().collect();
        let mut synthetic = Vec::new();
        while synthetic.len() < SYNTHETIC_ROOTS {
            let syllables = 2 + rng.below(2);
            let mut w = String::new();
            for _ in 0..syllables {
                w.push_str(rng.word(ONSETS));
                w.push_str(rng.word(VOWELS));
            }
            w.push_str(rng.word(CODAS));
            if seen.insert(w.clone()) {
                synthetic.push(w);
            }
        }
        // The seeds' 150 most frequent words (function words, mostly) lead; their
        // other words are spread among the made-up ones, so a seed's topic words
        // are not in every article.
        let mut vocab: Vec<String> = head.iter().take(HEAD_WORDS).cloned().collect();
        let mut synthetic = synthetic.into_iter();
        for word in head.into_iter().skip(HEAD_WORDS) {
            vocab.push(word);
            vocab.extend(synthetic.by_ref().take(SPREAD));
        }
        vocab.extend(synthetic);
        let mut total = 0.0;
        let cumulative = (0..vocab.len())
            .map(|rank| {
                total += 1.0 / (rank as f64 + 2.7).powf(1.05);
                total
            })
            .collect();
        let g = gazetteer::get();
        let mut places = Vec::new();
        let mut provinces = Vec::new();
        for area in &g.areas {
            match area.level {
                Level::Province => provinces.push(area.name.to_owned()),
                Level::Regency => places.push(area.name.to_owned()),
                Level::District => {
                    if places.len() % 3 == 0 {
                        places.push(format!("Kecamatan {}", area.name));
                    }
                }
            }
        }
        Ok(Generator {
            vocab,
            cumulative,
            places,
            provinces,
            seed_sentences,
        })
    }

    fn word(&self, rng: &mut Rng, out: &mut String) {
        let total = *self.cumulative.last().expect("vocabulary");
        let x = rng.unit() * total;
        let rank = self.cumulative.partition_point(|&c| c < x);
        let root = &self.vocab[rank.min(self.vocab.len() - 1)];
        // Long-tail roots take affixes, as Indonesian content words do.
        if rank > 400 && rng.chance(0.35) {
            if rng.chance(0.7) {
                out.push_str(rng.word(PREFIXES));
            }
            out.push_str(root);
            if rng.chance(0.5) {
                out.push_str(rng.word(SUFFIXES));
            }
        } else {
            out.push_str(root);
        }
    }

    fn filler_sentence(&self, rng: &mut Rng, out: &mut String) {
        let words = 8 + rng.below(18);
        for i in 0..words {
            if i > 0 {
                out.push(' ');
            }
            let start = out.len();
            self.word(rng, out);
            if i == 0 {
                let first = out[start..].chars().next().map_or(0, char::len_utf8);
                let upper = out[start..start + first].to_uppercase();
                out.replace_range(start..start + first, &upper);
            } else if rng.chance(0.04) {
                // A proper noun mid-sentence.
                out.push(' ');
                out.push_str(rng.pick(&self.places).as_str());
            }
            if i + 1 < words && rng.chance(0.06) {
                out.push(',');
            }
        }
        out.push_str(". ");
    }

    fn official(&self, rng: &mut Rng) -> (String, String) {
        let name = format!("{} {}", rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES));
        (rng.word(ROLES).to_string(), name)
    }

    fn date(&self, rng: &mut Rng) -> (u32, usize, u32, usize) {
        let year = 2023 + rng.below(2) as u32;
        let month = rng.below(12);
        let day = 1 + rng.below(28) as u32;
        (year, month, day, rng.below(7))
    }

    /// Writes article number `n` (ids are `gen-{n}`) as one JSONL line.
    pub fn article(&self, n: u64, seed: u64, out: &mut impl Write) -> Result<()> {
        let mut rng = Rng::new(seed ^ n.wrapping_mul(0xA076_1D64_78BD_642F));
        let outlet = rng.word(OUTLETS);
        let place = rng.pick(&self.places).clone();
        let province = rng.pick(&self.provinces).clone();
        let (year, month, day, weekday) = self.date(&mut rng);
        let asn = rng.chance(0.2);
        let (role, name) = self.official(&mut rng);
        let pledge = rng.word(PLEDGES);
        let election = rng.word(ELECTIONS);

        let mut title = String::new();
        if asn {
            title.push_str(&format!(
                "{role} {name} Pimpin {} Jelang {election} di {place}",
                capitalize_words(pledge)
            ));
        } else {
            let start = title.len();
            self.filler_sentence(&mut rng, &mut title);
            let cut = title[start..]
                .char_indices()
                .filter(|(_, c)| *c == ' ')
                .nth(7)
                .map_or(title.len(), |(i, _)| start + i);
            title.truncate(cut);
            title = title.trim_end_matches(['.', ' ', ',']).to_owned();
            title = capitalize_words(&title);
        }

        let mut text = String::with_capacity(2600);
        text.push_str("BERITA\n\n");
        text.push_str(&title);
        text.push_str("\n\n");
        let date_in_text = match rng.below(3) {
            0 => format!("{}, {day:02} {} {year}", WEEKDAYS[weekday], MONTHS[month]),
            1 => format!("{} ({day:02}/{:02}/{year})", WEEKDAYS[weekday], month + 1),
            _ => format!("({day:02}/{:02}/{:02})", month + 1, year % 100),
        };
        text.push_str(&format!(
            "{}, {outlet} – ",
            place.trim_start_matches("Kabupaten ").to_uppercase()
        ));
        let paragraphs = 4 + rng.below(4);
        for p in 0..paragraphs {
            if p > 0 {
                text.push_str("\n\n");
            }
            if asn && p == 0 {
                text.push_str(&format!(
                    "{role} {name} memimpin {pledge} dalam rangka {election} di {place}, \
                     {province}, pada {date_in_text}. "
                ));
            } else if asn && rng.chance(0.35) {
                match rng.below(4) {
                    0 => text.push_str(&format!(
                        "Dalam kesempatan itu, {name} mengingatkan seluruh ASN untuk menjaga \
                         netralitas dan menolak politik uang menjelang {election}. "
                    )),
                    1 => text.push_str(&format!(
                        "Ketua Bawaslu {place} menegaskan bahwa ASN dilarang terlibat politik \
                         praktis dan akan menindak setiap pelanggaran netralitas. "
                    )),
                    2 => text.push_str(&format!(
                        "Sekda {place} {} mengatakan kegiatan tersebut diikuti ratusan ASN, \
                         camat dan kepala desa. ",
                        self.official(&mut rng).1
                    )),
                    _ => text.push_str(rng.pick(&self.seed_sentences).as_str()),
                }
                text.push(' ');
            }
            let sentences = 1 + rng.below(3);
            for _ in 0..sentences {
                self.filler_sentence(&mut rng, &mut text);
            }
            if p == 1 && rng.chance(0.5) {
                text.push_str("\n\nBaca Juga: ");
                self.filler_sentence(&mut rng, &mut text);
            }
            if p == 2 && rng.chance(0.3) {
                text.push_str(&format!("\n\n(Foto: Dok. {outlet})"));
            }
        }
        text.push_str("\n\nBagikan:\n\nTag: ");
        text.push_str(election);
        let date = match rng.below(4) {
            0 => None,
            1 => Some(format!("{year}-{:02}-{day:02}", month + 1)),
            2 => Some(format!(
                "{year}-{:02}-{day:02} 10:{:02} WIB",
                month + 1,
                n % 60
            )),
            _ => Some(format!("{day:02} {} {year}", MONTHS[month])),
        };
        let row = Row {
            id: format!("gen-{n}"),
            title: &title,
            date,
            outlet,
            url: format!(
                "https://{}/berita/{n}",
                outlet.to_lowercase().replace(' ', "")
            ),
            text: &text,
        };
        serde_json::to_writer(&mut *out, &row)?;
        out.write_all(b"\n")?;
        Ok(())
    }
}

fn capitalize_words(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) if w != "ASN" => f.to_uppercase().chain(c).collect(),
                _ => w.to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_bytes() {
        let g = Generator::new(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds")))
            .expect("seeds");
        let run = |seed| {
            let mut out = Vec::new();
            for n in 0..20 {
                g.article(n, seed, &mut out).expect("write");
            }
            out
        };
        assert_eq!(run(7), run(7));
        assert_ne!(run(7), run(8));
    }
}
