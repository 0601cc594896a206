//! The glassbox pipeline wired end to end (target → release → evidence → verdicts → report):
//! the one audit that the `glassbox` CLI, `glassbox check` and the catalog server all run, so a
//! release audited in the catalog gets exactly the report `glassbox audit` prints.

#![warn(missing_docs)]

mod audit;
mod target;

pub use audit::{audit, audit_release, Options};
pub use target::{audit_target, claims_report};
