//! License intelligence: resolve SPDX expressions, Hugging Face tags and license texts to a
//! [`LicenseInfo`] with its flags, tier and obligations (DESIGN.md §5), and base models to the
//! license of their family.
//!
//! The public surface is [`Kb`] (obtained with [`kb()`]): detectors call it and never look
//! inside. The knowledge itself is data: `kb/licenses/*.toml` (one reviewed entry per license),
//! `kb/fingerprints/*.fp` (sentence fingerprints of known texts), `kb/hf-tags.toml` and
//! `kb/lineage.toml`, embedded at compile time; the whole SPDX list comes from the `spdx` crate.
//!
//! ```
//! use glassbox_licenses::{kb, Method};
//!
//! let id = kb().identify_text("SPDX-License-Identifier: Apache-2.0\n");
//! assert_eq!(id.method, Method::SpdxId);
//! assert_eq!(id.license.map(|l| l.id), Some("Apache-2.0".to_string()));
//! ```

#![warn(missing_docs)]

mod align;
pub mod clauses;
mod expression;
mod fingerprint;
mod identify;
mod lineage;
mod load;
mod matches;
mod method;
mod model;
pub mod normalize;
mod segment;
mod template;
mod tokens;

use std::sync::OnceLock;

use glassbox_core::Tier;

pub use clauses::{Clause, ClauseKind};
pub use identify::{Identification, MAX_FILE_BYTES};
pub use lineage::LineageMatch;
pub use matches::{Change, TextMatch};
pub use method::Method;
pub use model::{Commercial, Flags, LicenseInfo, Origin};

use load::{key, Tables};

/// Why an expression could not be resolved.
#[derive(Debug, thiserror::Error)]
pub enum LicenseError {
    /// The SPDX expression does not parse.
    #[error("invalid SPDX expression `{expr}`: {reason}")]
    BadExpression {
        /// The expression as given (shortened when long).
        expr: String,
        /// The parser's reason.
        reason: String,
    },
}

/// The license knowledge base.
pub struct Kb {
    tables: Tables,
    index: OnceLock<identify::Index>,
}

/// The built-in knowledge base, loaded once.
///
/// # Panics
/// Only if the embedded data files are inconsistent, which the crate's tests rule out.
pub fn kb() -> &'static Kb {
    static KB: OnceLock<Kb> = OnceLock::new();
    KB.get_or_init(|| match load::load() {
        Ok(tables) => Kb {
            tables,
            index: OnceLock::new(),
        },
        Err(e) => panic!("glassbox-licenses: embedded knowledge base is invalid: {e}"),
    })
}

impl Kb {
    pub(crate) fn tables(&self) -> &Tables {
        &self.tables
    }

    /// The text index (fingerprints of every SPDX text and of the knowledge base's texts) is
    /// built on first use, so id and tag lookups never pay for it.
    pub(crate) fn index(&self) -> &identify::Index {
        self.index
            .get_or_init(|| identify::Index::build(&self.tables))
    }

    /// A license by SPDX id, `LicenseRef-` id, ScanCode key (or `LicenseRef-scancode-<key>`) or
    /// name, case-insensitive. Every SPDX id is known; ids the knowledge base does not review
    /// get flags from the SPDX list.
    pub fn by_id(&self, id: &str) -> Option<LicenseInfo> {
        let k = key(id);
        if k.is_empty() || k.len() > 256 {
            return None;
        }
        if let Some(&i) = self.tables.by_key.get(&k) {
            return Some(self.tables.entries[i].clone());
        }
        // Deprecated or imprecise SPDX spellings (`GPL-2.0+`, `Apache 2`).
        let l = spdx::imprecise_license_id(id.trim())
            .filter(|(_, used)| *used == id.trim().len())
            .map(|(l, _)| l)?;
        self.tables
            .by_key
            .get(&key(l.name))
            .map(|&i| self.tables.entries[i].clone())
    }

    /// A Hugging Face `license:` value, with `license_name` when it is `other`.
    pub fn from_hf(&self, license: &str, license_name: Option<&str>) -> Option<LicenseInfo> {
        let tag = key(license);
        if tag == "other" || tag == "unknown" || tag.is_empty() {
            let name = key(license_name?);
            if let Some(&i) = self.tables.hf_names.get(&name) {
                return Some(self.tables.entries[i].clone());
            }
            // Producers also put an id or a known name in `license_name`.
            return self.by_id(&name).or_else(|| {
                self.tables
                    .hf
                    .get(&name)
                    .map(|&i| self.tables.entries[i].clone())
            });
        }
        if let Some(&i) = self.tables.hf.get(&tag) {
            return Some(self.tables.entries[i].clone());
        }
        if self.tables.hf_ambiguous.contains_key(&tag) {
            return None;
        }
        self.by_id(&tag)
    }

    /// Several Hugging Face `license:` values (the field may be a list): graded as if joined
    /// by `AND`, since a card that lists several licenses usually means several parts.
    pub fn from_hf_list(
        &self,
        licenses: &[&str],
        license_name: Option<&str>,
    ) -> Option<LicenseInfo> {
        let parts: Vec<LicenseInfo> = licenses
            .iter()
            .filter_map(|l| self.from_hf(l, license_name))
            .collect();
        if parts.len() <= 1 {
            return parts.into_iter().next();
        }
        let expr = parts
            .iter()
            .map(|p| {
                if p.id.contains(' ') {
                    format!("({})", p.id)
                } else {
                    p.id.clone()
                }
            })
            .collect::<Vec<_>>()
            .join(" AND ");
        self.expression(&expr).ok()
    }

    /// Why a Hugging Face tag names no single license (`bsd`, `gpl`, `cc`, `other`…), if so.
    pub fn hf_ambiguity(&self, license: &str) -> Option<&str> {
        self.tables
            .hf_ambiguous
            .get(&key(license))
            .map(String::as_str)
    }

    /// A free-form license value (GGUF `general.license`, safetensors `__metadata__`, a
    /// `license_link`): an id, a Hugging Face tag, a name, a known URL or an expression.
    pub fn resolve(&self, value: &str) -> Option<LicenseInfo> {
        self.resolve_one(value)
            .or_else(|| self.expression(value).ok().filter(|l| l.tier != Tier::None))
    }

    pub(crate) fn resolve_one(&self, value: &str) -> Option<LicenseInfo> {
        let v = value.trim();
        if v.is_empty() || v.len() > 2048 {
            return None;
        }
        self.by_id(v)
            .or_else(|| self.from_hf(v, None))
            .or_else(|| self.from_hf("other", Some(v)))
            .or_else(|| self.by_url(v))
    }

    /// A license by the URL it is published at (`license_link`), ignoring scheme, `www.` and a
    /// trailing slash.
    pub fn by_url(&self, url: &str) -> Option<LicenseInfo> {
        let norm = |u: &str| {
            let u = u.trim().trim_end_matches('/').to_ascii_lowercase();
            let u = u
                .trim_start_matches("https://")
                .trim_start_matches("http://")
                .trim_start_matches("www.")
                .to_string();
            u
        };
        let u = norm(url);
        if u.is_empty() || !u.contains('.') {
            return None;
        }
        self.tables.entries[..self.tables.reviewed]
            .iter()
            .find(|e| e.urls.iter().any(|x| norm(x) == u))
            .cloned()
    }

    /// An SPDX expression graded as a whole: `AND` takes the most restrictive part, `OR` the
    /// most open choice, `WITH` the base license. Parts may be SPDX ids, `LicenseRef-` ids or
    /// Hugging Face tags.
    pub fn expression(&self, expr: &str) -> Result<LicenseInfo, LicenseError> {
        expression::evaluate(self, expr)
    }

    /// Identifies a license text: which license, policy or notice it is, how well it matches,
    /// and whether it was modified.
    pub fn identify_text(&self, text: &str) -> Identification {
        identify::identify(self, text)
    }

    /// Identifies the bytes of a file: binary data, UTF-16 and invalid UTF-8 are handled, and
    /// only the first [`MAX_FILE_BYTES`] are read.
    pub fn identify_bytes(&self, bytes: &[u8]) -> Identification {
        identify::identify_bytes(self, bytes)
    }

    /// The flags of a license, by any id [`Kb::by_id`] accepts.
    pub fn flags(&self, id: &str) -> Option<Flags> {
        self.by_id(id).map(|l| l.flags)
    }

    /// The use policy tied to a license (e.g. the Llama 3.1 Acceptable Use Policy).
    pub fn policy_of(&self, id: &str) -> Option<LicenseInfo> {
        self.by_id(id)?.policy.and_then(|p| self.by_id(&p))
    }

    /// The license family a base model belongs to (`meta-llama/Llama-3.1-8B` -> Llama 3.1),
    /// from `kb/lineage.toml`. Accepts `org/name`, Hub URLs and `hf:` targets.
    pub fn lineage(&self, base_model_id: &str) -> Option<LineageMatch> {
        let id = lineage::normalize_model_id(base_model_id)?;
        for f in &self.tables.families {
            if let Some(p) = f.patterns.iter().find(|p| lineage::glob(p, &id)) {
                return self.lineage_match(f, p, id);
            }
        }
        None
    }

    /// The family whose license claims a model by its name alone (`allenai/Llama-3.1-Tulu-3-8B`
    /// -> Llama 3.1: the Llama 3 and later licenses require derivatives to be named "Llama…"),
    /// from the `derivative_names` of `kb/lineage.toml`. A model of the family's own
    /// organisation is matched by [`Kb::lineage`] instead.
    pub fn lineage_by_name(&self, model_id: &str) -> Option<LineageMatch> {
        let id = lineage::normalize_model_id(model_id)?;
        let name = id.rsplit('/').next()?;
        for f in &self.tables.families {
            if let Some(p) = f.derivative_names.iter().find(|p| lineage::glob(p, name)) {
                return self.lineage_match(f, p, id.clone());
            }
        }
        None
    }

    /// A model matched to family `f` by pattern `p`, with the family's license.
    fn lineage_match(&self, f: &lineage::Family, p: &str, id: String) -> Option<LineageMatch> {
        let license = self.by_id(&f.license)?;
        Some(LineageMatch {
            base_model: id,
            family: f.name.clone(),
            pattern: p.to_string(),
            flows_down: license.flags.flow_down,
            license,
            note: f.note.clone(),
        })
    }

    /// All entries: the reviewed knowledge base first, then the rest of the SPDX list.
    pub fn entries(&self) -> &[LicenseInfo] {
        &self.tables.entries
    }

    /// The reviewed entries of `kb/licenses/`.
    pub fn reviewed(&self) -> &[LicenseInfo] {
        &self.tables.entries[..self.tables.reviewed]
    }
}

/// The `kb/fingerprints/*.fp` form of a license text (used by the `fingerprint` example that
/// writes the knowledge base's fingerprints).
pub fn fingerprint_file(id: &str, source: &str, text: &str) -> String {
    fingerprint::Fingerprint::render(id, source, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_expressions() {
        let kb = kb();
        assert_eq!(kb.from_hf("apache-2.0", None).unwrap().tier, Tier::P);
        assert_eq!(kb.from_hf("llama3.1", None).unwrap().tier, Tier::R);
        assert_eq!(kb.from_hf("cc-by-nc-4.0", None).unwrap().tier, Tier::NC);
        assert_eq!(
            kb.expression("MIT AND CC-BY-NC-4.0").unwrap().tier,
            Tier::NC
        );
        assert_eq!(kb.expression("MIT OR CC-BY-NC-4.0").unwrap().tier, Tier::P);
        assert!(kb.expression("MIT AND (").is_err());
    }
}
