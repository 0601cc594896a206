//! The check report: the `glassbox/check/v1` JSON document, also the input of the text and
//! SARIF renderers.

use serde::Serialize;

use crate::discovery::{Reference, Skipped, Unresolved};
use crate::judge::{Verdict, Violation};

/// The schema id of the JSON report.
pub const CHECK_SCHEMA: &str = "glassbox/check/v1";

/// An exception as the report shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExceptionOut {
    /// The policy's target.
    pub target: String,
    /// Its reason.
    pub reason: String,
    /// Its last day, `YYYY-MM-DD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
}

/// One judged model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ModelResult {
    /// `hf:org/name[@rev]` or `./folder`.
    pub target: String,
    /// Every place that references it.
    pub references: Vec<Reference>,
    /// Seed category.
    pub category: String,
    /// License ids of what a user runs.
    pub licenses: Vec<String>,
    /// The outcome.
    pub verdict: Verdict,
    /// Rules not met.
    pub violations: Vec<Violation>,
    /// The exception that applies.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exception: Option<ExceptionOut>,
}

/// A model that could not be judged (unreachable, gated, not in the cache offline).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorResult {
    /// The model.
    pub target: String,
    /// Where it is referenced.
    pub references: Vec<Reference>,
    /// Why it could not be audited.
    pub message: String,
}

/// A lock problem under `--locked`: a model that is not pinned, or whose revision moved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LockProblem {
    /// The model.
    pub target: String,
    /// What is wrong.
    pub message: String,
}

/// The whole check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckReport {
    /// Always [`CHECK_SCHEMA`].
    pub schema: &'static str,
    /// Judged models, in target order.
    pub models: Vec<ModelResult>,
    /// References built at run time.
    pub unresolved: Vec<Unresolved>,
    /// Whether unresolved references fail the check (policy `unresolved = "fail"`).
    pub unresolved_fails: bool,
    /// Source files not read.
    pub skipped: Vec<Skipped>,
    /// Models that could not be judged.
    pub errors: Vec<ErrorResult>,
    /// Lock problems (`--locked`).
    pub lock: Vec<LockProblem>,
}

impl CheckReport {
    /// The exit code: 2 when a model could not be judged, 1 when one fails (or the lock does
    /// not hold, or unresolved references fail), else 0.
    pub fn exit_code(&self) -> u8 {
        if !self.errors.is_empty() {
            2
        } else if self.models.iter().any(|m| m.verdict == Verdict::Fail)
            || !self.lock.is_empty()
            || (self.unresolved_fails && !self.unresolved.is_empty())
        {
            1
        } else {
            0
        }
    }
}
