//! Lineage: a base model id resolved to the license of its family (`kb/lineage.toml`).

use serde::{Deserialize, Serialize};

use crate::LicenseInfo;

/// One family of the lineage table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Family {
    pub name: String,
    pub patterns: Vec<String>,
    pub license: String,
    #[serde(default)]
    pub note: Option<String>,
    /// Globs on a model's name alone: names the family license reserves for its derivatives.
    #[serde(default)]
    pub derivative_names: Vec<String>,
}

/// A base model matched to a known family.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LineageMatch {
    /// The base model id as given (normalised to `org/name`).
    pub base_model: String,
    /// Family name (`Llama 3.1`).
    pub family: String,
    /// The pattern that matched.
    pub pattern: String,
    /// The license of the family's weights.
    pub license: LicenseInfo,
    /// Whether the base license binds derivatives (fine-tunes must carry it or its restrictions).
    pub flows_down: bool,
    /// A remark from the table.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Reduces the forms a base model is written in to `org/name`: Hub URLs, `hf:` prefixes,
/// revisions, trailing slashes.
pub(crate) fn normalize_model_id(s: &str) -> Option<String> {
    let mut t = s.trim();
    for p in ["https://", "http://"] {
        if let Some(r) = t.strip_prefix(p) {
            t = r;
        }
    }
    for p in ["huggingface.co/", "www.huggingface.co/", "hf.co/", "hf:"] {
        if let Some(r) = t.strip_prefix(p) {
            t = r;
        }
    }
    let t = t.split(['@', '?', '#']).next().unwrap_or("");
    let mut parts = t.split('/').filter(|p| !p.is_empty());
    let org = parts.next()?;
    let name = parts.next()?;
    if org.len() > 96 || name.len() > 96 {
        return None;
    }
    Some(format!("{org}/{name}"))
}

/// Case-insensitive glob with `*` only; linear in practice for the short patterns of the table.
pub(crate) fn glob(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.to_lowercase().chars().collect();
    let t: Vec<char> = text.to_lowercase().chars().collect();
    let (mut pi, mut ti) = (0, 0);
    let (mut star, mut mark) = (None, 0);
    while ti < t.len() {
        if pi < p.len() && p[pi] != '*' && p[pi] == t[ti] {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob(
            "meta-llama/Llama-3.1-*",
            "meta-llama/llama-3.1-8B-Instruct"
        ));
        assert!(!glob("meta-llama/Llama-3.1-*", "meta-llama/Llama-3.2-1B"));
        assert!(glob("google/gemma-*", "google/gemma-2-9b"));
        assert!(glob("a*b*c", "axxbyyc"));
        assert!(!glob("a*b*c", "axxbyy"));
        assert!(glob("x", "X"));
    }

    #[test]
    fn model_ids() {
        assert_eq!(
            normalize_model_id("https://huggingface.co/meta-llama/Llama-3.1-8B/tree/main")
                .as_deref(),
            Some("meta-llama/Llama-3.1-8B")
        );
        assert_eq!(
            normalize_model_id("hf:google/gemma-2b@main").as_deref(),
            Some("google/gemma-2b")
        );
        assert_eq!(normalize_model_id("llama"), None);
        assert_eq!(normalize_model_id(""), None);
    }
}
