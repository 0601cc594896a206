//! The source tests' helpers: what every source must agree on, and options pointing at a mock
//! endpoint. The servers and the release fixture are `glassbox-testkit`'s, shared with the CLI's
//! tests.

// Each test binary uses a different part.
#![allow(dead_code, unused_imports)]

pub use glassbox_testkit::{fixture_files, git_server, hostile_http, mock_hub, tls, write_folder};

use std::path::Path;

use glassbox_sources::{ReleaseFile, ResolveOptions};

/// The parts of a release file every source must agree on.
#[derive(Debug, PartialEq, Eq)]
pub struct Comparable {
    path: String,
    size: u64,
    kind: String,
    lfs: Option<String>,
    content: Option<Vec<u8>>,
    truncated: bool,
    head: Option<Vec<u8>>,
}

/// What every source must agree on for a file.
pub fn comparable(f: &ReleaseFile) -> Comparable {
    Comparable {
        path: f.artifact.path.clone(),
        size: f.artifact.size,
        kind: format!("{:?}", f.artifact.kind),
        lfs: f
            .artifact
            .lfs
            .as_ref()
            .map(|l| format!("{}:{}", l.oid, l.size)),
        content: f.content.clone(),
        truncated: f.content_truncated,
        head: f.head.clone(),
    }
}

/// Options pointing at a mock endpoint, with short timeouts, no follow, a given cache.
pub fn opts(endpoint: &str, cache: Option<&Path>) -> ResolveOptions {
    let mut o = ResolveOptions {
        endpoint: endpoint.to_string(),
        http: glassbox_sources::loopback_http(endpoint),
        hf_cache: cache.map(Path::to_path_buf),
        ..ResolveOptions::default()
    };
    o.follow.enabled = false;
    o.git.cache_dir = None;
    o
}
