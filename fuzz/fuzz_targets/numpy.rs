//! `.npy` header length and header dictionary.
#![no_main]
use glassbox_formats::numpy;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(n) = numpy::header_len(data) {
        assert!(n <= numpy::MAX_HEADER + 12);
    }
    let _ = numpy::parse_header(data);
});
