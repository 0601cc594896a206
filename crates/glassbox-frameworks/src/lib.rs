//! Frameworks: pure functions from a release's evidence to each framework's verdict (DESIGN.md §6).
//!
//! Every module exposes `evaluate(&EvidenceSet) -> TypedVerdict` and does no I/O; every verdict
//! cites the evidence it rests on. The typed verdicts serialise into the JSON report under
//! `verdicts.<name>`, each with `met`, `unmet` and `gap`. Frameworks disagree by design; nothing
//! here merges them into one number — only their gap steps are merged, into one list ordered by
//! how many frameworks each step advances.

mod assess;
pub mod claims_check;
pub mod eu_ai_act;
pub mod gap;
pub mod mof;
pub mod mot_license;
pub mod osai;
pub mod osaid;
pub mod owd;
pub mod seed;

pub use claims_check::compare_claims;
pub use gap::{merged_gap, MergedGapStep};

use glassbox_core::{EvidenceSet, Verdicts};
use serde_json::{Map, Value};

/// Evaluates every framework on the evidence.
pub fn evaluate_all(ev: &EvidenceSet) -> Verdicts {
    Verdicts {
        seed: seed::evaluate(ev),
        others: evaluate_others(ev),
    }
}

/// The names of the frameworks besides the seed, in report order.
pub const FRAMEWORKS: [&str; 5] = ["osaid", "mof", "osai", "eu-ai-act", "owd"];

fn to_value<T: serde::Serialize>(v: T) -> Value {
    // Serialising plain structs of strings, numbers and vectors cannot fail.
    serde_json::to_value(v).unwrap_or(Value::Null)
}

/// Evaluates one framework by name (`osaid`, `mof`, `osai`, `eu-ai-act`, `owd`).
pub fn evaluate_one(name: &str, ev: &EvidenceSet) -> Option<Value> {
    Some(match name {
        "osaid" => to_value(osaid::evaluate(ev)),
        "mof" => to_value(mof::evaluate(ev)),
        "osai" => to_value(osai::evaluate(ev)),
        "eu-ai-act" => to_value(eu_ai_act::evaluate(ev)),
        "owd" => to_value(owd::evaluate(ev)),
        _ => return None,
    })
}

/// The five verdicts other than the seed, keyed `osaid`, `mof`, `osai`, `eu-ai-act`, `owd`, for
/// `Verdicts.others`.
pub fn evaluate_others(ev: &EvidenceSet) -> Map<String, Value> {
    FRAMEWORKS
        .iter()
        .filter_map(|n| evaluate_one(n, ev).map(|v| (n.to_string(), v)))
        .collect()
}
