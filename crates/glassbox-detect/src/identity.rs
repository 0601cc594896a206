//! Who the release is: the names and organisations it goes by, so detectors can tell its own
//! weights (named after it) from other models' weights it merely loads or mentions.
//!
//! Names come from the target (repository id, folder names such as `org+name`), the README's
//! first heading, the package name (`pyproject.toml`, `setup.py`) and the GitHub repository the
//! README links to most often (its badges, issues, clone commands).

use glassbox_core::Release;

/// Words that say nothing about which model a name belongs to.
const GENERIC: &[&str] = &[
    "the",
    "and",
    "for",
    "with",
    "model",
    "models",
    "language",
    "large",
    "deprecated",
    "pytorch",
    "official",
    "implementation",
    "code",
    "repository",
    "repo",
    "welcome",
    "introducing",
    "project",
    "library",
    "toolkit",
    "github",
    "huggingface",
    "release",
    "open",
    "source",
    "weights",
    "main",
    "master",
    "src",
    "tmp",
    "work",
    "mirror",
    "home",
    "git",
    "anything",
    "python",
    "sdk",
    "api",
    "learning",
    "deep",
    "neural",
    "network",
    "networks",
    "transformer",
    "transformers",
    "text",
    "inference",
    "training",
    "train",
    "data",
    "examples",
    "cookbook",
    "research",
    "public",
    "mlx",
    "jax",
    "torch",
    "eval",
    "evaluation",
    "benchmark",
    "utils",
    "tools",
    "core",
    "client",
    "server",
    "lite",
    "base",
    "chat",
    "instruct",
    "demo",
    "example",
    "sample",
    "samples",
    "docs",
    "paper",
    "scripts",
    "finetune",
    "finetuning",
];

/// The names (model and repository) and organisations a release goes by, normalised to
/// lower-case letters and digits.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Identity {
    /// Repository, package and title names (`clip`, `whisper`, `grok1`, `segmentanything`).
    pub names: Vec<String>,
    /// Organisations (`openai`, `metallama`, `eleutherai`).
    pub orgs: Vec<String>,
}

/// Lower-case letters and digits only.
pub(crate) fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Whether a normalised token is specific enough to match on: three characters or more, or
/// two with a digit (`t5`), and not a generic word.
fn specific(t: &str) -> bool {
    let digits = t.chars().any(|c| c.is_ascii_digit());
    let letters = t.chars().any(|c| c.is_ascii_alphabetic());
    letters
        && (t.len() >= 3 || (t.len() == 2 && digits))
        && !GENERIC.contains(&t)
        && !t.chars().all(|c| c.is_ascii_digit())
}

impl Identity {
    fn add_name(&mut self, raw: &str) {
        let whole = norm(raw);
        let mut push = |t: String| {
            if specific(&t) && !self.names.contains(&t) {
                self.names.push(t);
            }
        };
        push(whole);
        for part in raw.split(['-', '_', ' ', '.']) {
            let p = norm(part);
            if p.len() >= 4 {
                push(p);
            }
        }
    }

    fn add_org(&mut self, raw: &str) {
        let t = norm(raw);
        if specific(&t) && !self.orgs.contains(&t) {
            self.orgs.push(t);
        }
    }

    /// Gathers the identity of a release.
    pub fn of(release: &Release) -> Identity {
        let mut id = Identity::default();
        // Target: `org/name`, or folder names such as `…/org+name/repo` or `…/name`.
        let spec = release.target.spec.trim_end_matches('/');
        let spec = spec.split('@').next().unwrap_or(spec);
        let spec = spec.strip_prefix("hf:").unwrap_or(spec);
        let parts: Vec<&str> = spec
            .rsplit('/')
            .map(|p| p.trim_end_matches(".git"))
            .filter(|p| !p.is_empty() && !GENERIC.contains(&norm(p).as_str()))
            .take(2)
            .collect();
        for p in &parts {
            if let Some((org, name)) = p.split_once('+') {
                id.add_org(org);
                id.add_name(name);
            }
        }
        if let Some(first) = parts.first().filter(|p| !p.contains('+')) {
            id.add_name(first);
            if release.target.kind.starts_with("hf") || release.target.kind == "git" {
                if let Some(org) = parts.get(1) {
                    id.add_org(org);
                }
            }
        }
        let name = release.target.name.trim();
        if let Some((org, n)) = name.split_once('/') {
            id.add_org(org);
            id.add_name(n);
        } else if !name.is_empty() {
            id.add_name(name);
        }
        // What the target itself says (`org+name`, a Hub id, a git URL) outranks a guess from
        // the README's links.
        let named_by_target = !id.names.is_empty();
        if let Some(text) = release
            .file("README.md")
            .or_else(|| release.file("readme.md"))
            .and_then(|f| f.text())
        {
            // The first heading outside code blocks (a `# comment` in a shell block is not a
            // title).
            let mut fence = false;
            if let Some(title) = text
                .lines()
                .filter(|l| {
                    if l.trim_start().starts_with("```") || l.trim_start().starts_with("~~~") {
                        fence = !fence;
                        return false;
                    }
                    !fence
                })
                .find_map(|l| l.strip_prefix("# "))
                .map(|t| t.split([':', '—', '|', '(']).next().unwrap_or(t))
            {
                let title = title.trim();
                // The first word, and the first two together ("Llama 2" -> llama2).
                let words: Vec<&str> = title.split_whitespace().take(2).collect();
                if let Some(w) = words.first() {
                    id.add_name(w);
                }
                if words.len() == 2
                    && words
                        .iter()
                        .all(|w| specific(&norm(w)) || norm(w).chars().all(|c| c.is_ascii_digit()))
                {
                    id.add_name(&words.concat());
                }
            }
            if let Some((org, repo)) = self_repository(&text) {
                let agrees = id.names.contains(&norm(&repo)) || id.orgs.contains(&norm(&org));
                if !named_by_target || agrees {
                    id.add_org(&org);
                    id.add_name(&repo);
                }
            }
        }
        for (file, key) in [("pyproject.toml", "name"), ("setup.py", "name")] {
            if let Some(t) = release.file(file).and_then(|f| f.text()) {
                if let Some(v) = assigned(&t, key) {
                    id.add_name(&v);
                }
            }
        }
        id
    }

    /// Whether a URL or an `org/name` id names this release (its org or one of its names).
    pub fn owns(&self, text: &str) -> bool {
        let n = norm(text);
        self.names.iter().any(|t| n.contains(t.as_str()))
            || self
                .orgs
                .iter()
                .any(|o| o.len() >= 4 && n.contains(o.as_str()))
    }

    /// Whether a Hub id `org/name` belongs to this release: same organisation (or one whose
    /// name starts the other's, `facebook` / `facebookresearch`) or a name of the release.
    pub fn owns_id(&self, hub_id: &str) -> bool {
        let (org, name) = hub_id.split_once('/').unwrap_or(("", hub_id));
        let (o, n) = (norm(org), norm(name));
        (o.len() >= 4
            && self
                .orgs
                .iter()
                .any(|x| x.len() >= 4 && (x.starts_with(&o) || o.starts_with(x.as_str()))))
            || self.names.iter().any(|t| n.contains(t.as_str()))
    }

    /// The names, for details ("clip, openai").
    pub fn describe(&self) -> String {
        let all: Vec<&str> = self
            .names
            .iter()
            .chain(&self.orgs)
            .map(String::as_str)
            .take(8)
            .collect();
        if all.is_empty() {
            "unknown".into()
        } else {
            all.join(", ")
        }
    }
}

/// `name = "x"` / `name="x"` in a manifest.
fn assigned(text: &str, key: &str) -> Option<String> {
    text.lines().find_map(|l| {
        let t = l.trim_start();
        let rest = t.strip_prefix(key)?.trim_start();
        let rest = rest.strip_prefix('=')?.trim_start();
        let q = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let v = rest[1..].split(q).next()?;
        (!v.is_empty()).then(|| v.to_string())
    })
}

/// The GitHub repository a README links to most often through its own pages (badges, issues,
/// blobs, clone commands): the repository the README belongs to.
fn self_repository(text: &str) -> Option<(String, String)> {
    let mut counts: Vec<((String, String), usize)> = Vec::new();
    for line in text.lines() {
        let mut rest = line;
        while let Some(i) = rest.find("github.com/") {
            rest = &rest[i + "github.com/".len()..];
            let segs: Vec<&str> = rest
                .split(|c: char| !(c.is_ascii_alphanumeric() || "-_./".contains(c)))
                .next()
                .unwrap_or("")
                .split('/')
                .collect();
            if segs.len() < 2 || segs[0].is_empty() || segs[1].is_empty() {
                continue;
            }
            let own_page = segs.len() >= 3
                && matches!(
                    segs[2],
                    "issues"
                        | "actions"
                        | "workflows"
                        | "releases"
                        | "pulls"
                        | "stargazers"
                        | "discussions"
                        | "blob"
                        | "tree"
                        | "network"
                        | "graphs"
                );
            let cloned = line.contains("git clone") || line.contains("git+https");
            if !(own_page || cloned) {
                continue;
            }
            let key = (
                segs[0].to_string(),
                segs[1].trim_end_matches(".git").to_string(),
            );
            match counts.iter_mut().find(|(k, _)| *k == key) {
                Some((_, n)) => *n += 1,
                None => counts.push((key, 1)),
            }
        }
    }
    counts.into_iter().max_by_key(|(_, n)| *n).map(|(k, _)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_and_ownership() {
        let id = Identity {
            names: vec!["clip".into()],
            orgs: vec!["openai".into()],
        };
        assert!(id.owns("https://openaipublic.azureedge.net/clip/models/x/ViT-B-32.pt"));
        assert!(id.owns_id("openai/clip-vit-base-patch32"));
        assert!(!id.owns_id("gpt2"));
        assert!(!id.owns_id("meta-llama/Llama-2-7b"));
        assert!(specific("t5") && !specific("models") && !specific("2"));
        assert_eq!(
            self_repository("[![ci](https://github.com/o/r/actions/x.svg)](https://github.com/o/r/actions)\nsee https://github.com/other/lib"),
            Some(("o".into(), "r".into()))
        );
        assert_eq!(
            assigned("[project]\nname = \"openai-whisper\"\n", "name").as_deref(),
            Some("openai-whisper")
        );
    }
}
