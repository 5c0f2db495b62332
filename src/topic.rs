//! How much an article is about netra's subject: its title and body → a topic
//! level, `0..=`[`MAX_LEVEL`], the number of distinct election words it uses
//! (`topic_words.txt`: pemilu, pilkada, Bawaslu, KPU, kampanye, ASN, netralitas …),
//! capped low: the prior tells election news from other news, and does not rank
//! one election story above another for using more of the words.
//!
//! netra's users search a folder of election news in which general news stands
//! beside it (a scraper's catch, a wire's feed): of two articles that match a
//! query alike, the one about elections is the one they are looking for ("serangan
//! fajar" in a story about vote buying, not in one about a heart attack at dawn).
//! The level is written at indexing time (a fast field); a search multiplies the
//! scores of its best matches by [`prior`] of it ([`crate::search`]).

use std::collections::HashSet;
use std::sync::LazyLock;

use crate::article::words;
use crate::lexicon::data_lines;

/// The highest level: this many distinct election words or more. Measured on the
/// judged queries (`bench/relevance`, nDCG@10): a cap of 5 ranked election stories
/// among themselves by their vocabulary and lost on plain and partial queries
/// (0.783 overall); a cap of 2 gained without a loss (0.781 → 0.787).
pub const MAX_LEVEL: u8 = 2;

/// How much the highest level lifts a score: an article at level `l` scores
/// `1 + PRIOR_WEIGHT * l / MAX_LEVEL` times its match's score. Small enough that a
/// much better match about something else still ranks first (1.0 measured the
/// same overall, better on phrases and worse on partial matches).
pub const PRIOR_WEIGHT: f32 = 0.4;

/// The hashes ([`words`]) of the election words.
static WORDS: LazyLock<HashSet<u64, fnv::FnvBuildHasher>> = LazyLock::new(|| {
    data_lines(include_str!("topic_words.txt"))
        .filter_map(|w| words(w).next())
        .collect()
});

/// The topic level of an article with this title and body.
pub fn level(title: &str, body: &str) -> u8 {
    of_words(words(title).chain(words(body)))
}

/// The topic level of an article given as its word hashes ([`words`]).
pub fn of_words(text: impl IntoIterator<Item = u64>) -> u8 {
    let set = &*WORDS;
    let mut found: Vec<u64> = Vec::with_capacity(usize::from(MAX_LEVEL));
    for w in text {
        if set.contains(&w) && !found.contains(&w) {
            found.push(w);
            if found.len() == usize::from(MAX_LEVEL) {
                break;
            }
        }
    }
    found.len() as u8
}

/// The factor a match's score is multiplied by at topic level `level`.
pub fn prior(level: u8) -> f32 {
    1.0 + PRIOR_WEIGHT * f32::from(level.min(MAX_LEVEL)) / f32::from(MAX_LEVEL)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn election_words_count_once_each_whatever_their_case() {
        assert_eq!(
            level("", "Serangan jantung di waktu fajar, kata dokter."),
            0
        );
        assert_eq!(
            level("Bawaslu Awasi Serangan Fajar", "Menurut bawaslu ..."),
            1
        );
        assert_eq!(level("", "BAWASLU meminta ASN netral; bawaslu juga ..."), 2);
        // "netral" and "netralitas" are two forms, two words; "suara" is not one.
        assert_eq!(level("", "netral netralitas suara"), 2);
        assert_eq!(level("", "suara calon partai"), 0);
    }

    #[test]
    fn the_level_is_capped_and_the_prior_grows_with_it() {
        let text = "pemilu pilkada kpu bawaslu kampanye asn pns paslon";
        assert_eq!(level("", text), MAX_LEVEL);
        assert_eq!(prior(0), 1.0);
        assert!(prior(1) > prior(0) && prior(MAX_LEVEL) > prior(1));
        assert_eq!(prior(MAX_LEVEL), prior(u8::MAX));
        assert!((prior(MAX_LEVEL) - (1.0 + PRIOR_WEIGHT)).abs() < 1e-6);
    }

    #[test]
    fn every_listed_word_is_one_word() {
        for line in data_lines(include_str!("topic_words.txt")) {
            assert_eq!(words(line).count(), 1, "{line:?}");
        }
        assert!(WORDS.len() >= 40);
    }
}
