//! The Hub's JSON answers (model info, tree pages, siblings) and the strings next to them
//! (Link headers, Location joins, Retry-After, repository specs, repository paths and how a
//! path is classified).
#![no_main]
use glassbox_sources::hf::{api, http, hub, repo::RepoRef};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(info) = serde_json::from_slice::<api::RepoInfo>(data) {
        let _ = info.is_gated();
        let _ = info.card_licenses();
        let _ = info.base_models();
        let _ = info.license_name();
        for s in info.siblings.iter().flatten() {
            let _ = hub::safe_repo_path(&s.rfilename);
            let _ = s.lfs.as_ref().map(api::Lfs::sha256);
        }
    }
    if let Ok(page) = serde_json::from_slice::<Vec<api::TreeEntry>>(data) {
        for e in &page {
            let _ = hub::safe_repo_path(&e.path);
            if let Some(sha) = e.lfs.as_ref().and_then(api::Lfs::sha256) {
                assert_eq!(sha.len(), 64);
            }
        }
    }
    let s = String::from_utf8_lossy(data);
    let _ = api::next_link(&s);
    let _ = http::parse_retry_after(&s);
    let _ = http::authority(&s);
    let _ = http::join_url("https://huggingface.co/api/models/a/b", &s);
    let _ = hub::is_commit(&s);
    let _ = glassbox_sources::classify::kind_of(&s);
    let _ = glassbox_sources::classify::is_license_name(&s.to_ascii_lowercase());
    if let Ok(r) = RepoRef::parse(&s) {
        let _ = r.display_id();
        let _ = r.revision_segment();
    }
});
