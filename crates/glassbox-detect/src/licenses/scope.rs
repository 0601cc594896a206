//! What a license covers (weights, code, data or the whole release), from the file's name, its
//! folder, its heading and its text (issue #11 item 4, #12 "scopes"). The reason is kept: it is
//! part of the evidence for the component the license is applied to.

use std::fmt;

/// The part of a release a license covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    /// Model parameters (weights, checkpoints, weight diffs).
    Weights,
    /// Source code.
    Code,
    /// Data sets.
    Data,
    /// Everything in the release not covered by a more specific license.
    Release,
}

impl Scope {
    /// As written in evidence.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Weights => "weights",
            Scope::Code => "code",
            Scope::Data => "data",
            Scope::Release => "release",
        }
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A scope with where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Scoped {
    /// The scope.
    pub scope: Scope,
    /// Why, in words: `file name MODEL_LICENSE`, `folder model_licenses/`, `heading "…"` (line),
    /// `text defines "Model"` (line).
    pub why: String,
    /// The line the scope was read from, when it was read from the text.
    pub line: Option<u32>,
}

/// Words of a file or folder name that scope it (lower case, whole words of the name).
const WEIGHT_WORDS: &[&str] = &[
    "model",
    "models",
    "weight",
    "weights",
    "checkpoint",
    "checkpoints",
    "ckpt",
    "params",
    "parameters",
    "diff",
];
const DATA_WORDS: &[&str] = &["data", "dataset", "datasets", "corpus"];
const CODE_WORDS: &[&str] = &["code", "software", "source", "src"];

/// Words of a file name, split at anything but letters and digits, lower case; `diff` counts
/// only with `weight` (a weight diff), and license words themselves are dropped.
fn name_words(name: &str) -> Vec<String> {
    name.to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn scope_of_words(words: &[String]) -> Option<Scope> {
    let has = |set: &[&str]| {
        words
            .iter()
            .any(|w| set.contains(&w.as_str()) && w != "diff")
    };
    if has(WEIGHT_WORDS) {
        Some(Scope::Weights)
    } else if has(DATA_WORDS) {
        Some(Scope::Data)
    } else if has(CODE_WORDS) {
        Some(Scope::Code)
    } else {
        None
    }
}

/// Phrases of a license text's opening that say it licenses a model (defined terms and
/// grants): a text with one of these is a model license whatever its file is called.
const MODEL_TEXT_PHRASES: &[&str] = &[
    "\"model\"",
    "\u{201c}model\u{201d}",
    "\"models\"",
    "\u{201c}models\u{201d}",
    "\"model weights\"",
    "model weights",
    "machine-learning model",
    "machine learning model",
    "large language model",
    "ai model",
    "trained weights",
    "model parameters",
    "the model and its derivatives",
    "derivatives of the model",
    "模型",
];

/// Phrases that make a text a data license.
const DATA_TEXT_PHRASES: &[&str] = &[
    "data license agreement",
    "open data commons",
    "database license",
    "\"data\" means",
];

/// How much of a license text is looked at for defined terms.
const OPENING: usize = 20_000;

/// The scope of a license file: its name, then its folder, then its heading (first non-empty
/// lines), then what its opening defines. A file that says none of these covers the release.
pub fn of_file(path: &str, text: &str) -> Scoped {
    let name = path.rsplit('/').next().unwrap_or(path);
    if let Some(s) = scope_of_words(&name_words(name)) {
        return Scoped {
            scope: s,
            why: format!("file name {name}"),
            line: None,
        };
    }
    for dir in path.rsplit('/').skip(1) {
        let words = name_words(dir);
        if words.iter().any(|w| w.starts_with("licen")) {
            if let Some(s) = scope_of_words(&words) {
                return Scoped {
                    scope: s,
                    why: format!("folder {dir}/"),
                    line: None,
                };
            }
        }
    }
    for (i, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .take(3)
    {
        let h = line.trim().trim_start_matches('#').trim();
        if h.len() > 160 {
            continue;
        }
        let words = name_words(h);
        if words
            .iter()
            .any(|w| w.starts_with("licen") || w == "agreement" || w == "terms")
        {
            if let Some(s) = scope_of_words(&words).filter(|s| *s != Scope::Code) {
                return Scoped {
                    scope: s,
                    why: format!("heading \"{h}\""),
                    line: Some(i as u32 + 1),
                };
            }
        }
    }
    let opening = {
        let mut end = text.len().min(OPENING);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text[..end].to_lowercase()
    };
    for (phrases, scope) in [
        (MODEL_TEXT_PHRASES, Scope::Weights),
        (DATA_TEXT_PHRASES, Scope::Data),
    ] {
        if let Some((at, p)) = phrases
            .iter()
            .filter_map(|p| opening.find(p).map(|at| (at, *p)))
            .min()
        {
            let line = opening[..at].matches('\n').count() as u32 + 1;
            return Scoped {
                scope,
                why: format!("text mentions {}", p.trim_matches('"')),
                line: Some(line),
            };
        }
    }
    Scoped {
        scope: Scope::Release,
        why: "no narrower scope stated".into(),
        line: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scope(path: &str, text: &str) -> Scope {
        of_file(path, text).scope
    }

    #[test]
    fn names_scope_licenses() {
        for p in [
            "MODEL_LICENSE",
            "LICENSE-MODEL",
            "LICENSE_weights",
            "WEIGHT_DIFF_LICENSE",
            "model_licenses/LICENSE-FLUX1-dev",
            "model_licenses/anything.pdf",
            "LICENSE.checkpoints.md",
        ] {
            assert_eq!(scope(p, "Permission is granted."), Scope::Weights, "{p}");
        }
        assert_eq!(scope("DATA_LICENSE", ""), Scope::Data);
        assert_eq!(scope("LICENSE-CODE", ""), Scope::Code);
        assert_eq!(
            scope("LICENSE", "MIT License\n\nPermission is hereby granted"),
            Scope::Release
        );
        assert_eq!(
            scope("LICENSES/Apache-2.0.txt", "Apache License"),
            Scope::Release
        );
    }

    #[test]
    fn headings_and_defined_terms_scope_licenses() {
        let s = of_file("LICENSE", "\n# Acme Model License Agreement\n\nYou may ...");
        assert_eq!(s.scope, Scope::Weights);
        assert_eq!(s.line, Some(2));
        assert!(s.why.contains("heading"), "{}", s.why);
        let s = of_file(
            "Acme AGREEMENT",
            "ACME AGREEMENT\n\n1. Definitions\n\n\"Materials\" means the models and code.\n\"Model\" means the trained weights.\n",
        );
        assert_eq!(s.scope, Scope::Weights);
        assert_eq!(s.line, Some(6));
        assert_eq!(
            scope("LICENSE", "Community Data License Agreement - Permissive"),
            Scope::Data
        );
    }
}
