//! The embedded data files (lexicons, gazetteer) share one format: one entry a
//! line, `#` comments and blank lines ignored. Names read against them may carry
//! a typo ([`one_edit_apart`]).

/// Non-comment, non-blank lines of an embedded data file, trimmed.
pub(crate) fn data_lines(source: &'static str) -> impl Iterator<Item = &'static str> {
    source
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

/// Whether `a` and `b` are equal or one edit apart (a letter added, dropped,
/// changed, or two swapped): how a typo in a name is forgiven.
pub(crate) fn one_edit_apart(a: &str, b: &str) -> bool {
    // One edit changes the length by one character: four bytes at most. The test
    // spares most pairs the edit distance.
    a.len().abs_diff(b.len()) <= 4 && strsim::damerau_levenshtein(a, b) <= 1
}
