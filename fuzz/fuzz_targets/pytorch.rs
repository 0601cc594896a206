//! PyTorch legacy-format magic and zip member layouts (names split on newlines).
#![no_main]
use glassbox_formats::pytorch;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = pytorch::is_legacy(data);
    let text = String::from_utf8_lossy(data);
    let names: Vec<&str> = text.split('\n').collect();
    let l = pytorch::layout(&names);
    if let Some(d) = &l.data_pkl {
        assert!(names.contains(&d.as_str()));
    }
});
