//! License identification from any bytes, plus ids, SPDX expressions, Hub tags and URLs.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let kb = glassbox_licenses::kb();
    let _ = kb.identify_bytes(data);
    if let Ok(s) = std::str::from_utf8(data) {
        if s.len() <= 4096 {
            let _ = kb.expression(s);
            let _ = kb.resolve(s);
            let _ = kb.by_url(s);
            let _ = kb.from_hf(s, Some(s));
            let _ = kb.lineage(s);
        }
    }
});
