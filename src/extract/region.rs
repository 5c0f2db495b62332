//! Where the event happened: [`Article`] → region facet paths.
//!
//! Every place name in the dateline, title and body is a mention (see
//! [`gazetteer::Gazetteer::find`]); site boilerplate ("Baca Juga" headlines,
//! related lists) was removed by the article stage, so it never counts.
//!
//! 1. Weight by position: dateline and title 3, the first paragraph 2, the rest 1;
//!    3 more for a place named with the day, the where-and-when clause of news
//!    ("… di Istana Negara, Jakarta, Kamis (13/9)"): where it happened. Such a
//!    venue is a town: a name shared by a kabupaten and a city, which the
//!    article's words (Bupati vs Wali Kota) do not decide, is the city.
//! 2. Read the word before a name: `Kabupaten`, `Kab.`, `Pemkab`, `Bupati` keep the
//!    kabupaten; `Kota`, `Pemkot`, `Wali Kota` keep the city; `Provinsi`,
//!    `Pemprov`, `Gubernur` mark a province-level act; `Kecamatan`, `Camat`,
//!    `Panwascam` keep districts. A name shared by a kabupaten and a city with no
//!    such word goes by the article's other words (Bupati vs Wali Kota), else to
//!    both halves.
//!    The words before also say whether the place *acts*: an institution of it
//!    precedes ("Pemkab Garut", "Bawaslu Kabupaten Blitar", "Camat Lembor",
//!    "Polda Jateng") rather than an address ("Desa X, Kecamatan Y").
//! 3. A district counts only with a district word before it, or in the title or
//!    dateline when its regency is also named: many district names are ordinary
//!    words or exist in several regencies. Regency names that are ordinary words
//!    (Batu, Malang, Pati, …) need a word before them or the dateline. Names inside
//!    a foreign place ("Korea Selatan") are not Indonesian places.
//! 4. The region is the regency with most weight (with its districts), and its
//!    district when the district acts with weight (title, lead, or twice) and no
//!    less than the regency's own government. But the province is the region when
//!    the article acts at province level (Pemprov, Gubernur, Bawaslu or Polda of
//!    the province) and the regency rests on the dateline alone, or acts less
//!    than half as much as the province and weighs (less its where-and-when
//!    weight) no more than the provincial acts: the city is the venue. With no
//!    regency, the best province. Another regency with at least 60% of the
//!    winner's weight that acts itself is a region too. A place's head named as
//!    the office an election fills ("Pemilihan Bupati dan Wakil Bupati Sleman")
//!    does not make the place act.
//! 5. A story whose only Indonesian place is a desk's dateline ("Jakarta, CNN
//!    Indonesia --") and which names foreign places happened abroad: no region.
//! 6. A place named with the day in another province than the one chosen, weighing
//!    (with the dateline's weight, when the dateline names it too) more than the
//!    chosen place acts, is where the event happened (a minister on Papua at the
//!    palace in Jakarta; "Jakarta, CNN Indonesia -- MK …" ruling at its court on
//!    a regency's election).
//! 7. One of Jakarta's cities that does not act, named right after a national
//!    institution ("di Gedung MK, Jakarta Pusat", "Mabes Polri, Jakarta Selatan"),
//!    is only the institution's address: the event is the capital's, `/DKI Jakarta`.

use std::collections::HashMap;

use super::gazetteer::{self, Level, Mention};
use crate::article::Article;
use crate::facet::RegionPath;

const DATELINE: f64 = 3.0;
const TITLE: f64 = 3.0;
const LEAD: f64 = 2.0;
const BODY: f64 = 1.0;
/// Added to a place named with the day ("…, Jakarta, Kamis (13/9)").
const VENUE: f64 = 3.0;
/// Least weight for a regency (or district) to be the region.
const MIN_REGENCY: f64 = 2.0;
/// Share of the winner's weight that makes another regency a region too.
const SECONDARY_SHARE: f64 = 0.6;
const MIN_SECONDARY: f64 = 3.0;

/// Regency names that are also everyday words: they need a word before them.
const COMMON_WORDS: &[&str] = &[
    "batu", "banjar", "malang", "pati", "kudus", "tegal", "buru", "bone", "agam", "serang", "sigi",
    "bangli", "tual", "nias", "berau", "paser", "asahan", "langkat", "karo", "sabu",
    // A regency's name written as one word that is also a word: coal.
    "batubara",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    None,
    Kabupaten,
    Kota,
    Province,
    District,
}

/// What the words right before a mention say about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Before {
    /// The level the words name (`Kabupaten`, `Kota`, `Provinsi`, `Kecamatan`…).
    cue: Cue,
    /// Whether an institution of the place precedes it ("Pemkab Garut", "Bawaslu
    /// Kabupaten Blitar", "Camat Lembor", "Polda Jateng"): the place acts, rather
    /// than being an address or a venue ("…, Kecamatan Kademangan").
    acts: bool,
    /// Whether the words say "all of" the place ("se-NTB", "se-Provinsi NTB",
    /// "se-Sulawesi Tengah"): an event for the whole of it.
    whole: bool,
}

/// Words that name a level of government.
const KABUPATEN: &[&str] = &[
    "kabupaten",
    "kab.",
    "kab",
    "pemkab",
    "bupati",
    "se-kabupaten",
];
const KOTA: &[&str] = &["kota", "pemkot", "walikota", "se-kota"];
const PROVINCE: &[&str] = &[
    "provinsi",
    "prov.",
    "prov",
    "pemprov",
    "gubernur",
    "se-provinsi",
];
const DISTRICT: &[&str] = &[
    "kecamatan",
    "kec.",
    "kec",
    "camat",
    "panwascam",
    "se-kecamatan",
    // Yogyakarta's districts: a regency's kapanewon led by a panewu, the city's
    // kemantren.
    "kapanewon",
    "panewu",
    "kemantren",
    // A district's police: it names the district, but a crime it handles is the
    // regency's event, so it does not make the district act.
    "polsek",
    "polsekta",
    "kapolsek",
    "kapolsekta",
    "mapolsek",
];
/// Level words that are themselves an institution or its whole staff.
const ACTING_LEVEL_WORDS: &[&str] = &[
    "pemkab",
    "bupati",
    "se-kabupaten",
    "pemkot",
    "walikota",
    "se-kota",
    "pemprov",
    "gubernur",
    "se-provinsi",
    "camat",
    "panewu",
    "panwascam",
    "se-kecamatan",
    // "se-NTB": all of the place, by its own institutions.
    "se-",
];
/// Institutions named after their place ("Bawaslu Sumut", "Pemerintah Kota
/// Bogor", "Panitia Pengawas Kecamatan Kuta", "Wali Kota Bogor").
const INSTITUTIONS: &[&str] = &[
    "pemerintah",
    "pemkab",
    "pemkot",
    "pemprov",
    "bawaslu",
    "panwaslu",
    "panwascam",
    "pengawas",
    "kpu",
    "kpud",
    "polda",
    "polres",
    "polresta",
    "polrestabes",
    "kapolda",
    "kapolres",
    "kapolresta",
    "dprd",
    "sekda",
    "kejari",
    "kejati",
    "kodim",
    "korem",
    "kanwil",
    "kemenag",
    "kemenkumham",
    "kesbangpol",
    "bkpsdm",
    "bkd",
    "bkpp",
    "inspektorat",
    "wali",
    "lingkup",
    "lingkungan",
    "jajaran",
];

/// The words right before a mention at `start`: the level they name and whether
/// an institution of the place precedes it.
fn read_before(text: &str, start: usize) -> Before {
    // The two words before, lowercased, unless a clause ends between them.
    let mut words = text[..start]
        .split_whitespace()
        .rev()
        .take(2)
        .map(str::to_lowercase);
    let Some(w1) = words.next() else {
        return Before {
            cue: Cue::None,
            acts: false,
            whole: false,
        };
    };
    // "Suruhwadang, Kecamatan X": the word before the comma is not this place's.
    let w2 = words
        .next()
        .filter(|w| !w.ends_with([',', ';', ':', ')', '.']));
    let w1 = w1.trim_start_matches(['(', '"', '“', '\'']).to_owned();
    let cue = if KABUPATEN.contains(&w1.as_str()) {
        Cue::Kabupaten
    } else if KOTA.contains(&w1.as_str()) {
        Cue::Kota
    } else if PROVINCE.contains(&w1.as_str()) {
        Cue::Province
    } else if DISTRICT.contains(&w1.as_str()) {
        Cue::District
    } else {
        Cue::None
    };
    let acts = (ACTING_LEVEL_WORDS.contains(&w1.as_str())
        || INSTITUTIONS.contains(&w1.as_str()) && w1 != "wali"
        || cue != Cue::None && w2.is_some_and(|w| INSTITUTIONS.contains(&w.as_str())))
        && !names_an_election(&text[..start]);
    // "se-NTB", "se-Provinsi NTB": all of the place.
    let whole = w1 == "se-" || w1.starts_with("se-") && cue != Cue::None;
    Before { cue, acts, whole }
}

/// Whether the words before a place name an election of its head ("Pemilihan
/// Bupati dan Wakil Bupati Sleman", "Pilkada Kota Bogor", "calon Gubernur
/// Banten"): the office is the one elected, nobody of the place acts.
fn names_an_election(before: &str) -> bool {
    let from = before.len().saturating_sub(48);
    let from = (from..before.len())
        .find(|&i| before.is_char_boundary(i))
        .unwrap_or(before.len());
    let near = before[from..].to_lowercase();
    [
        "pemilihan",
        "pilkada",
        "pilbup",
        "pilwalkot",
        "pilgub",
        "calon",
    ]
    .iter()
    .any(|w| near.contains(w))
}

/// Words after which a place name names something else: a street ("Jalan Medan
/// Merdeka", "Jl. Raya Bogor") or a university ("Universitas Jember": a speaker's
/// affiliation, not where the event was).
const NAMESAKES: &[&str] = &[
    "jalan",
    "jl.",
    "jl",
    "jln.",
    "jln",
    "universitas",
    "univ.",
    "politeknik",
    "institut",
];

/// Whether the place name at `start` is part of a street's or a university's
/// name: one of [`NAMESAKES`] right before it, or before "Raya" ("Jalan Raya
/// Bogor").
fn names_no_place(text: &str, start: usize) -> bool {
    let mut words = text[..start].split_whitespace().rev();
    let is_namesake = |w: &str| {
        let w = w.trim_start_matches(['(', '"', '“', '\'']).to_lowercase();
        NAMESAKES.contains(&w.as_str())
    };
    match words.next() {
        Some(w) if w.eq_ignore_ascii_case("raya") => words.next().is_some_and(is_namesake),
        Some(w) => is_namesake(w),
        None => false,
    }
}

/// Whether a mention is followed by the word "Kota" that ends the unit's name
/// ("Bogor Kota, …"), not by a city's name ("… Kota Bandung").
fn city_after(after: &str) -> bool {
    let Some(rest) = after.strip_prefix(" Kota") else {
        return false;
    };
    let mut next = rest.chars();
    match next.next() {
        None => true,
        Some(c) if c.is_alphanumeric() => false,
        Some(' ') => !next.next().is_some_and(char::is_uppercase),
        Some(_) => true,
    }
}

/// Day names: a place followed by one is where something happened that day.
const WEEKDAYS: &[&str] = &[
    "senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "ahad",
];

/// Whether the words after a mention give the day: the where-and-when clause of
/// Indonesian news ("… di Istana Negara, Jakarta, Kamis (13/9/2019)", "… di
/// Kantor BPPT, Jakarta (10/09/2019)", "… di Universitas Brawijaya, Malang, Jawa
/// Timur, Kamis 5 September 2019"). Up to two more capitalised names (the
/// province) may stand between the place and the day.
fn names_the_day(after: &str) -> bool {
    let mut rest = after;
    for _ in 0..3 {
        rest = rest.trim_start_matches([',', ' ']);
        if let Some(inside) = rest.strip_prefix('(') {
            // "(13/9/2019)", "(10/09)": a date in brackets.
            return inside.starts_with(|c: char| c.is_ascii_digit());
        }
        let word: String = rest
            .chars()
            .take_while(|c| c.is_alphabetic() || *c == '\'')
            .take(8)
            .collect::<String>()
            .to_lowercase();
        if WEEKDAYS.contains(&word.as_str()) {
            return true;
        }
        // Another capitalised name before the next comma ("Jawa Timur,"), short.
        let Some(comma) = rest.bytes().take(32).position(|b| b == b',') else {
            return false;
        };
        let name = &rest[..comma];
        if name.is_empty()
            || !name
                .split(' ')
                .all(|w| w.starts_with(|c: char| c.is_uppercase()))
        {
            return false;
        }
        rest = &rest[comma..];
    }
    false
}

/// The level the word(s) right before a mention name.
#[cfg(test)]
fn cue_before(text: &str, start: usize) -> Cue {
    read_before(text, start).cue
}

#[derive(Default)]
struct Evidence {
    /// Weight per area.
    weight: HashMap<usize, f64>,
    /// Weight per area that did not come from the dateline.
    beyond_dateline: HashMap<usize, f64>,
    /// Weight per area of mentions where the place acts (see [`Before::acts`]).
    acts: HashMap<usize, f64>,
    /// Province-level cues per province.
    province_acts: HashMap<usize, f64>,
    /// Provinces whose whole ("se-NTB", "se-Provinsi Sulteng") the title, the
    /// dateline or the lead speaks of: a province-wide event.
    province_wide: std::collections::HashSet<usize>,
    /// Districts named with a district word (Kecamatan, Camat, …).
    cued_districts: std::collections::HashSet<usize>,
    /// Foreign places named in the title and body.
    foreign: usize,
    /// Weight per area of mentions in where-and-when clauses ("di Kantor BPPT,
    /// Jakarta, Kamis (13/9)"): where something happened, not who acted.
    venue: HashMap<usize, f64>,
    /// Jakarta's areas named as a national institution's address ("di Gedung MK,
    /// Jakarta Pusat").
    national_address: std::collections::HashSet<usize>,
}

impl Evidence {
    /// A mention's share of weight for area `a`, read with the words before it.
    fn add(
        &mut self,
        g: &gazetteer::Gazetteer,
        a: usize,
        before: Before,
        share: f64,
        in_dateline: bool,
    ) {
        *self.weight.entry(a).or_default() += share;
        if !in_dateline {
            *self.beyond_dateline.entry(a).or_default() += share;
        }
        if before.acts {
            *self.acts.entry(a).or_default() += share;
        }
        if before.cue == Cue::District {
            self.cued_districts.insert(a);
        }
        if before.whole && share >= LEAD && g.areas[a].level == Level::Province {
            self.province_wide.insert(a);
        }
        // "Pemprov NTB", "Gubernur NTB", "Provinsi NTB", "Bawaslu Sumut": a
        // province-level act.
        if (before.cue == Cue::Province || before.acts) && g.areas[a].level == Level::Province {
            *self.province_acts.entry(a).or_default() += share;
        }
    }

    fn acts(&self, a: usize) -> f64 {
        self.acts.get(&a).copied().unwrap_or(0.0)
    }
}

/// The region facet paths of an article, most weight first.
pub fn extract(article: &Article) -> Vec<RegionPath> {
    let g = gazetteer::get();
    let body = &article.body;
    let lead_end = body.find("\n\n").unwrap_or(body.len());
    // Whether the article speaks of a kabupaten or a city, for a bare name both
    // share; read only when such a name occurs (lowercasing the text is not free).
    let preference = std::cell::OnceCell::new();
    let prefers = || {
        *preference.get_or_init(|| {
            let lowered = format!("{} {}", article.own_title().unwrap_or(""), body).to_lowercase();
            let has = |words: &[&str]| words.iter().any(|w| lowered.contains(w));
            (
                has(&["bupati", "pemkab", "kabupaten"]),
                has(&["wali kota", "walikota", "pemkot"]),
            )
        })
    };

    let mut ev = Evidence::default();
    let mut foreign = 0;
    let mut add = |text: &str, weight: &dyn Fn(usize) -> f64, in_dateline: bool, headline: bool| {
        // "Korea Selatan" is no district Selatan.
        let abroad = foreign_places(text);
        foreign += abroad.len();
        for m in g.find(text) {
            if abroad.iter().any(|r| r.start < m.end && m.start < r.end) {
                continue;
            }
            if names_no_place(text, m.start) {
                continue;
            }
            let mut before = read_before(text, m.start);
            // Police units name the city after it: "Polres Bogor Kota", "Kapolresta
            // Malang Kota".
            if before.cue == Cue::None && city_after(&text[m.end..]) {
                before.cue = Cue::Kota;
            }
            let venue = names_the_day(&text[m.end..]);
            let w = weight(m.start) + if venue { VENUE } else { 0.0 };
            let place = Place {
                written: &text[m.start..m.end],
                venue,
                in_dateline,
                headline,
            };
            let candidates = candidates(g, &m, before.cue, &place, &prefers);
            if candidates.is_empty() {
                continue;
            }
            let share = w / candidates.len() as f64;
            for &a in &candidates {
                ev.add(g, a, before, share, in_dateline);
                if venue {
                    *ev.venue.entry(a).or_default() += share;
                }
            }
            // "di Gedung MK, Jakarta Pusat", "Mabes Polri, Jakarta Selatan": a
            // Jakarta city as a national institution's address.
            let in_jakarta = |&a: &usize| g.areas[g.province_of(a)].name == JAKARTA;
            if candidates.iter().any(in_jakarta) && national_just_before(text, m.start) {
                ev.national_address
                    .extend(candidates.iter().copied().filter(in_jakarta));
            }
        }
    };
    if let Some(dateline) = &article.dateline {
        add(dateline, &|_| DATELINE, true, false);
    }
    if let Some(title) = article.own_title() {
        add(title, &|_| TITLE, false, true);
    }
    add(
        body,
        &|pos| if pos < lead_end { LEAD } else { BODY },
        false,
        false,
    );
    ev.foreign = foreign;
    decide(g, &ev)
}

/// Bytes before a place read for the institution it is the address of.
const ADDRESS_REACH: usize = 64;

/// Whether a national institution is named in the few words before `start`, after
/// the last "di" among them ("… di Kantor Kemenko Polhukam, Jalan Medan Merdeka
/// Barat, " before "Jakarta Pusat"; not "perppu KPK, kata Kurnia usai diskusi di
/// Kode Inisiatif, Tebet, ").
fn national_just_before(text: &str, start: usize) -> bool {
    let mut from = start.saturating_sub(ADDRESS_REACH);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let near = &text[from..start];
    let at = near.rfind(" di ").map_or(0, |i| i + 4);
    names_national_institution(&near[at..])
}

/// The capital's province, as the gazetteer shows it (`display_names.txt`).
const JAKARTA: &str = "DKI Jakarta";

/// Whether `text` names a national institution or its seat: the palace, the
/// parliament, the courts, ministries, national election bodies, police and
/// army headquarters, parties' national boards.
fn names_national_institution(text: &str) -> bool {
    static NATIONAL: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    NATIONAL
        .get_or_init(|| {
            regex::Regex::new(concat!(
                r"(?-u:\b)(?:Istana (?:Negara|Merdeka|Kepresidenan|Wakil Presiden)",
                r"|Gedung (?:DPR|MPR|Nusantara|MK|KPU|Bawaslu|KPK|Merah Putih)",
                r"|Kompleks Parlemen|Senayan|Mabes (?:Polri|TNI)|Kemenko\w*|Kementerian",
                r"|Kemen(?:dagri|PAN|PANRB|kumham|ag|keu|kes)|KPU RI|Bawaslu RI|DKPP",
                r"|Mahkamah (?:Konstitusi|Agung)|DPR RI|Komisi [IVX]+ DPR|DPP|DPN|BKN|KASN",
                r"|KPK|BPPT|Mabes|Markas Besar|Lanud|Pangkalan Udara|Istana)(?-u:\b)"
            ))
            .expect("the national institutions' pattern compiles")
        })
        .is_match(text)
}

/// Where a mention stands.
struct Place<'a> {
    written: &'a str,
    /// Named with the day: where something happened ([`names_the_day`]).
    venue: bool,
    in_dateline: bool,
    headline: bool,
}

/// The areas a mention may name, given the word before it.
fn candidates(
    g: &gazetteer::Gazetteer,
    m: &Mention,
    cue: Cue,
    place: &Place<'_>,
    prefers: &dyn Fn() -> (bool, bool),
) -> Vec<usize> {
    let level_ok = |a: usize| {
        let area = &g.areas[a];
        match cue {
            Cue::Kabupaten => area.level == Level::Regency && !area.is_city(),
            Cue::Kota => area.level == Level::Regency && area.is_city(),
            Cue::Province => area.level == Level::Province,
            Cue::District => area.level == Level::District,
            Cue::None => match area.level {
                Level::Province => true,
                // Title-case headlines capitalise every word: only the dateline
                // vouches for a capitalised everyday word.
                Level::Regency => {
                    m.alias
                        || place.in_dateline
                        || place.venue
                        || !COMMON_WORDS.contains(&place.written.to_lowercase().as_str())
                }
                Level::District => place.in_dateline || place.headline,
            },
        }
    };
    let mut out: Vec<usize> = m.areas.iter().copied().filter(|&a| level_ok(a)).collect();
    // A bare name shared by a kabupaten and a city: the article's words decide.
    if cue == Cue::None && out.len() == 2 {
        let cities: Vec<bool> = out.iter().map(|&a| g.areas[a].is_city()).collect();
        if cities[0] != cities[1] {
            let (prefers_kabupaten, prefers_kota) = prefers();
            if prefers_kabupaten && !prefers_kota {
                out.retain(|&a| !g.areas[a].is_city());
            } else if prefers_kota && !prefers_kabupaten || place.venue {
                // Named with the day ("…, Magelang, Kamis"): the town where it
                // happened, which is the city.
                out.retain(|&a| g.areas[a].is_city());
            }
        }
    }
    // Prefer the larger unit when a name is both a regency and a district.
    if cue == Cue::None && out.iter().any(|&a| g.areas[a].level == Level::Regency) {
        out.retain(|&a| g.areas[a].level != Level::District);
    }
    out
}

/// Where `text` names foreign places (`foreign_places.txt`): whole, capitalised
/// words.
pub(crate) fn foreign_places(text: &str) -> Vec<std::ops::Range<usize>> {
    static MATCHER: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    let matcher = MATCHER.get_or_init(|| {
        let names = include_str!("foreign_places.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'));
        aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            // 137 names: a full DFA is small and scans fastest (every article).
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(names)
            .expect("the foreign places build an automaton")
    });
    let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    matcher
        .find_iter(text)
        .filter(|m| {
            !alnum(text[..m.start()].chars().next_back()) && !alnum(text[m.end()..].chars().next())
        })
        .map(|m| m.range())
        .collect()
}

/// The region paths the evidence points to: none for a story abroad, else the
/// best-weighted areas, the first replaced by a venue named with the day
/// elsewhere, or by `/DKI Jakarta` when it is only a national institution's
/// address.
fn decide(g: &gazetteer::Gazetteer, ev: &Evidence) -> Vec<RegionPath> {
    // Only a desk's dateline ("Jakarta, CNN Indonesia --") is Indonesian, and the
    // story names foreign places: the event happened abroad.
    if ev.foreign > 0 && ev.beyond_dateline.values().all(|&w| w == 0.0) {
        return Vec::new();
    }
    let mut areas = by_weight(g, ev);
    if let Some(first) = areas.first_mut() {
        if let Some(venue) = venue_elsewhere(g, ev, *first) {
            areas = vec![venue];
        } else if national_address_in_jakarta(g, ev, *first) {
            *first = g.province_of(*first);
            areas.truncate(1);
        }
    }
    areas.into_iter().map(|a| g.path(a)).collect()
}

/// How much the area itself acts: its institutions ("Pemkab Garut", "Camat
/// Lembor"), and its districts' for a regency, its provincial acts for a province.
fn acting(g: &gazetteer::Gazetteer, ev: &Evidence, area: usize) -> f64 {
    match g.areas[area].level {
        Level::Province => ev.province_acts.get(&area).copied().unwrap_or(0.0),
        Level::Regency => {
            ev.acts(area)
                + ev.acts
                    .iter()
                    .filter(|(&a, _)| g.areas[a].parent == Some(area))
                    .map(|(_, w)| w)
                    .sum::<f64>()
        }
        Level::District => ev.acts(area),
    }
}

/// The place named with the day ("… di Istana Negara, Jakarta, Selasa (10/9)") when
/// it lies in another province than `chosen` and weighs more than `chosen` acts:
/// the article speaks of one place and reports an event held in another (a
/// minister on Papua at the palace, a doctorate on Banten's election defended in
/// Malang).
fn venue_elsewhere(g: &gazetteer::Gazetteer, ev: &Evidence, chosen: usize) -> Option<usize> {
    // Venue weight per regency (with its districts) or province.
    let mut units: HashMap<usize, f64> = HashMap::new();
    for (&a, &w) in &ev.venue {
        *units.entry(g.regency_of(a).unwrap_or(a)).or_default() += w;
    }
    // A dateline that names the venue too ("Jakarta, CNN Indonesia -- … di Gedung
    // MK, Jakarta, Selasa"): the story was filed where it happened.
    for (&a, &w) in &ev.weight {
        let dateline = w - ev.beyond_dateline.get(&a).copied().unwrap_or(0.0);
        if let Some(unit) = units.get_mut(&g.regency_of(a).unwrap_or(a)) {
            *unit += dateline;
        }
    }
    let weight = |a: usize| ev.weight.get(&a).copied().unwrap_or(0.0);
    let (venue, venue_weight) = units.into_iter().max_by(|a, b| {
        // "…, Malang, Jawa Timur, Kamis": the town, not its province.
        let town = |a: usize| g.areas[a].level != Level::Province;
        a.1.total_cmp(&b.1)
            .then(town(a.0).cmp(&town(b.0)))
            .then(weight(a.0).total_cmp(&weight(b.0)))
            .then(b.0.cmp(&a.0))
    })?;
    let elsewhere = g.province_of(venue) != g.province_of(chosen);
    (elsewhere && acting(g, ev, chosen) < venue_weight).then(|| {
        if g.areas[venue].level == Level::Regency {
            most_specific(g, ev, venue)
        } else {
            venue
        }
    })
}

/// Whether `chosen` is one of Jakarta's cities named as a national institution's
/// address ("di Gedung DPR, Senayan, Jakarta Pusat", "Mabes Polri, Jakarta
/// Selatan") and neither it nor a district of it acts (its Wali Kota, Camat or
/// Sudin): the event is the capital's.
fn national_address_in_jakarta(g: &gazetteer::Gazetteer, ev: &Evidence, chosen: usize) -> bool {
    g.areas[chosen].level != Level::Province
        && g.regency_of(chosen).is_some_and(|r| {
            acting(g, ev, r) == 0.0
                && ev
                    .national_address
                    .iter()
                    .any(|&a| g.regency_of(a) == Some(r))
        })
}

/// The areas with most weight, best first (see the module's steps 4 and 5).
fn by_weight(g: &gazetteer::Gazetteer, ev: &Evidence) -> Vec<usize> {
    let weight = |a: usize| ev.weight.get(&a).copied().unwrap_or(0.0);
    // Regency totals, with their districts' weight.
    let mut regencies: HashMap<usize, f64> = HashMap::new();
    let mut beyond: HashMap<usize, f64> = HashMap::new();
    let mut venue: HashMap<usize, f64> = HashMap::new();
    // A district without a district word counts only beside its named regency.
    let counts = |a: usize| {
        g.areas[a].level != Level::District
            || ev.cued_districts.contains(&a)
            || g.areas[a].parent.is_some_and(|r| weight(r) > 0.0)
    };
    for (&a, &w) in ev.weight.iter().filter(|(&a, _)| counts(a)) {
        if let Some(r) = g.regency_of(a) {
            *regencies.entry(r).or_default() += w;
            *beyond.entry(r).or_default() += ev.beyond_dateline.get(&a).copied().unwrap_or(0.0);
            *venue.entry(r).or_default() += ev.venue.get(&a).copied().unwrap_or(0.0);
        }
    }
    let mut ranked: Vec<(usize, f64)> = regencies.into_iter().collect();
    let most_specific = |regency| most_specific(g, ev, regency);
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));

    if let Some(&(best, best_weight)) = ranked.first() {
        let province = g.province_of(best);
        let venue_weight = venue.get(&best).copied().unwrap_or(0.0);
        let dateline_only = beyond.get(&best).copied().unwrap_or(0.0) == 0.0;
        let acts = ev.province_acts.get(&province).copied().unwrap_or(0.0);
        // Whether the regency or one of its districts acts ("Pemkab Garut", "Camat
        // Lembor"), rather than being named as a place.
        let regency_acts = acting(g, ev, best);
        // A provincial act held in a city ("Pj Gubernur Kaltim … di Samarinda",
        // "Bawaslu Sumut … di Parapat, Kabupaten Simalungun"): the city is only
        // the venue unless it acts at least half as much as the province (its
        // Kemenag office reading the text at the Kanwil's declaration does not).
        let only_venue = 2.0 * regency_acts < acts && acts >= best_weight - venue_weight;
        // A province-wide event ("Rakor … se-Provinsi NTB") in a regency town,
        // hosted by the regency: the province's, unless the regency acts more.
        let province_wide = ev.province_wide.contains(&province) && acts > regency_acts;
        let yields = (dateline_only && acts > 0.0) || only_venue || province_wide;
        if best_weight >= MIN_REGENCY && !yields {
            let mut out = vec![most_specific(best)];
            for &(other, w) in &ranked[1..] {
                // Another regency that acts too (a round-up of two regencies'
                // pledges), not the town where the first one's event was held.
                let acts_too = acting(g, ev, other) > 0.0;
                if w >= MIN_SECONDARY && w >= SECONDARY_SHARE * best_weight && acts_too {
                    out.push(most_specific(other));
                }
            }
            return out;
        }
    }
    let mut provinces: Vec<(usize, f64)> = ev
        .weight
        .keys()
        .map(|&a| g.province_of(a))
        .map(|p| {
            (
                p,
                weight(p) + ev.province_acts.get(&p).copied().unwrap_or(0.0),
            )
        })
        .filter(|&(p, w)| w > 0.0 && g.areas[p].level == Level::Province)
        .collect();
    provinces.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    provinces.dedup_by_key(|p| p.0);
    provinces.first().map(|&(p, _)| vec![p]).unwrap_or_default()
}

/// The regency, or its district when the district acts with real weight ("Camat
/// Lembor", "Panwascam Kuta", "se-Kecamatan Gerung" in the title or lead) and at
/// least as much as the regency's own government: a village's address ("Desa X,
/// Kecamatan Y") or a list of districts does not make the event the district's.
fn most_specific(g: &gazetteer::Gazetteer, ev: &Evidence, regency: usize) -> usize {
    ev.acts
        .iter()
        .filter(|(&a, &w)| {
            g.areas[a].level == Level::District
                && g.areas[a].parent == Some(regency)
                && w >= MIN_REGENCY
                && w >= ev.acts(regency)
        })
        .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(a.0)))
        .map_or(regency, |(&d, _)| d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{parse, Meta};

    fn regions(text: &str) -> Vec<String> {
        extract(&parse(text, &Meta::default()))
            .iter()
            .map(RegionPath::to_string)
            .collect()
    }

    #[test]
    fn kabupaten_and_kota_of_one_name_are_told_apart() {
        assert_eq!(
            regions("Apel Netralitas ASN Digelar Pemkot Bogor\n\nWali Kota Bogor memimpin apel netralitas ASN di Balai Kota Bogor."),
            ["/Jawa Barat/Kota Bogor"]
        );
        assert_eq!(
            regions("Bupati Bogor Ajak ASN Netral\n\nBupati Bogor meminta ASN Pemkab Bogor menjaga netralitas di Cibinong."),
            ["/Jawa Barat/Kabupaten Bogor"]
        );
    }

    #[test]
    fn the_place_named_with_the_day_is_where_it_happened() {
        assert!(names_the_day(", Kamis (13/9/2019)."));
        assert!(names_the_day(" (10/09/2019)."));
        assert!(names_the_day(", Jawa Timur, Kamis 5 September 2019."));
        assert!(names_the_day(", Jum'at (8/11)."));
        assert!(!names_the_day(
            ", seperti dikutip dari Antara, Rabu (28/6)."
        ));
        assert!(!names_the_day(" (ANTARA) - Pj Gubernur"));
        assert!(!names_the_day(", kemarin."));
        // A speaker from elsewhere, the meeting where the day is: the venue wins.
        assert_eq!(
            regions("Pakar Nilai Revisi UU\n\nPakar dari Universitas Gadjah Mada, Yogyakarta, menilai revisi itu perlu. \"Kita luruskan,\" ujarnya dalam diskusi di kawasan Wahid Hasyim, Jakarta Pusat, Rabu (18/9/2019)."),
            ["/DKI Jakarta/Kota Administrasi Jakarta Pusat"]
        );
        // A name shared by a kabupaten and a city, named with the day: the town.
        assert_eq!(
            regions("Presiden Tinjau Taruna\n\nPresiden meninjau taruna di Akademi Militer, Magelang, Rabu (12/11/2025)."),
            ["/Jawa Tengah/Kota Magelang"]
        );
        // A provincial act at a venue in a regency town stays the province's.
        assert_eq!(
            regions("Kapolda dan Pj Gubernur Papua Barat Pimpin Apel\n\nPj Gubernur Papua Barat dan Kapolda Papua Barat memimpin apel ASN Pemprov Papua Barat. Apel berlangsung di Lapangan Borarsi, Manokwari, Rabu (20/11/2024)."),
            ["/Papua Barat"]
        );
    }

    #[test]
    fn a_province_level_act_with_a_capital_dateline_is_the_province() {
        assert_eq!(
            regions("Mataram (ANTARA) - Pj Gubernur NTB memimpin apel ikrar netralitas ASN lingkup Pemprov NTB."),
            ["/Nusa Tenggara Barat"]
        );
    }

    #[test]
    fn a_multibyte_character_before_a_place_name_is_not_sliced() {
        // Regression: "”w Patrol" panicked (a byte offset inside "”" while reading
        // the word before the district name Patrol), found by extracting the
        // 28k-article test corpus and minimised from it.
        assert_eq!(
            regions("Judul Berita Yang Cukup Panjang\n\n”w Patrol"),
            Vec::<String>::new()
        );
        assert_eq!(cue_before("”w Patrol", "”w ".len()), Cue::None);
    }

    #[test]
    fn regressions_from_the_f1_articles() {
        // A dateline district is the regency seat, not the event's district.
        assert_eq!(
            regions("Pj Bupati Bogor Minta Camat Jaga Netralitas\n\nCIBINONG - Pj Bupati Bogor meminta camat di Kabupaten Bogor netral."),
            ["/Jawa Barat/Kabupaten Bogor"]
        );
        // A provincial act in the capital: the city is only the venue.
        assert_eq!(
            regions("Pj Gubernur Kaltim Pimpin Apel Netralitas di Samarinda\n\nSAMARINDA - Pj Gubernur Kalimantan Timur memimpin apel ASN Pemprov Kaltim."),
            ["/Kalimantan Timur"]
        );
    }

    #[test]
    fn a_district_needs_a_district_word() {
        // "Baru" is a district name and an ordinary word.
        assert_eq!(
            regions("Camat Lembor Pimpin Deklarasi Netralitas ASN\n\nBaru kemarin ASN Kecamatan Lembor berkumpul."),
            ["/Nusa Tenggara Timur/Kabupaten Manggarai Barat/Lembor"]
        );
        assert_eq!(
            regions("Berita Tanpa Tempat Sama Sekali\n\nBaru saja ASN berkumpul."),
            Vec::<String>::new()
        );
    }

    #[test]
    fn common_word_regency_names_need_a_cue() {
        assert_eq!(
            regions("Judul Tentang Batu Besar Di Jalan\n\nBatu itu besar sekali."),
            Vec::<String>::new()
        );
        assert_eq!(
            regions("Pemkot Batu Gelar Ikrar Netralitas\n\nASN Pemkot Batu mengucapkan ikrar di Kota Batu."),
            ["/Jawa Timur/Kota Batu"]
        );
        // Kabupaten Batu Bara written as one word is coal.
        assert_eq!(
            regions("Harga Batubara Acuan Naik Lagi\n\nHarga Batubara Acuan bulan ini naik tipis."),
            Vec::<String>::new()
        );
        assert_eq!(
            regions("Pemkab Batubara Gelar Apel\n\nASN Pemkab Batubara mengikuti apel netralitas."),
            ["/Sumatera Utara/Kabupaten Batu Bara"]
        );
    }

    #[test]
    fn a_district_counts_when_it_acts_not_when_it_is_an_address() {
        // The regency's Bawaslu acts; the district is a village's address.
        assert_eq!(
            regions("Kades di Kecamatan Kademangan Blitar Diklarifikasi Bawaslu\n\nBLITAR - Bawaslu Kabupaten Blitar memanggil Kepala Desa Suruhwadang, Kecamatan Kademangan, untuk klarifikasi."),
            ["/Jawa Timur/Kabupaten Blitar"]
        );
        // The district's own supervisors act, in the title.
        assert_eq!(
            regions("Panwascam Kuta Gelar Apel Siaga\n\nPanitia Pengawas Pemilihan Kecamatan (Panwascam) Kuta menggelar apel di Kabupaten Badung."),
            ["/Bali/Kabupaten Badung/Kuta"]
        );
    }

    #[test]
    fn a_provincial_institution_at_a_regency_venue_is_the_province() {
        assert_eq!(
            regions("Bawaslu Sumut Gelar Rakor Netralitas ASN\n\nBawaslu Sumut menggelar rapat koordinasi di salah satu hotel di Parapat, Kecamatan Girsang Sipangan Bolon, Kabupaten Simalungun. Ketua Bawaslu Provinsi Sumatera Utara membuka acara."),
            ["/Sumatera Utara"]
        );
    }

    #[test]
    fn foreign_news_from_a_jakarta_desk_has_no_region() {
        assert_eq!(
            regions("Bank Korea Selatan Pangkas Bunga Acuan\n\nJakarta, CNN Indonesia - - Bank sentral Korea Selatan memangkas suku bunga. Ekonomi Korea Selatan melambat."),
            Vec::<String>::new()
        );
        // National news from the same desk keeps Jakarta.
        assert_eq!(
            regions("KPU Tetapkan Jadwal Pilkada\n\nJakarta, CNN Indonesia - - Komisi Pemilihan Umum menetapkan jadwal pilkada serentak."),
            ["/DKI Jakarta"]
        );
    }

    #[test]
    fn streets_and_universities_named_after_places_are_not_places() {
        // Kantor Kemenko Polhukam stands on Jalan Medan Merdeka, in Jakarta (a
        // national institution: the capital's event).
        assert_eq!(
            regions("Menko Polhukam Terima KPI\n\nMenko Polhukam menerima KPI di Kantor Kemenko Polhukam, Jalan Medan Merdeka Barat, Jakarta Pusat."),
            ["/DKI Jakarta"]
        );
        assert_eq!(
            regions("Warga Terima Bantuan\n\nWarga menerima bantuan di Kantor Lurah, Jalan Medan Merdeka Barat, Jakarta Pusat."),
            ["/DKI Jakarta/Kota Administrasi Jakarta Pusat"]
        );
        assert_eq!(
            regions("Rapat Di Gedung DPR\n\nDekan Fakultas Hukum Universitas Jember dipilih. Kantornya di Jl. Raya Bogor."),
            Vec::<String>::new()
        );
        assert!(names_no_place("di Jl. Surabaya", "di Jl. ".len()));
        assert!(!names_no_place(
            "jalan menuju Surabaya",
            "jalan menuju ".len()
        ));
    }

    #[test]
    fn polda_metro_jaya_is_jakarta_not_the_city_of_metro() {
        assert_eq!(
            regions("Pendiri Kaskus Dilaporkan\n\nPendiri Kaskus dilaporkan ke Polda Metro Jaya atas dugaan pencucian uang."),
            ["/DKI Jakarta"]
        );
        assert_eq!(
            regions("Wali Kota Metro Pimpin Apel\n\nWali Kota Metro memimpin apel ASN Pemkot Metro di Lampung."),
            ["/Lampung/Kota Metro"]
        );
    }

    #[test]
    fn a_province_wide_event_in_a_regency_town_is_the_province() {
        assert_eq!(
            regions("Bupati dan Wali Kota se-Sulteng Teken Pakta Integritas di Palu\n\nPALU - Kepala BKN membuka Rapat Koordinasi Netralitas ASN se-Sulawesi Tengah di Hotel Santika Palu. Rakor digelar Pemerintah Provinsi Sulteng.\n\nPjs Gubernur Sulteng menyaksikan penandatanganan."),
            ["/Sulawesi Tengah"]
        );
        // The regency's own event that names its province in passing stays the
        // regency's.
        assert_eq!(
            regions("Pemkab Garut Gelar Ikrar Netralitas ASN\n\nGARUT - Bupati Garut memimpin ikrar netralitas ASN Pemkab Garut, mengikuti rakor ASN se-Jawa Barat pekan lalu.\n\nASN Pemkab Garut hadir."),
            ["/Jawa Barat/Kabupaten Garut"]
        );
    }

    #[test]
    fn a_district_police_names_its_district_and_the_event_is_the_regency() {
        assert_eq!(
            regions("Mahasiswa Jatuh Dari Lantai Lima Hotel\n\nSeorang mahasiswa jatuh dari lantai lima hotel di Legian, Minggu (7/5). Kanit Reskrim Polsek Kuta mengatakan korban mabuk. Polsek Kuta masih menyelidiki."),
            ["/Bali/Kabupaten Badung"]
        );
    }

    #[test]
    fn a_police_unit_named_after_the_city_is_the_city() {
        assert_eq!(
            regions("Kapolres Bogor Kota Pimpin Apel Netralitas\n\nBOGOR - Kapolres Bogor Kota memimpin apel netralitas anggota Polri di Mapolresta Bogor Kota."),
            ["/Jawa Barat/Kota Bogor"]
        );
        assert!(!city_after(" Kota Bandung"));
        assert!(!city_after(" Kotabaru"));
        assert!(city_after(" Kota, Senin"));
        assert!(city_after(" Kota memimpin"));
    }

    #[test]
    fn an_event_named_with_the_day_in_another_province_is_where_it_happened() {
        // A minister on Papua, at the palace in Jakarta.
        assert_eq!(
            regions("Jokowi Setuju Pemekaran Wilayah di Papua\n\nPresiden setuju pemekaran wilayah di Papua dan Papua Barat, menjawab tokoh Papua yang bertemu di Istana Negara, Jakarta, Selasa, 10 September 2019. Tokoh Papua meminta lima wilayah baru di Papua."),
            ["/DKI Jakarta"]
        );
        // A doctorate on Banten's election, defended in Malang ("Malang" needs a
        // cue elsewhere; named with the day it is the town).
        assert_eq!(
            regions("Dosen Tangerang Raih Gelar Doktor\n\nPilgub Banten mengantar dosen Universitas Islam Tangerang meraih gelar doktor di Universitas Brawijaya, Malang, Jawa Timur, Kamis 5 September 2019. Sidang dihadiri Wali Kota Tangerang."),
            ["/Jawa Timur/Kota Malang"]
        );
        // A regency that acts more than the venue weighs keeps the event.
        assert_eq!(
            regions("Pemkab Garut Gelar Ikrar Netralitas\n\nGARUT - Pemkab Garut menggelar ikrar netralitas ASN Pemkab Garut. Bupati Garut memimpin ikrar. Sehari sebelumnya Bupati Garut mengikuti rakor di Jakarta, Senin (9/9/2024)."),
            ["/Jawa Barat/Kabupaten Garut"]
        );
        // The dateline names the venue too: the court ruled in Jakarta on a
        // regency's election, whose KPU is a party to the case.
        assert_eq!(
            regions("MK Tolak Gugatan Sengketa Pilkada Intan Jaya Papua\n\nJakarta, CNN Indonesia -- Mahkamah Konstitusi menolak permohonan sengketa pemilihan kepala daerah Kabupaten Intan Jaya, Papua. Permohonan kepada KPU Kabupaten Intan Jaya tidak diterima.\n\nKPU Kabupaten Intan Jaya dinilai bekerja sesuai aturan. Bawaslu Kabupaten Intan Jaya juga memberi keterangan. Putusan dibacakan di Gedung MK, Jakarta, Selasa (23/5)."),
            ["/DKI Jakarta"]
        );
    }

    #[test]
    fn a_national_institution_in_a_jakarta_city_is_the_capital() {
        assert_eq!(
            regions("Polri Tunggu Laporan\n\nPolri masih menunggu laporan resmi, ujarnya saat ditemui di Mabes Polri, Jakarta Selatan, Senin (23/9)."),
            ["/DKI Jakarta"]
        );
        // A city that acts keeps its event.
        assert_eq!(
            regions("Wali Kota Jakarta Selatan Pimpin Apel\n\nWali Kota Jakarta Selatan memimpin apel netralitas ASN di Kantor Wali Kota Jakarta Selatan, Senin (23/9), mengikuti edaran Kemendagri."),
            ["/DKI Jakarta/Kota Administrasi Jakarta Selatan"]
        );
        // A discussion at an NGO's office in an article about the KPK: the city.
        assert_eq!(
            regions("ICW Pesimistis Ada Perppu KPK\n\nICW pesimistis Presiden menerbitkan perppu KPK, kata Kurnia usai diskusi di Kode Inisiatif, Tebet, Jakarta Selatan, Rabu (18/9/2019)."),
            ["/DKI Jakarta/Kota Administrasi Jakarta Selatan"]
        );
        assert!(names_national_institution("di Gedung DPR, Senayan"));
        assert!(!names_national_institution("Kementerianku dan DPPKAD"));
    }

    #[test]
    fn polda_metro_without_jaya_is_jakarta() {
        assert_eq!(
            regions("Kasus Ditangani Polisi\n\nKasus itu sedang ditangani oleh Polda Metro. Pelapor diperiksa di Jakarta Selatan."),
            ["/DKI Jakarta/Kota Administrasi Jakarta Selatan"]
        );
    }

    #[test]
    fn the_town_where_a_regency_held_its_event_is_no_second_region() {
        // Bengkulu Tengah's signing in a hotel of the city of Bengkulu.
        assert_eq!(
            regions("Pemkab Benteng Teken Komitmen Netralitas\n\nKARANG TINGGI - Pemerintah Kabupaten Bengkulu Tengah menggelar penandatanganan komitmen bersama netralitas ASN di Hotel Santika, Kota Bengkulu, Selasa (10/9/2024). Bupati Bengkulu Tengah memimpin.\n\nASN Pemkab Bengkulu Tengah hadir di Kota Bengkulu."),
            ["/Bengkulu/Kabupaten Bengkulu Tengah"]
        );
    }

    #[test]
    fn an_elections_name_does_not_make_its_place_act() {
        assert!(names_an_election(
            "menjelang Pemilihan Bupati dan Wakil Bupati "
        ));
        assert!(!names_an_election("dipimpin Pjs Bupati "));
        assert_eq!(
            regions("ASN Kapanewon Depok Ikrar Netral\n\nSLEMAN - ASN di lingkungan Kapanewon Depok, Kabupaten Sleman, mengucapkan ikrar netralitas menjelang Pemilihan Bupati dan Wakil Bupati Sleman 2024. Panewu Depok memimpin ikrar di Pendopo Kapanewon Depok."),
            ["/Daerah Istimewa Yogyakarta/Kabupaten Sleman/Depok"]
        );
    }

    #[test]
    fn a_provincial_office_s_event_where_a_city_office_takes_part_is_the_province() {
        assert_eq!(
            regions("Kanwil Kemenag Sulteng deklarasikan netralitas ASN\n\nPalu (ANTARA) - Kantor Wilayah Kementerian Agama (Kemenag) Provinsi Sulawesi Tengah menggelar deklarasi netralitas ASN di lingkungan Kemenag se-Sulteng.\n\nDeklarasi berlangsung di Aula Kanwil Kemenag Sulteng, Palu, Selasa (15/10/2024). Naskah dibacakan Kepala Kantor Kemenag Kota Palu.\n\nKanwil Kemenag Sulteng membuka layanan pengaduan."),
            ["/Sulawesi Tengah"]
        );
    }
}
