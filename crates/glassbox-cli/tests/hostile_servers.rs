//! Hostile servers (issue #16): a Hub endpoint and a git server on 127.0.0.1 that answer with
//! garbage JSON, endless headers, a body longer than its `Content-Length`, a redirect loop, a
//! redirect to a private address, a gzip bomb, and one byte a second. `glassbox audit` against
//! each must end within the time and memory bounds of tests/hostile/mod.rs with exit 2 and a
//! message naming the server.

use glassbox_testkit as common;
mod hostile;
mod spawn;

use common::hostile_http::{self, Misbehaviour};
use hostile::Sandbox;

/// `glassbox audit TARGET` against a server that always answers with `m`.
fn audit_against(m: Misbehaviour, target: impl Fn(&str) -> String, hub: bool) {
    let server = hostile_http::start(m);
    let target = target(&server.base);
    let sb = Sandbox::new();
    let endpoint = std::path::PathBuf::from(&server.base);
    let vars: Vec<(&str, &std::path::Path)> = if hub {
        vec![("HF_ENDPOINT", endpoint.as_path())]
    } else {
        vec![]
    };
    let run = sb.run(
        &[
            "audit",
            &target,
            "--format",
            "json",
            "--no-follow",
            "--timeout",
            "2",
        ],
        &vars,
    );
    let what = format!("{m:?} ({})", if hub { "Hub" } else { "git" });
    run.assert_clean_end(&what);
    sb.assert_nothing_written(&what);
    assert_eq!(run.code, Some(2), "{what}: {}", run.stderr);
    let host = server.base.trim_start_matches("http://");
    assert!(
        run.stderr.contains(host),
        "{what}: the message does not name the server {host}: {}",
        run.stderr
    );
    assert!(
        server
            .connections
            .load(std::sync::atomic::Ordering::Relaxed)
            > 0,
        "{what}: the server was never asked"
    );
    // Neither client connects where a redirect to a private address points: the Hub client
    // refuses any redirect off the endpoint, and a git target the user named may be redirected
    // (git's rule) but not to a private address other than its own host.
    if m == Misbehaviour::RedirectPrivate {
        let expected = if hub {
            "redirect to foreign host `127.0.0.2:1` refused"
        } else {
            "redirect to private address `127.0.0.2:1` refused"
        };
        assert!(run.stderr.contains(expected), "{what}: {}", run.stderr);
    }
    eprintln!(
        "{what}: exit 2 in {:.1?}: {}",
        run.elapsed,
        run.stderr.lines().last().unwrap_or_default()
    );
}

#[test]
fn a_hostile_hub_ends_in_exit_2() {
    for m in Misbehaviour::ALL {
        audit_against(m, |_| "hf:org/tiny".into(), true);
    }
}

/// Headers at once, then a body one byte a second: only the whole-call limit ends it, and
/// `--timeout 2` lowers that limit to 12 s.
#[test]
fn a_hub_that_drips_its_body_ends_at_the_whole_call_limit_the_timeout_sets() {
    audit_against(Misbehaviour::DripBody, |_| "hf:org/tiny".into(), true);
}

#[test]
fn a_hostile_git_server_ends_in_exit_2() {
    for m in Misbehaviour::ALL {
        audit_against(m, |base| format!("{base}/org/repo.git"), false);
    }
}
