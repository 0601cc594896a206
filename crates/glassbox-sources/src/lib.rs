//! Sources: resolve what the user named into a [`Release`] — the artifacts and the bounded
//! contents the detectors need. Sources are the only stage that reads or fetches; everything
//! downstream works on the [`Release`] value.

pub mod claims;
pub mod classify;
pub mod local;
pub mod release;

pub use release::{Limits, Release, ReleaseFile, SourceError};

use std::path::Path;

/// Resolves a target as the user named it. Today: a local folder. (`hf:`, git URLs and claims
/// files are added by their own modules.)
pub fn resolve(spec: &str, limits: &Limits) -> Result<Release, SourceError> {
    local::open(spec, Path::new(spec), limits)
}
