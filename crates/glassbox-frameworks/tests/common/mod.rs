//! Shared helpers for the integration tests.

#![allow(dead_code)]

use std::path::PathBuf;

/// `$GLASSBOX_SHARED/data/mof`, or `None` (with a message) when the variable is unset.
pub fn mof_data(test: &str) -> Option<PathBuf> {
    glassbox_testkit::shared(test).map(|s| s.join("data").join("mof"))
}

/// JSON with trailing commas (as MOT's `expected_results.json` has) made strict: drops every comma
/// that is followed, after whitespace, by `}` or `]`, leaving string contents alone.
pub fn strip_trailing_commas(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut in_str = false;
    let mut escaped = false;
    for (i, ch) in text.char_indices() {
        if in_str {
            out.push(ch);
            if escaped {
                escaped = false;
            } else if ch == '\\' {
                escaped = true;
            } else if ch == '"' {
                in_str = false;
            }
            continue;
        }
        if ch == '"' {
            in_str = true;
        } else if ch == ',' {
            let next = bytes[i + 1..].iter().find(|b| !b.is_ascii_whitespace());
            if matches!(next, Some(b'}') | Some(b']')) {
                continue;
            }
        }
        out.push(ch);
    }
    out
}
