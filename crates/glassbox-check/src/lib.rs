//! glassbox-check: may this codebase use the models it loads?
//!
//! [`discovery`] finds the models a codebase references (Python and JavaScript/TypeScript read
//! with tree-sitter, YAML/JSON/TOML configuration, Ollama Modelfiles, weight files), [`policy`]
//! reads `glassbox.toml` with errors that point at the key, [`facts`] takes what the judgement
//! needs from an audit report, [`judge`] decides pass / fail / excepted, [`lock`] keeps
//! `glassbox.lock`, [`check`] runs the whole check with an [`check::Auditor`] supplied by the
//! caller (the CLI wires the audit pipeline), and [`render`] writes text, JSON and SARIF.
//!
//! This crate does no network I/O of its own: audits happen through the caller's auditor.
//!
//! ```
//! use glassbox_check::policy::{Policy, STARTER};
//!
//! // The starter policy `glassbox init` writes is a valid policy.
//! assert!(Policy::parse(STARTER).is_ok());
//! let e = Policy::parse("[policy]\nallow-category = []\n").unwrap_err();
//! assert_eq!((e.line, e.key.as_deref()), (2, Some("policy.allow-category")));
//! ```

#![warn(missing_docs)]

pub mod check;
pub mod date;
pub mod discovery;
pub mod facts;
pub mod judge;
pub mod lock;
pub mod policy;
pub mod render;
pub mod report;
pub mod target;

mod config;
mod files;
mod hits;
mod js;
mod modelfile;
mod python;
mod span;
mod syntax;
