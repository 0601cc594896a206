//! One framework's verdict as the report carries it, without the core knowing its shape.
//!
//! A verdict built by a framework module keeps its typed value and is serialised straight from
//! it: a batch of thousands of audits never builds a JSON tree per verdict (issue 4's benchmark
//! spent a quarter of its time doing so). A verdict read back from a JSON report keeps the JSON.
//! Renderers that walk a verdict generically ask for [`FrameworkVerdict::json`], built once on
//! first use.

use std::fmt;
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use crate::summary::FrameworkSummary;
use crate::verdict::GapStep;

/// What a framework module's typed verdict offers the report: its serialised form, its gap and
/// its summary.
pub trait VerdictBody: erased_serde::Serialize + Send + Sync + 'static {
    /// Every gap step of the verdict, including those of nested modes (MOF's `strict`).
    fn gap_steps(&self) -> Vec<GapStep>;

    /// The verdict at a glance, as renderers show it.
    fn summary(&self) -> FrameworkSummary;
}

erased_serde::serialize_trait_object!(VerdictBody);

/// One framework's verdict under `verdicts.<name>`: typed when built by glassbox, JSON when read
/// from a report.
#[derive(Clone)]
pub struct FrameworkVerdict {
    typed: Option<Arc<dyn VerdictBody>>,
    json: OnceLock<Value>,
}

impl FrameworkVerdict {
    /// Wraps a framework module's typed verdict.
    pub fn new<T: VerdictBody>(verdict: T) -> Self {
        FrameworkVerdict {
            typed: Some(Arc::new(verdict)),
            json: OnceLock::new(),
        }
    }

    /// The verdict as JSON, built on first use for a typed verdict.
    pub fn json(&self) -> &Value {
        self.json.get_or_init(|| match &self.typed {
            // Framework verdicts are plain structs of strings, numbers and lists: serialising
            // them cannot fail.
            Some(t) => serde_json::to_value(&**t).unwrap_or(Value::Null),
            None => Value::Null,
        })
    }

    /// The typed verdict's summary; `None` for a verdict read from JSON, which only the framework
    /// that owns its shape can read (`glassbox_frameworks::summary`).
    pub fn summary(&self) -> Option<FrameworkSummary> {
        self.typed.as_ref().map(|t| t.summary())
    }

    /// The verdict's gap steps: from the typed verdict, or from the JSON's `gap` list and the
    /// `gap` lists of its nested modes.
    pub fn gap_steps(&self) -> Vec<GapStep> {
        if let Some(t) = &self.typed {
            return t.gap_steps();
        }
        let v = self.json();
        let mut lists: Vec<&Value> = v.get("gap").into_iter().collect();
        if let Some(o) = v.as_object() {
            lists.extend(o.values().filter_map(|m| m.get("gap")));
        }
        lists
            .into_iter()
            .filter_map(Value::as_array)
            .flatten()
            .filter_map(|s| GapStep::deserialize(s).ok())
            .collect()
    }
}

impl From<Value> for FrameworkVerdict {
    fn from(v: Value) -> Self {
        FrameworkVerdict {
            typed: None,
            json: OnceLock::from(v),
        }
    }
}

impl Serialize for FrameworkVerdict {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match &self.typed {
            Some(t) => (**t).serialize(s),
            None => self.json().serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for FrameworkVerdict {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Value::deserialize(d).map(FrameworkVerdict::from)
    }
}

impl PartialEq for FrameworkVerdict {
    fn eq(&self, other: &Self) -> bool {
        self.json() == other.json()
    }
}

impl fmt::Debug for FrameworkVerdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.json(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Component;

    #[derive(Serialize)]
    struct Demo {
        pass: bool,
        gap: Vec<GapStep>,
        strict: Mode,
    }
    #[derive(Serialize)]
    struct Mode {
        gap: Vec<GapStep>,
    }
    impl VerdictBody for Demo {
        fn gap_steps(&self) -> Vec<GapStep> {
            self.gap.iter().chain(&self.strict.gap).cloned().collect()
        }
        fn summary(&self) -> FrameworkSummary {
            let a = crate::Assessment {
                gap: self.gap.clone(),
                ..Default::default()
            };
            FrameworkSummary::generic("Demo", a)
        }
    }

    fn step(a: &str) -> GapStep {
        GapStep::other(a, Some(Component::TrainingCode))
    }

    #[test]
    fn typed_and_json_forms_agree() {
        let typed = FrameworkVerdict::new(Demo {
            pass: false,
            gap: vec![step("Publish the training code")],
            strict: Mode {
                gap: vec![step("License the training code")],
            },
        });
        let text = serde_json::to_string(&typed).unwrap();
        let back: FrameworkVerdict = serde_json::from_str(&text).unwrap();
        assert_eq!(back, typed);
        assert_eq!(back.json()["pass"], false);
        assert_eq!(back.gap_steps(), typed.gap_steps());
        assert_eq!(back.gap_steps().len(), 2);
    }

    #[test]
    fn a_foreign_value_has_no_gap() {
        let v = FrameworkVerdict::from(serde_json::json!(42));
        assert!(v.gap_steps().is_empty());
        assert_eq!(serde_json::to_string(&v).unwrap(), "42");
    }
}
