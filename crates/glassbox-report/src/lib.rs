//! Renderers: every output is drawn from a [`glassbox_core::Report`] alone. Renderers never
//! decide; they show what the evidence and verdicts already say.

pub mod json;
pub mod mof;
pub mod text;
