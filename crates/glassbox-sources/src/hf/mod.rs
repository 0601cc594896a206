//! The Hugging Face Hub as a source: a blocking client over its HTTP API (`ureq`), reading
//! only metadata, texts and weights headers; never whole weights unless asked.

pub mod api;
pub mod hub;
pub mod read;
pub mod repo;

pub use crate::net::http::{self, HttpConfig, DEFAULT_ENDPOINT};
pub use hub::{FetchScope, Hub, HubOptions};
pub use repo::{RepoRef, RepoType};
