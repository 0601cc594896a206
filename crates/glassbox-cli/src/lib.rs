//! The glassbox pipeline wired end to end (target → release → evidence → verdicts → report),
//! for the `glassbox` binary and for tests that need a real report.

#![warn(missing_docs)]

pub mod batch;
/// The audit itself lives in `glassbox-pipeline`, shared with the catalog server.
pub use glassbox_pipeline as pipeline;
