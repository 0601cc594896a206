//! `.gitmodules` files (submodule names, paths and URLs) and the https form of their URLs.
#![no_main]
use glassbox_sources::gitmodules;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for m in gitmodules::parse(&text) {
        let _ = gitmodules::https_url(&m.url);
    }
    let _ = gitmodules::https_url(&text);
});
