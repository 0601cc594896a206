//! How a license text was identified.

use serde::Serialize;

/// How a license text was identified (`Identification::method`, `TextMatch::method`). The
/// kebab-case ids are what JSON output and evidence records say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// The known text, word for word (after normalisation).
    ExactText,
    /// The known text with differences (a changed sentence, a filled-in appendix).
    TextMatch,
    /// A match against an SPDX template (its optional and variable parts honoured).
    TextMatchSpdx,
    /// Part of a known text: a truncated copy or a text inside a longer file.
    PartialText,
    /// No text match, but the title names a known license.
    TitlePhrase,
    /// A short notice that points at a license ("Licensed under the Apache License 2.0").
    NoticePhrase,
    /// An `SPDX-License-Identifier:` line.
    SpdxId,
    /// A copyright line and nothing else.
    CopyrightNotice,
    /// Reads as a license, but matches no known one.
    #[serde(rename = "unrecognised-license")]
    Unrecognised,
    /// An empty file.
    Empty,
    /// Not text.
    Binary,
    /// Nothing that reads as a license.
    None,
}

impl Method {
    /// The kebab-case id.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::ExactText => "exact-text",
            Method::TextMatch => "text-match",
            Method::TextMatchSpdx => "text-match-spdx",
            Method::PartialText => "partial-text",
            Method::TitlePhrase => "title-phrase",
            Method::NoticePhrase => "notice-phrase",
            Method::SpdxId => "spdx-id",
            Method::CopyrightNotice => "copyright-notice",
            Method::Unrecognised => "unrecognised-license",
            Method::Empty => "empty",
            Method::Binary => "binary",
            Method::None => "none",
        }
    }
}

impl std::fmt::Display for Method {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::Method;

    #[test]
    fn the_json_id_is_the_display_id() {
        for m in [
            Method::ExactText,
            Method::TextMatch,
            Method::TextMatchSpdx,
            Method::PartialText,
            Method::TitlePhrase,
            Method::NoticePhrase,
            Method::SpdxId,
            Method::CopyrightNotice,
            Method::Unrecognised,
            Method::Empty,
            Method::Binary,
            Method::None,
        ] {
            assert_eq!(serde_json::to_value(m).unwrap(), m.as_str());
        }
    }
}
