//! Mojibake repair: UTF-8 text that was once decoded as Windows-1252 or Mac Roman
//! (`â€œ`, `‚Äú` for `“`; `Ã©` for `é`).
//!
//! Each run of two or more non-ASCII characters is encoded back into the legacy
//! encoding; when those bytes are valid UTF-8, the run is replaced by what they
//! spell. Real text almost never passes that test: the bytes of two accented
//! letters side by side are not a UTF-8 sequence.

use std::borrow::Cow;

use encoding_rs::{Encoding, MACINTOSH, WINDOWS_1252};

const LEGACY: [&Encoding; 2] = [WINDOWS_1252, MACINTOSH];

/// Repairs mojibake runs in `text`.
pub fn repair(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| !c.is_ascii()) {
        out.push_str(&rest[..start]);
        let run_len = rest[start..]
            .find(|c: char| c.is_ascii())
            .unwrap_or(rest.len() - start);
        let run = &rest[start..start + run_len];
        match (run.chars().count() >= 2).then(|| fix_run(run)).flatten() {
            Some(fixed) => {
                out.push_str(&fixed);
                changed = true;
            }
            None => out.push_str(run),
        }
        rest = &rest[start + run_len..];
    }
    out.push_str(rest);
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    }
}

fn fix_run(run: &str) -> Option<String> {
    LEGACY.iter().find_map(|encoding| {
        let (bytes, _, unmappable) = encoding.encode(run);
        if unmappable {
            return None;
        }
        std::str::from_utf8(&bytes).ok().map(str::to_owned)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mac_roman_and_windows_1252_mojibake_are_repaired() {
        assert_eq!(repair("‚ÄúKalau saya‚Äù"), "“Kalau saya”");
        assert_eq!(repair("Pemilu ‚Äì Pilkada"), "Pemilu – Pilkada");
        assert_eq!(repair("â€œnetralâ€\u{9d}"), "“netral”");
        assert_eq!(repair("cafÃ©"), "café");
    }

    #[test]
    fn real_text_is_left_alone() {
        for text in [
            "“netral” — café",
            "Pemilu 2024",
            "naïve résumé",
            "Āā ×",
            "é’",
        ] {
            assert_eq!(repair(text), text);
        }
        assert!(matches!(repair("ASCII only"), Cow::Borrowed(_)));
    }
}
