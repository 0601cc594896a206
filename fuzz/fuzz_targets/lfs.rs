//! Git LFS pointer files.
#![no_main]
use glassbox_formats::lfs;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(p) = lfs::parse_pointer(data) {
        assert!(data.len() as u64 <= lfs::MAX_POINTER_SIZE);
        assert!(p.oid.starts_with("sha256:"));
    }
});
