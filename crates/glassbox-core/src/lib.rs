//! The shared vocabulary of glassbox (DESIGN.md §2) and the versioned report schema.
//!
//! Every other crate speaks in these types. Nothing here does I/O: the types are plain data,
//! serialised with serde into the `glassbox/report/v1` JSON schema (`schema/report-v1.json`).

#![warn(missing_docs)]

pub mod artifact;
pub mod classify;
pub mod codes;
pub mod component;
pub mod evidence;
pub mod finding;
pub mod framework_verdict;
pub mod license;
pub mod lineage;
pub mod progress;
pub mod release;
pub mod report;
pub mod summary;
pub mod verdict;

pub use artifact::{Artifact, ArtifactKind, LfsPointer};
pub use codes::{Area, Code};
pub use component::{Component, ContentType};
pub use evidence::{
    ComponentReport, Confidence, Evidence, EvidenceSet, LicenseObligations, Location, Provenance,
    Status,
};
pub use finding::{Finding, Severity};
pub use framework_verdict::{FrameworkVerdict, VerdictBody};
pub use license::{LicenseFinding, LicenseKind, LicenseRef, ModelLicense, ModelLicenses, Tier};
pub use lineage::{LineageLicense, LineageNode, LineageSource};
pub use release::{Limits, Release, ReleaseFile};
pub use report::{Report, TargetInfo, ToolInfo, REPORT_SCHEMA};
pub use summary::{FrameworkSummary, Outcome};
pub use verdict::{
    merge_steps, Assessment, GapStep, LicenseBar, NextStep, Requirement, SeedCategory, SeedRow,
    SeedVerdict, StepKind, Verdicts,
};
