//! Hub API response shapes (reference/formats.md §2), parsed leniently: every field optional,
//! unknown fields ignored, so a Hub that adds or drops a field does not break an audit.

use serde::Deserialize;
use serde_json::Value;

/// `lfs` of a sibling (`?blobs=true`) or of a tree entry (where the sha256 is called `oid`).
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
pub struct Lfs {
    /// Content sha256 (siblings).
    #[serde(default)]
    pub sha256: Option<String>,
    /// Content sha256 (tree entries).
    #[serde(default)]
    pub oid: Option<String>,
    /// Real size of the object.
    #[serde(default)]
    pub size: Option<u64>,
}

impl Lfs {
    /// The sha256, from whichever field carries it, when it is 64 hex digits.
    pub fn sha256(&self) -> Option<String> {
        let s = self.sha256.as_deref().or(self.oid.as_deref())?;
        let s = s.strip_prefix("sha256:").unwrap_or(s).to_ascii_lowercase();
        (s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())).then_some(s)
    }
}

/// One file of `siblings`.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct Sibling {
    /// Path in the repository.
    pub rfilename: String,
    /// Size (only with `?blobs=true`).
    #[serde(default)]
    pub size: Option<u64>,
    /// Git blob id.
    #[serde(default, rename = "blobId")]
    pub blob_id: Option<String>,
    /// LFS object info.
    #[serde(default)]
    pub lfs: Option<Lfs>,
}

/// `GET /api/{models|datasets}/{id}[/revision/{rev}]`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RepoInfo {
    /// `org/name`.
    #[serde(default)]
    pub id: Option<String>,
    /// Resolved commit.
    #[serde(default)]
    pub sha: Option<String>,
    /// `false`, `"auto"` or `"manual"`.
    #[serde(default)]
    pub gated: Value,
    /// Private repository.
    #[serde(default)]
    pub private: Option<bool>,
    /// Disabled by the Hub.
    #[serde(default)]
    pub disabled: Option<bool>,
    /// Files.
    #[serde(default)]
    pub siblings: Option<Vec<Sibling>>,
    /// The card YAML as the Hub parsed it.
    #[serde(default, rename = "cardData")]
    pub card_data: Value,
    /// Tags (`license:…`, `base_model:…`, `arxiv:…`, `dataset:…`).
    #[serde(default)]
    pub tags: Vec<String>,
}

impl RepoInfo {
    /// Whether the repository is gated.
    pub fn is_gated(&self) -> bool {
        match &self.gated {
            Value::Bool(b) => *b,
            Value::String(s) => !s.is_empty() && s != "false",
            _ => false,
        }
    }

    /// Card licenses (`license` may be a string or a list).
    pub fn card_licenses(&self) -> Vec<String> {
        strings(self.card_data.get("license"))
    }

    /// Card `base_model` ids (string or list), falling back to `base_model:` tags.
    pub fn base_models(&self) -> Vec<String> {
        let mut out = strings(self.card_data.get("base_model"));
        if out.is_empty() {
            for t in &self.tags {
                if let Some(rest) = t.strip_prefix("base_model:") {
                    let id = rest.rsplit_once(':').map(|(_, id)| id).unwrap_or(rest);
                    if !out.iter().any(|o| o == id) {
                        out.push(id.to_string());
                    }
                }
            }
        }
        out
    }

    /// `license_name` from the card.
    pub fn license_name(&self) -> Option<String> {
        self.card_data
            .get("license_name")
            .and_then(Value::as_str)
            .map(str::to_string)
    }
}

/// A scalar-or-list YAML/JSON value as strings.
pub fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

/// One entry of `GET /api/{type}/{id}/tree/{rev}?recursive=true`.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct TreeEntry {
    /// `file` or `directory`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Path in the repository.
    pub path: String,
    /// Size in bytes.
    #[serde(default)]
    pub size: Option<u64>,
    /// Git object id.
    #[serde(default)]
    pub oid: Option<String>,
    /// LFS info (`lfs.oid` is the sha256 here).
    #[serde(default)]
    pub lfs: Option<Lfs>,
}

/// The `rel="next"` target of a `Link` header.
pub fn next_link(link: &str) -> Option<String> {
    link.split(',').find_map(|part| {
        let (url, params) = part.split_once(';')?;
        params
            .split(';')
            .any(|p| p.trim().replace(' ', "") == "rel=\"next\"" || p.trim() == "rel=next")
            .then(|| {
                url.trim()
                    .trim_start_matches('<')
                    .trim_end_matches('>')
                    .to_string()
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_info_leniently() {
        let j = r#"{"id":"o/n","sha":"abc","gated":"manual","cardData":{"license":["mit","apache-2.0"],"base_model":"a/b"},
                   "siblings":[{"rfilename":"model.safetensors","size":10,"lfs":{"sha256":"AA","size":10}},{"rfilename":"README.md"}],
                   "extra":{"x":[1,2]}}"#;
        let info: RepoInfo = serde_json::from_str(j).unwrap();
        assert!(info.is_gated());
        assert_eq!(info.card_licenses(), vec!["mit", "apache-2.0"]);
        assert_eq!(info.base_models(), vec!["a/b"]);
        assert_eq!(info.siblings.as_ref().unwrap().len(), 2);
        assert_eq!(
            info.siblings.unwrap()[0].lfs.as_ref().unwrap().sha256(),
            None
        );
        let tags: RepoInfo = serde_json::from_str(
            r#"{"tags":["base_model:finetune:x/y","base_model:x/y"],"gated":false}"#,
        )
        .unwrap();
        assert_eq!(tags.base_models(), vec!["x/y"]);
        assert!(!tags.is_gated());
    }

    #[test]
    fn link_header() {
        let l = r#"<https://h/api/models/o/n/tree/main?cursor=abc>; rel="next", <https://h/x>; rel="prev""#;
        assert_eq!(
            next_link(l).unwrap(),
            "https://h/api/models/o/n/tree/main?cursor=abc"
        );
        assert_eq!(next_link(r#"<https://h/x>; rel="prev""#), None);
    }

    #[test]
    fn tree_lfs_oid_is_sha256() {
        let e: TreeEntry = serde_json::from_str(&format!(
            r#"{{"type":"file","path":"a","size":3,"lfs":{{"oid":"{}","size":3}}}}"#,
            "a".repeat(64)
        ))
        .unwrap();
        assert_eq!(e.lfs.unwrap().sha256().unwrap(), "a".repeat(64));
    }
}
