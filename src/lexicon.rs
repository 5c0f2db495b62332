//! The embedded data files (lexicons, gazetteer) share one format: one entry a
//! line, `#` comments and blank lines ignored.

/// Non-comment, non-blank lines of an embedded data file, trimmed.
pub(crate) fn data_lines(source: &'static str) -> impl Iterator<Item = &'static str> {
    source
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}
