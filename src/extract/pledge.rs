//! What kind of pledge the article reports: [`Article`] → pledge types.
//!
//! Types: `deklarasi`, `ikrar`, `komitmen bersama`, `pakta integritas` (also the
//! common misspelling "fakta integritas"), `penandatanganan`, `apel`.
//!
//! A trigger counts only in a sentence about neutrality or civil servants (netral,
//! ASN, PNS, aparatur, pegawai, kepala desa, perangkat desa, TNI/Polri), or right
//! after one: a pledge somebody reports making, not any use of the word. Excluded:
//! - a candidates' peace declaration: "deklarasi damai", "deklarasi kampanye damai",
//!   or a deklarasi by "pasangan calon" / "paslon" / "kandidat" / "tim kampanye"
//!   in a sentence without civil servants in it;
//! - "deklarasi ikrar": the act is the ikrar;
//! - "apel" as fruit ("buah apel"), a routine or funeral assembly ("apel rutin",
//!   "apel pelepasan jenazah"), the apel as the time of something else ("usai
//!   apel"), and an apel or a signing with no pledge, neutrality or election named
//!   in its sentence or the one before ("menandatangani MoU");
//! - a deklarasi of candidates ("deklarasi calon"), one ASN must not attend
//!   ("dilarang menghadiri deklarasi"), or one asked for ("instruksi … agar …
//!   mendeklarasikan");
//! - a pledge recalled as background in the body: "telah/sudah/pernah … lalu /
//!   sebelumnya", or spoken of as a habit ("yang rutin digelar pemda");
//! - a signing of a decree, a circular, an agreement or a sanction ("SKB … yang
//!   diteken Menteri", "menandatangani MoU"), while signing the pledge document
//!   counts even in a sentence that names no civil servant ("naskah deklarasi
//!   ditandatangani …");
//! - a deklarasi attended ("lurah yang menghadiri deklarasi bakal calon": a
//!   breach), a bare deklarasi after a candidates' peace declaration (the same
//!   one), and any act only planned ("berencana menggelar apel").

use std::sync::LazyLock;

use regex::Regex;

use crate::article::Article;
use crate::facet::PledgeType;

/// Each type's trigger words, in [`PledgeType::ALL`] order.
static TRIGGERS: LazyLock<[Regex; 6]> = LazyLock::new(|| {
    [
        r"(?i)(?-u:\b)(?:deklarasi(?:kan)?|mendeklarasikan|dideklarasikan|berdeklarasi)(?-u:\b)",
        r"(?i)(?-u:\b)(?:ikrar|berikrar|mengikrarkan|diikrarkan)(?-u:\b)",
        r"(?i)(?-u:\b)komitmen\s+bersama(?-u:\b)",
        r"(?i)(?-u:\b)[pf]akta\s+integritas(?-u:\b)",
        r"(?i)(?-u:\b)(?:penandatanganan|menandatangani|ditandatangani|tandatangani|meneken|diteken)(?-u:\b)",
        r"(?i)(?-u:\b)apel(?-u:\b)",
    ]
    .map(|re| Regex::new(re).expect("valid pledge regex"))
});

/// A part that every trigger match contains ("pe-nandatangan-an", "men-eken"), with
/// the triggers' case folding: most articles have none, and are not read sentence
/// by sentence.
static ANY_TRIGGER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)deklarasi|ikrar|komitmen|integritas|andatangan|eken|apel")
        .expect("valid regex")
});

static ASN_CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:netral\w*|asn|pns|aparatur|pegawai|kepala\s+desa|kades|perangkat\s+desa|lurah|pamong|camat|tni|polri|aparat)(?-u:\b)")
        .expect("valid regex")
});
/// What a signing or an apel must be about to be a pledge: neutrality, the pledge
/// itself, or the election ("menandatangani MoU", "apel pelepasan jenazah" are not).
static PLEDGE_OBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:netral\w*|naskah|deklarasi\w*|ikrar|komitmen|[pf]akta|integritas|pemilu|pilkada|pemilihan|siaga|pengawasan)(?-u:\b)")
        .expect("valid regex")
});
/// A sentence that recalls an earlier pledge as background ("telah menggelar
/// deklarasi netralitas … Oktober lalu").
static BACKGROUND: LazyLock<[Regex; 2]> = LazyLock::new(|| {
    [
        r"(?i)(?-u:\b)(?:telah|sudah|pernah)(?-u:\b)",
        r"(?i)(?-u:\b)(?:lalu|sebelumnya)(?-u:\b)",
    ]
    .map(|re| Regex::new(re).expect("valid regex"))
});
static FORBIDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:dilarang|larangan|tidak\s+boleh|jangan)(?-u:\b)")
        .expect("valid regex")
});
static CANDIDATES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:pasangan\s+calon|paslon|kandidat|tim\s+kampanye|capres|cagub|cabup|cawalkot)(?-u:\b)",
    )
    .expect("valid regex")
});
/// What a signing signs when it is no pledge: a decree, a circular, an agreement,
/// a sanction ("SKB … yang diteken Menteri PANRB", "menandatangani MoU").
static DECREE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:surat\s+keputusan|keputusan|skb|sk|surat\s+edaran|edaran|peraturan|perbup|pergub|perwali|perda|mou|nota\s+kesepahaman|perjanjian|nphd|kontrak|sanksi|berita\s+acara|hibah|anggaran|dipa)(?-u:\b)")
        .expect("valid regex")
});
/// The pledge document itself ("naskah deklarasi", "pakta integritas").
static PLEDGE_DOCUMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:naskah|deklarasi|ikrar|komitmen\s+bersama|[pf]akta\s+integritas)(?-u:\b)",
    )
    .expect("valid regex")
});
/// Pledges spoken of as a habit, not one reported ("deklarasi dan ikrar
/// netralitas yang rutin digelar pemda itu jangan cuma seremonial").
static HABIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:rutin|selama\s+ini)\s+(?:di)?(?:gelar|laksanakan|lakukan|adakan)(?-u:\b)",
    )
    .expect("valid regex")
});
/// An act only planned ("berencana menggelar apel siaga"): not reported as held.
static PLANNED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:berencana|rencananya|direncanakan|dijadwalkan)(?-u:\b)")
        .expect("valid regex")
});
static CIVIL_SERVANTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:asn|pns|aparatur|pegawai)(?-u:\b)").expect("valid regex")
});

/// Sentences of a text (split at full stops, question and exclamation marks, and
/// line ends).
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split(['.', '!', '?', '\n'])
        .filter(|s| !s.trim().is_empty())
}

/// The pledge types of an article, in [`PledgeType::ALL`] order.
pub fn extract(article: &Article) -> Vec<PledgeType> {
    let mut found = [false; PledgeType::ALL.len()];
    let title = article.own_title().unwrap_or("");
    if !ANY_TRIGGER.is_match(title) && !ANY_TRIGGER.is_match(&article.body) {
        return Vec::new();
    }
    let mut previous_in_context = false;
    let mut previous_has_object = false;
    // A candidates' peace declaration seen: a later bare "deklarasi" is that one.
    let mut peace = false;
    // Whole-text checks first: most articles have neither, and are not read for
    // them sentence by sentence.
    let any_peace = PEACE.is_match(title) || PEACE.is_match(&article.body);
    let any_signing =
        TRIGGERS[SIGNING].is_match(title) || TRIGGERS[SIGNING].is_match(&article.body);
    let in_body = sentences(&article.body).map(|s| (s, true));
    for (sentence, body) in sentences(title).map(|s| (s, false)).chain(in_body) {
        // The sentence, or the one before it, must be about neutrality or civil
        // servants ("ASN mengikrarkan netralitas. … mengatakan ikrar ini bentuk
        // komitmen bersama …").
        let in_context = ASN_CONTEXT.is_match(sentence);
        let near_context = in_context || previous_in_context;
        previous_in_context = in_context;
        let has_object = PLEDGE_OBJECT.is_match(sentence);
        let object_near = has_object || previous_has_object;
        previous_has_object = has_object;
        peace |= any_peace && PEACE.is_match(sentence);
        if !near_context && any_signing {
            // "Naskah deklarasi ditandatangani Dadan, Endang …": signing the pledge
            // document needs no other word for what it is about.
            if !found[SIGNING] && !peace {
                found[SIGNING] = TRIGGERS[SIGNING]
                    .find_iter(sentence)
                    .any(|m| signs_the_pledge(&sentence[..m.start()]));
            }
        }
        if !near_context {
            continue;
        }
        // A pledge recalled as background, or spoken of as a habit; a title
        // never is one.
        if body && (BACKGROUND.iter().all(|re| re.is_match(sentence)) || HABIT.is_match(sentence)) {
            continue;
        }
        for (k, trigger) in TRIGGERS.iter().enumerate() {
            if found[k] {
                continue;
            }
            let seen = Seen { object_near, peace };
            found[k] = trigger
                .find_iter(sentence)
                .any(|m| counts(PledgeType::ALL[k], sentence, m.range(), seen));
        }
    }
    PledgeType::ALL
        .into_iter()
        .zip(found)
        .filter_map(|(t, f)| f.then_some(t))
        .collect()
}

/// The index of `penandatanganan` in [`TRIGGERS`].
const SIGNING: usize = 4;

static PEACE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)deklarasi\s+(?:kampanye\s+)?damai").expect("valid regex"));

/// What the sentences read so far say about a trigger.
#[derive(Clone, Copy)]
struct Seen {
    /// The sentence or the one before names what a pledge is about.
    object_near: bool,
    /// The article reported a candidates' peace declaration before.
    peace: bool,
}

/// Whether the words before a signing name the pledge document as what is signed,
/// rather than a decree: the nearer of the two wins ("pakta integritas yang
/// ditandatangani", "SKB … yang diteken Menteri").
fn signs_the_pledge(before: &str) -> bool {
    let last = |re: &Regex| re.find_iter(before).last().map(|m| m.start());
    match (last(&PLEDGE_DOCUMENT), last(&DECREE)) {
        (Some(pledge), Some(decree)) => pledge > decree,
        (Some(_), None) => true,
        _ => false,
    }
}

/// Whether a trigger at `at` in `sentence` reports a pledge of `kind`.
fn counts(kind: PledgeType, sentence: &str, at: std::ops::Range<usize>, seen: Seen) -> bool {
    let after = sentence[at.end..].trim_start().to_lowercase();
    let before = sentence[..at.start].trim_end().to_lowercase();
    if PLANNED.is_match(&before) {
        return false;
    }
    match kind {
        PledgeType::Deklarasi => declaration_counts(sentence, &before, &after, seen.peace),
        PledgeType::Apel => {
            // A routine or other assembly, or the apel as the time of something else
            // ("usai apel, …").
            let other = ["pelepasan", "jenazah", "rutin", "pagi rutin"]
                .iter()
                .any(|w| after.starts_with(w));
            let setting = ["usai", "seusai", "setelah", "selesai", "buah"]
                .iter()
                .any(|w| before.ends_with(w));
            !other && !setting && seen.object_near
        }
        PledgeType::Penandatanganan => {
            // "menandatangani MoU", "SKB … yang diteken Menteri": not a pledge.
            let decree_after = DECREE.find(&after).is_some_and(|m| m.start() == 0);
            let decree_before = DECREE.is_match(&before) && !signs_the_pledge(&before);
            seen.object_near && !decree_after && !decree_before
        }
        _ => true,
    }
}

/// Whether a "deklarasi" between `before` and `after` (lowercased) is an ASN
/// pledge; `peace_seen`: the article reported a candidates' peace declaration.
fn declaration_counts(sentence: &str, before: &str, after: &str, peace_seen: bool) -> bool {
    let about_neutrality = ["netral", "ikrar", "pakta", "fakta", "komitmen", "asn"]
        .iter()
        .any(|w| after.starts_with(w));
    let peace = after.starts_with("damai") || after.starts_with("kampanye damai");
    let of_candidates = CANDIDATES.is_match(sentence) && !CIVIL_SERVANTS.is_match(sentence);
    // "deklarasi calon", "deklarasi dukungan": a candidate's event.
    let candidates_event = ["calon", "pasangan", "dukungan", "pencalonan", "bakal"]
        .iter()
        .any(|w| after.starts_with(w));
    // "ASN dilarang menghadiri deklarasi, kampanye …": what ASN must not do;
    // "lurah yang menghadiri deklarasi salah satu bakal calon": a breach.
    let attended = ["menghadiri", "hadir di", "hadir dalam", "hadir pada"]
        .iter()
        .any(|w| before.ends_with(w));
    let forbidden = attended && (FORBIDS.is_match(sentence) || !about_neutrality);
    // "Pengamanan deklarasi dipimpin Kapolres" after a peace declaration: that
    // declaration again.
    let the_peace_one = peace_seen && !about_neutrality && !CIVIL_SERVANTS.is_match(sentence);
    // "instruksi Menteri … agar seluruh jajaran mendeklarasikan netralitas": asked
    // for, not held.
    let asked = [" agar ", " supaya ", "instruksi"]
        .iter()
        .any(|w| before.contains(w));
    !peace
        && !the_peace_one
        && !of_candidates
        && !candidates_event
        && !forbidden
        && !asked
        && !after.starts_with("ikrar")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{parse, Meta};

    fn pledges(text: &str) -> Vec<&'static str> {
        extract(&parse(text, &Meta::default()))
            .into_iter()
            .map(PledgeType::name)
            .collect()
    }

    #[test]
    fn every_trigger_form_passes_the_prefilter() {
        let forms = [
            "deklarasi",
            "Deklarasikan",
            "mendeklarasikan",
            "dideklarasikan",
            "berdeklarasi",
            "ikrar",
            "berikrar",
            "mengikrarkan",
            "diikrarkan",
            "komitmen  bersama",
            "pakta integritas",
            "FAKTA INTEGRITAS",
            "penandatanganan",
            "menandatangani",
            "ditandatangani",
            "tandatangani",
            "meneken",
            "diteken",
            "Apel",
        ];
        for form in forms {
            assert!(
                TRIGGERS.iter().any(|t| t.is_match(form)),
                "{form}: no trigger"
            );
            assert!(ANY_TRIGGER.is_match(form), "{form}: prefilter misses it");
        }
    }

    #[test]
    fn each_type_and_the_misspelt_pact() {
        assert_eq!(
            pledges("Judul Berita Netralitas Pegawai Daerah\n\nASN menandatangani fakta integritas dan komitmen bersama netralitas."),
            ["komitmen bersama", "pakta integritas", "penandatanganan"]
        );
        assert_eq!(
            pledges("Judul Berita Netralitas Pegawai Daerah\n\nApel ikrar netralitas ASN digelar."),
            ["ikrar", "apel"]
        );
    }

    #[test]
    fn candidates_peace_declarations_are_not_asn_pledges() {
        assert_eq!(
            pledges("Paslon Ikuti Deklarasi Kampanye Damai\n\nSeluruh pasangan calon mengikuti deklarasi damai yang dijaga TNI dan Polri."),
            Vec::<&str>::new()
        );
        assert_eq!(
            pledges("KPU Gelar Deklarasi Pilkada Damai\n\nPara paslon menghadiri deklarasi di alun-alun, dijaga aparat."),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn the_word_alone_without_neutrality_is_not_a_pledge() {
        assert_eq!(
            pledges("Harga Buah Naik Menjelang Lebaran\n\nHarga buah apel naik. Pedagang berikrar menahan harga."),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn a_pledge_recalled_forbidden_or_asked_for_is_not_reported() {
        // Background, in the body.
        assert_eq!(
            pledges("Bawaslu Periksa Dua Guru ASN\n\nBawaslu memeriksa dua guru ASN. Padahal awal Oktober lalu Pemkab telah menggelar deklarasi netralitas ASN."),
            Vec::<&str>::new()
        );
        // A habit, in a speaker's words.
        assert_eq!(
            pledges("Bawaslu Sosialisasi Netralitas ASN\n\nBawaslu menggelar sosialisasi netralitas ASN. \"Deklarasi dan ikrar netralitas yang rutin digelar pemda itu jangan cuma seremonial,\" tegasnya."),
            Vec::<&str>::new()
        );
        // What ASN must not attend.
        assert_eq!(
            pledges("Pjs Bupati Ingatkan ASN\n\nASN dilarang menghadiri deklarasi, kampanye, maupun pertemuan paslon."),
            Vec::<&str>::new()
        );
        // An instruction to declare.
        assert_eq!(
            pledges("Kanwil Gelar Rapat\n\nIa menyebut instruksi Menteri agar seluruh jajaran mendeklarasikan netralitas ASN."),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn an_apel_or_a_signing_counts_only_about_the_pledge() {
        assert_eq!(
            pledges("Pj Wali Kota Soroti Disiplin Pegawai\n\nPj Wali Kota menjadi pembina apel pagi rutin pegawai. Ia menyoroti sampah."),
            Vec::<&str>::new()
        );
        assert_eq!(
            pledges("Pemkot dan Bawaslu Teken MoU\n\nPemkot dan Bawaslu menandatangani MoU hibah dengan pegawai."),
            Vec::<&str>::new()
        );
        // The pledge named in the sentence before the apel.
        assert_eq!(
            pledges("Pj Gubernur Tegaskan ASN Netral\n\nPj Gubernur menegaskan ASN wajib netral dalam pilkada. Penegasan itu disampaikan dalam apel pagi di halaman kantor gubernur."),
            ["apel"]
        );
        // Signing the declaration's text.
        assert_eq!(
            pledges("Lurah se-Bantul Deklarasi Netral\n\nNaskah deklarasi dibacakan oleh lurah. Usai pembacaan, perwakilan lurah menandatangani naskah deklarasi."),
            ["deklarasi", "penandatanganan"]
        );
    }

    #[test]
    fn a_decree_signed_a_breach_attended_and_a_plan_are_no_pledges() {
        // The joint decree signed by ministers, recalled in a pledge report.
        assert_eq!(
            pledges("Apel Netralitas ASN Pemprov Aceh\n\nASN Pemprov Aceh mengikuti apel netralitas pemilu. Pedoman netralitas ASN merujuk Surat Keputusan Bersama (SKB) tentang netralitas ASN yang diteken Menteri PANRB dan Mendagri."),
            ["apel"]
        );
        // The pledge document signed, even in a sentence naming no civil servant.
        assert_eq!(
            pledges("Deklarasi Netralitas ASN Kabupaten Bekasi\n\nASN Pemkab Bekasi mengikuti deklarasi netralitas. Setelah itu, naskah deklarasi ditandatangani Dadan, Endang, serta unsur Forkopimda di atas panggung."),
            ["deklarasi", "penandatanganan"]
        );
        // A lurah who attended a candidate's declaration breached neutrality.
        assert_eq!(
            pledges("Lurah Disanksi\n\nPemkot menjatuhkan sanksi kepada seorang lurah ASN yang menghadiri deklarasi salah satu bakal calon wali kota."),
            Vec::<&str>::new()
        );
        // An apel only planned.
        assert_eq!(
            pledges("Bawaslu Sosialisasi Netralitas ASN\n\nBawaslu berencana menggelar Apel Siaga Pengawasan Pilkada bersama ASN pekan depan."),
            Vec::<&str>::new()
        );
        assert!(signs_the_pledge("pakta integritas yang "));
        assert!(!signs_the_pledge("SKB tentang netralitas yang "));
    }

    #[test]
    fn a_peace_declaration_named_again_is_still_the_candidates() {
        assert_eq!(
            pledges("Tiga Paslon Deklarasi Kampanye Damai\n\nKPU Kota Bitung menggelar deklarasi kampanye damai. Pj Wali Kota mengingatkan ASN netral. Pengamanan deklarasi dipimpin langsung Kapolres Bitung."),
            Vec::<&str>::new()
        );
    }
}
