//! `glassbox.lock`: each Hub model's resolved revision and the digest of its audited facts, with
//! the facts themselves, so that a model whose revision did not move is judged without auditing
//! it again.

use serde::{Deserialize, Serialize};

use crate::facts::Facts;

/// The lock file format version this crate writes and reads.
pub const VERSION: u32 = 1;

/// One locked model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The target as found (`hf:org/name` or `hf:org/name@pin`).
    pub target: String,
    /// The commit it resolved to when audited.
    pub revision: String,
    /// `sha256:` digest of `facts` ([`Facts::digest`]).
    pub digest: String,
    /// What the audit found.
    pub facts: Facts,
}

impl Entry {
    /// Whether the digest matches the facts (a hand-edited entry does not).
    pub fn is_intact(&self) -> bool {
        self.digest == self.facts.digest()
    }
}

/// The lock file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lock {
    /// Format version.
    pub version: u32,
    /// Locked models, sorted by target.
    #[serde(default, rename = "model")]
    pub models: Vec<Entry>,
}

impl Default for Lock {
    fn default() -> Self {
        Lock {
            version: VERSION,
            models: Vec::new(),
        }
    }
}

impl Lock {
    /// Reads a lock file; errors say where (line and column) and what.
    pub fn parse(text: &str) -> Result<Lock, String> {
        let lock: Lock = toml::from_str(text).map_err(|e| {
            let at = e
                .span()
                .map(|s| crate::span::Lines::new(text).line_col(s.start))
                .map(|(l, c)| format!("{l}:{c}: "))
                .unwrap_or_default();
            format!("{at}{}", e.message().trim())
        })?;
        if lock.version != VERSION {
            return Err(format!(
                "lock file version {} is not supported (this glassbox writes version {VERSION})",
                lock.version
            ));
        }
        Ok(lock)
    }

    /// The entry of a target.
    pub fn get(&self, target: &str) -> Option<&Entry> {
        self.models.iter().find(|e| e.target == target)
    }

    /// Adds or replaces an entry, keeping the entries sorted.
    pub fn put(&mut self, entry: Entry) {
        self.models.retain(|e| e.target != entry.target);
        let at = self.models.partition_point(|e| e.target < entry.target);
        self.models.insert(at, entry);
    }

    /// The lock file's text.
    pub fn to_toml(&self) -> String {
        let body = toml::to_string(self).unwrap_or_default();
        format!(
            "# glassbox.lock: written by `glassbox check`. Commit it: `glassbox check --locked` fails\n\
             # when a model is not in it or its revision moved. Do not edit: a changed entry no\n\
             # longer matches its digest and the model is audited again.\n\n{body}"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::License;
    use glassbox_core::{SeedCategory, Tier};

    fn entry(t: &str) -> Entry {
        let facts = Facts {
            category: SeedCategory::OpenWeights,
            licenses: vec![License {
                id: "apache-2.0".into(),
                tier: Tier::P,
            }],
            mof_class: 3,
            osaid: Some(false),
            scan: vec![],
        };
        Entry {
            target: t.into(),
            revision: "a".repeat(40),
            digest: facts.digest(),
            facts,
        }
    }

    #[test]
    fn lock_round_trips_sorted_and_notices_edits() {
        let mut l = Lock::default();
        l.put(entry("hf:org/b"));
        l.put(entry("hf:org/a"));
        l.put(entry("hf:org/b"));
        let text = l.to_toml();
        let back = Lock::parse(&text).unwrap();
        assert_eq!(back, l);
        assert_eq!(back.models[0].target, "hf:org/a");
        assert!(back.models.iter().all(Entry::is_intact));
        let edited = text.replacen("mof-class = 3", "mof-class = 1", 1);
        assert!(!Lock::parse(&edited).unwrap().models[0].is_intact());
        let e = Lock::parse("version = 1\n[[model]]\ntarget = 3\n").unwrap_err();
        assert!(e.starts_with("3:10:"), "{e}");
        assert!(Lock::parse("version = 9\n")
            .unwrap_err()
            .contains("version 9"));
    }
}
