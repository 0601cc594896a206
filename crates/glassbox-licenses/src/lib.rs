//! License intelligence: resolve SPDX expressions, Hugging Face tags and license texts to a
//! [`LicenseInfo`] with its tier (DESIGN.md §5).
//!
//! The public surface is [`Kb`] (obtained with [`kb()`]): detectors call it and never look
//! inside, so the knowledge base and text matcher can grow without touching them.

mod builtin;
mod text;

use glassbox_core::{LicenseKind, Tier};
use std::sync::OnceLock;

/// What glassbox knows about one license.
#[derive(Debug, Clone, PartialEq)]
pub struct LicenseInfo {
    /// SPDX id or `LicenseRef-` id.
    pub id: String,
    /// Human name.
    pub name: String,
    /// Tier (P, O, R, NC).
    pub tier: Tier,
    /// OSI-approved.
    pub osi_approved: bool,
    /// License or use policy.
    pub kind: LicenseKind,
    /// Plain sentences a user can act on.
    pub obligations: Vec<String>,
}

/// The result of identifying a license text.
#[derive(Debug, Clone, PartialEq)]
pub struct Identification {
    /// License, policy, notice or unknown.
    pub kind: LicenseKind,
    /// The best match, when there is one.
    pub license: Option<LicenseInfo>,
    /// Match score, 0 to 1.
    pub score: f64,
    /// The text differs from the known text.
    pub modified: bool,
    /// How it was identified (`title-line`, `text-match`, …).
    pub method: &'static str,
}

/// Why an expression could not be resolved.
#[derive(Debug, thiserror::Error)]
pub enum LicenseError {
    /// The SPDX expression does not parse.
    #[error("invalid SPDX expression `{expr}`: {reason}")]
    BadExpression {
        /// The expression as given.
        expr: String,
        /// The parser's reason.
        reason: String,
    },
}

/// The license knowledge base.
pub struct Kb {
    entries: Vec<LicenseInfo>,
}

/// The built-in knowledge base, loaded once.
pub fn kb() -> &'static Kb {
    static KB: OnceLock<Kb> = OnceLock::new();
    KB.get_or_init(|| Kb {
        entries: builtin::entries(),
    })
}

impl Kb {
    /// A license by SPDX id or `LicenseRef-` id (case-insensitive). SPDX ids the knowledge base
    /// has no entry for are taken from the SPDX list with tier P (OSI) or none.
    pub fn by_id(&self, id: &str) -> Option<LicenseInfo> {
        if let Some(e) = self.entries.iter().find(|e| e.id.eq_ignore_ascii_case(id)) {
            return Some(e.clone());
        }
        let id = id.trim();
        let l = spdx::license_id(id)
            .or_else(|| {
                let exact = spdx::identifiers::LICENSES
                    .iter()
                    .find(|l| l.name.eq_ignore_ascii_case(id))?;
                spdx::license_id(exact.name)
            })
            .or_else(|| {
                spdx::imprecise_license_id(id)
                    .filter(|(_, used)| *used == id.len())
                    .map(|(l, _)| l)
            })?;
        Some(builtin::from_spdx(l))
    }

    /// A Hugging Face `license:` value, with `license_name` when it is `other`.
    pub fn from_hf(&self, license: &str, license_name: Option<&str>) -> Option<LicenseInfo> {
        let tag = license.trim().to_ascii_lowercase();
        if tag == "other" || tag == "unknown" {
            let name = license_name?.trim().to_ascii_lowercase();
            return builtin::hf_other(&name).and_then(|id| self.by_id(id));
        }
        if let Some(id) = builtin::hf_tag(&tag) {
            return self.by_id(id);
        }
        self.by_id(&tag)
    }

    /// An SPDX expression graded as a whole: `AND` takes the most restrictive part, `OR` the
    /// most open choice.
    pub fn expression(&self, expr: &str) -> Result<LicenseInfo, LicenseError> {
        if let Some(l) = self.by_id(expr.trim()) {
            return Ok(l);
        }
        let parsed = spdx::Expression::parse_mode(expr, spdx::ParseMode::LAX).map_err(|e| {
            LicenseError::BadExpression {
                expr: expr.to_string(),
                reason: e.reason.to_string(),
            }
        })?;
        let mut open = true;
        let mut tier_and = Tier::P;
        let mut best_or: Option<Tier> = None;
        let mut osi = true;
        let has_or = expr.to_ascii_uppercase().contains(" OR ");
        for req in parsed.requirements() {
            let id = req.req.license.to_string();
            let t = self
                .by_id(&id)
                .map(|l| (l.tier, l.osi_approved))
                .unwrap_or((Tier::None, false));
            tier_and = tier_and.most_restrictive(t.0);
            osi &= t.1;
            best_or = Some(match best_or {
                Some(b) if b.restrictiveness() <= t.0.restrictiveness() => b,
                _ => t.0,
            });
            open &= t.0.is_open();
        }
        let tier = if has_or {
            best_or.unwrap_or(Tier::None)
        } else {
            tier_and
        };
        let _ = open;
        Ok(LicenseInfo {
            id: expr.trim().to_string(),
            name: expr.trim().to_string(),
            tier,
            osi_approved: if has_or { tier == Tier::P } else { osi },
            kind: LicenseKind::License,
            obligations: Vec::new(),
        })
    }

    /// Identifies a license text.
    pub fn identify_text(&self, text: &str) -> Identification {
        text::identify(self, text)
    }

    /// All entries of the knowledge base.
    pub fn entries(&self) -> &[LicenseInfo] {
        &self.entries
    }
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
