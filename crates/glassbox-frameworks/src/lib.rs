//! Frameworks: pure functions from a release's evidence to verdicts (DESIGN.md §6).
//! No I/O happens here; every verdict cites the evidence it rests on.

pub mod seed;

use glassbox_core::{EvidenceSet, Verdicts};

/// Evaluates every framework on the evidence.
pub fn evaluate_all(ev: &EvidenceSet) -> Verdicts {
    Verdicts {
        seed: seed::evaluate(ev),
        others: Default::default(),
    }
}
