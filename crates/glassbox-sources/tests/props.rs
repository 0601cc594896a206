//! Property tests: the parsers of untrusted input in the Hub, cache, git and follow code never
//! panic, and reads stay within their bounds whatever the bytes.

use std::sync::atomic::AtomicU64;

use glassbox_sources::follow::{arxiv_id, check_git_link, non_public_host, repo_root};
use glassbox_sources::hf::api::{next_link, RepoInfo, TreeEntry};
use glassbox_sources::hf::http::{authority, join_url, parse_retry_after};
use glassbox_sources::hf::read::{read_file, InMemory};
use glassbox_sources::hf::RepoRef;
use glassbox_sources::Limits;
use proptest::prelude::*;

proptest! {
    #[test]
    fn url_helpers_never_panic(a in ".{0,200}", b in ".{0,200}") {
        let _ = authority(&a);
        let _ = join_url(&a, &b);
        let _ = next_link(&a);
        let _ = parse_retry_after(&a);
        let _ = arxiv_id(&a);
        let _ = repo_root(&a);
        let _ = check_git_link(&a);
        let _ = non_public_host(&a);
        let _ = RepoRef::parse(&a);
    }

    #[test]
    fn parsed_repo_ids_are_safe(s in "hf:[a-zA-Z0-9._/@-]{0,60}") {
        if let Ok(r) = RepoRef::parse(&s) {
            prop_assert!(!r.id.contains(".."));
            prop_assert!(!r.id.starts_with('/'));
            prop_assert!(r.id.split('/').count() <= 2);
        }
    }

    #[test]
    fn api_json_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = serde_json::from_slice::<RepoInfo>(&bytes).map(|i| (i.is_gated(), i.card_licenses(), i.base_models()));
        let _ = serde_json::from_slice::<Vec<TreeEntry>>(&bytes);
    }

    #[test]
    fn weights_heads_stay_bounded(mut bytes in proptest::collection::vec(any::<u8>(), 0..4096), len in any::<u64>(), max in 0u64..2048) {
        if bytes.len() >= 8 {
            bytes[..8].copy_from_slice(&len.to_le_bytes());
        }
        let limits = Limits { max_header_bytes: max, max_text_bytes: 100, ..Limits::default() };
        let counter = AtomicU64::new(0);
        for name in ["m.safetensors", "m.gguf", "README.md", "x.bin"] {
            let (f, _) = read_file(name, bytes.len() as u64, &InMemory(&bytes), &limits, &counter).unwrap();
            if let Some(h) = &f.head {
                prop_assert!(h.len() <= bytes.len());
                if name.ends_with(".safetensors") && bytes.len() > 1024 {
                    prop_assert!(h.len() as u64 <= 8 + max, "head {} > 8 + {max}", h.len());
                }
            }
            if let Some(c) = &f.content {
                prop_assert!(c.len() <= bytes.len());
            }
        }
    }
}
