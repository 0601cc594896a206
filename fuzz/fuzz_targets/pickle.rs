//! The streaming pickle walker (stacked pickles, nested pickles, frames).
#![no_main]
use glassbox_formats::pickle::{scan_bytes, WalkOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let s = scan_bytes(data, WalkOptions::default());
    assert!(s.bytes <= data.len() as u64);
});
