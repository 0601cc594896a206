//! Hub repository ids as the user writes them: `hf:org/name[@revision]`,
//! `hf:datasets/org/name[@revision]`.

use crate::release::SourceError;

/// Model, dataset or space repository.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RepoType {
    /// A model repository.
    Model,
    /// A dataset repository.
    Dataset,
    /// A Space.
    Space,
}

impl RepoType {
    /// The API collection (`models`, `datasets`, `spaces`).
    pub fn api(self) -> &'static str {
        match self {
            RepoType::Model => "models",
            RepoType::Dataset => "datasets",
            RepoType::Space => "spaces",
        }
    }

    /// What goes before the id in file URLs (`datasets/`, `spaces/`, nothing for models).
    pub fn url_prefix(self) -> &'static str {
        match self {
            RepoType::Model => "",
            RepoType::Dataset => "datasets/",
            RepoType::Space => "spaces/",
        }
    }
}

/// A repository and the revision asked for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RepoRef {
    /// Model or dataset.
    pub kind: RepoType,
    /// `org/name` (or `name` for legacy ids).
    pub id: String,
    /// Branch, tag or commit; `main` when none was given.
    pub revision: String,
    /// Whether the user named the revision.
    pub explicit_revision: bool,
}

impl RepoRef {
    /// A model repository at `main`.
    pub fn model(id: &str) -> Result<Self, SourceError> {
        Self::parse_id(id, RepoType::Model)
    }

    /// A dataset repository at `main`.
    pub fn dataset(id: &str) -> Result<Self, SourceError> {
        Self::parse_id(id, RepoType::Dataset)
    }

    fn parse_id(id_rev: &str, kind: RepoType) -> Result<Self, SourceError> {
        let (id, rev) = match id_rev.split_once('@') {
            Some((i, r)) => (i, Some(r)),
            None => (id_rev, None),
        };
        validate_id(id).map_err(|reason| SourceError::Invalid {
            spec: id_rev.to_string(),
            reason,
        })?;
        if let Some(r) = rev {
            if r.is_empty()
                || r.len() > 256
                || r.contains("..")
                || r.chars().any(|c| c.is_control() || c == ' ')
            {
                return Err(SourceError::Invalid {
                    spec: id_rev.to_string(),
                    reason: "bad revision".into(),
                });
            }
        }
        Ok(RepoRef {
            kind,
            id: id.to_string(),
            revision: rev.unwrap_or("main").to_string(),
            explicit_revision: rev.is_some(),
        })
    }

    /// Parses `hf:org/name[@rev]`, `hf:datasets/org/name[@rev]` (also `hf-cache:` specs and
    /// bare `org/name` without prefix).
    pub fn parse(spec: &str) -> Result<Self, SourceError> {
        let body = spec
            .strip_prefix("hf-cache:")
            .or_else(|| spec.strip_prefix("hf:"))
            .unwrap_or(spec);
        let (kind, rest) = if let Some(r) = body.strip_prefix("datasets/") {
            (RepoType::Dataset, r)
        } else if let Some(r) = body.strip_prefix("spaces/") {
            (RepoType::Space, r)
        } else if let Some(r) = body.strip_prefix("models/") {
            (RepoType::Model, r)
        } else {
            (RepoType::Model, body)
        };
        Self::parse_id(rest, kind).map_err(|e| match e {
            SourceError::Invalid { reason, .. } => SourceError::Invalid {
                spec: spec.to_string(),
                reason,
            },
            e => e,
        })
    }

    /// `datasets/org/name` or `org/name`: how the id appears in URLs and messages.
    pub fn display_id(&self) -> String {
        format!("{}{}", self.kind.url_prefix(), self.id)
    }

    /// The revision percent-encoded for a URL path segment.
    pub fn revision_segment(&self) -> String {
        encode_segment(&self.revision)
    }
}

/// Checks a Hub repo id: one or two segments of `[A-Za-z0-9._-]`, no `--`, no `..`.
pub fn validate_id(id: &str) -> Result<(), String> {
    let parts: Vec<&str> = id.split('/').collect();
    if parts.is_empty() || parts.len() > 2 || id.len() > 200 {
        return Err("expected ORG/NAME".into());
    }
    for p in &parts {
        if p.is_empty() || p.starts_with('.') || p.contains("..") || p.contains("--") {
            return Err(format!("bad repository id segment `{p}`"));
        }
        if !p
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        {
            return Err(format!("bad character in repository id `{id}`"));
        }
    }
    Ok(())
}

/// Percent-encodes one path segment (revision names may hold `/`, as in `refs/pr/1`).
pub fn encode_segment(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, SEGMENT).to_string()
}

/// Percent-encodes a repository file path, keeping `/`.
pub fn encode_path(s: &str) -> String {
    s.split('/')
        .map(encode_segment)
        .collect::<Vec<_>>()
        .join("/")
}

const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_specs() {
        let r = RepoRef::parse("hf:org/name@v1.0").unwrap();
        assert_eq!(
            (
                r.kind,
                r.id.as_str(),
                r.revision.as_str(),
                r.explicit_revision
            ),
            (RepoType::Model, "org/name", "v1.0", true)
        );
        let d = RepoRef::parse("hf:datasets/org/data").unwrap();
        assert_eq!(
            (d.kind, d.display_id().as_str(), d.revision.as_str()),
            (RepoType::Dataset, "datasets/org/data", "main")
        );
        assert_eq!(RepoRef::parse("hf:gpt2").unwrap().id, "gpt2");
        for bad in [
            "hf:",
            "hf:a/b/c",
            "hf:../x",
            "hf:a--b/c",
            "hf:a/b@",
            "hf:a/b c",
            "hf:a/b@x y",
        ] {
            assert!(RepoRef::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn encodes() {
        assert_eq!(encode_segment("refs/pr/1"), "refs%2Fpr%2F1");
        assert_eq!(encode_path("a b/c.py"), "a%20b/c.py");
    }
}
