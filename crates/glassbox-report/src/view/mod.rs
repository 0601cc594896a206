//! A read-only view of a report shared by the renderers, so that Markdown, HTML, SARIF and the
//! BOMs all say the same thing.
//!
//! The verdicts of frameworks other than the seed are JSON values owned by the frameworks crate;
//! this module reads them from their documented fields (`pass`, `class`, `progress`, `score`,
//! `dimensions`, `eligible`, `met`, `unmet`, `gap`) and tolerates anything else, so that a
//! renderer never fails because a framework grew a field. License obligations are read the same
//! way, from any `obligations` array on a license or a component's license.

mod datasets;
mod findings;
mod frameworks;
mod ids;
mod labels;
mod lineage;
mod locations;
mod obligations;

pub use datasets::*;
pub use findings::*;
pub use frameworks::*;
pub use ids::*;
pub use labels::*;
pub use lineage::*;
pub use locations::*;
pub use obligations::*;

#[cfg(test)]
use datasets::hub_dataset_id;

#[cfg(test)]
mod tests;
