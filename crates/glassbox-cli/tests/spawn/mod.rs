//! Spawning `glassbox` in CLI tests that run against local servers, isolated from the developer's environment.

#![allow(dead_code)]

use std::process::Command;

/// Variables that would send a spawned `glassbox` past the test's own servers (proxies, a CA
/// bundle, offline mode, the Hub cache) or hand it the developer's credentials.
pub const OUTSIDE_VARS: [&str; 15] = [
    "HF_TOKEN",
    "HUGGING_FACE_HUB_TOKEN",
    "HF_HUB_OFFLINE",
    "TRANSFORMERS_OFFLINE",
    "HF_HOME",
    "HTTPS_PROXY",
    "https_proxy",
    "HTTP_PROXY",
    "http_proxy",
    "ALL_PROXY",
    "all_proxy",
    "NO_PROXY",
    "no_proxy",
    "SSL_CERT_FILE",
    "REQUESTS_CA_BUNDLE",
];

/// `glassbox` with none of [`OUTSIDE_VARS`] inherited; tests set what they need.
pub fn glassbox() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_glassbox"));
    for v in OUTSIDE_VARS {
        cmd.env_remove(v);
    }
    cmd
}
