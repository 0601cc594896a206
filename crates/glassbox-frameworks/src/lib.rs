//! Frameworks: pure functions from a release's evidence to each framework's verdict (DESIGN.md §6).
//!
//! Every module exposes `evaluate(&EvidenceSet) -> TypedVerdict` and does no I/O; every verdict
//! cites the evidence it rests on. The typed verdicts serialise into the JSON report under
//! `verdicts.<name>`, each with `met`, `unmet` and `gap`. Frameworks disagree by design; nothing
//! here merges them into one number — only their gap steps are merged, into one list ordered by
//! how many frameworks each step advances.
//!
//! ```
//! use glassbox_core::{EvidenceSet, SeedCategory};
//!
//! // No evidence at all: nothing is open.
//! let verdicts = glassbox_frameworks::evaluate_all(&EvidenceSet::default());
//! assert_eq!(verdicts.seed.category, SeedCategory::Closed);
//! ```

#![warn(missing_docs)]

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
pub mod summary;

pub use claims_check::compare_claims;
pub use gap::{merged_gap, MergedGapStep};
pub use summary::summary;

use glassbox_core::{EvidenceSet, FrameworkVerdict, Verdicts};
use indexmap::IndexMap;

/// Evaluates every framework on the evidence.
pub fn evaluate_all(ev: &EvidenceSet) -> Verdicts {
    Verdicts {
        seed: seed::evaluate(ev),
        others: evaluate_others(ev),
    }
}

/// The names of the frameworks besides the seed, in report order.
pub const FRAMEWORKS: [&str; 5] = ["osaid", "mof", "osai", "eu-ai-act", "owd"];

/// Evaluates one framework by name (`osaid`, `mof`, `osai`, `eu-ai-act`, `owd`).
pub fn evaluate_one(name: &str, ev: &EvidenceSet) -> Option<FrameworkVerdict> {
    Some(match name {
        "osaid" => FrameworkVerdict::new(osaid::evaluate(ev)),
        "mof" => FrameworkVerdict::new(mof::evaluate(ev)),
        "osai" => FrameworkVerdict::new(osai::evaluate(ev)),
        "eu-ai-act" => FrameworkVerdict::new(eu_ai_act::evaluate(ev)),
        "owd" => FrameworkVerdict::new(owd::evaluate(ev)),
        _ => return None,
    })
}

/// The five verdicts other than the seed, keyed `osaid`, `mof`, `osai`, `eu-ai-act`, `owd`, for
/// `Verdicts.others`.
pub fn evaluate_others(ev: &EvidenceSet) -> IndexMap<String, FrameworkVerdict> {
    FRAMEWORKS
        .iter()
        .filter_map(|n| evaluate_one(n, ev).map(|v| (n.to_string(), v)))
        .collect()
}
