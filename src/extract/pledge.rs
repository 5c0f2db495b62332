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
//! - "apel" as fruit ("buah apel").

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
    Regex::new(r"(?i)(?-u:\b)(?:netral\w*|asn|pns|aparatur|pegawai|kepala\s+desa|kades|perangkat\s+desa|tni|polri|aparat)(?-u:\b)")
        .expect("valid regex")
});
static CANDIDATES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:pasangan\s+calon|paslon|kandidat|tim\s+kampanye|capres|cagub|cabup|cawalkot)(?-u:\b)",
    )
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
    for sentence in sentences(title).chain(sentences(&article.body)) {
        // The sentence, or the one before it, must be about neutrality or civil
        // servants ("ASN mengikrarkan netralitas. … mengatakan ikrar ini bentuk
        // komitmen bersama …").
        let in_context = ASN_CONTEXT.is_match(sentence);
        let near_context = in_context || previous_in_context;
        previous_in_context = in_context;
        if !near_context {
            continue;
        }
        for (k, trigger) in TRIGGERS.iter().enumerate() {
            if found[k] {
                continue;
            }
            found[k] = trigger
                .find_iter(sentence)
                .any(|m| counts(PledgeType::ALL[k], sentence, m.start(), m.end()));
        }
    }
    PledgeType::ALL
        .into_iter()
        .zip(found)
        .filter_map(|(t, f)| f.then_some(t))
        .collect()
}

fn counts(kind: PledgeType, sentence: &str, start: usize, end: usize) -> bool {
    let after = sentence[end..].trim_start().to_lowercase();
    let before = sentence[..start].trim_end().to_lowercase();
    match kind {
        PledgeType::Deklarasi => {
            let peace = after.starts_with("damai") || after.starts_with("kampanye damai");
            let of_candidates = CANDIDATES.is_match(sentence) && !CIVIL_SERVANTS.is_match(sentence);
            !peace && !of_candidates && !after.starts_with("ikrar")
        }
        PledgeType::Apel => !before.ends_with("buah"),
        _ => true,
    }
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
}
