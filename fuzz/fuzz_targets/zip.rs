//! Zip end-of-central-directory and central-directory parsing.
#![no_main]
use glassbox_formats::zip;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let len = data.len() as u64;
    let tail = &data[data.len().saturating_sub(zip::EOCD_SEARCH as usize)..];
    if let Ok(d) = zip::find_directory(tail, len) {
        if zip::check_directory(&d, len).is_ok() {
            if let Some(cd) = data.get(d.offset as usize..(d.offset + d.size) as usize) {
                let _ = zip::parse_entries(cd, d.entries);
            }
        }
    }
    let _ = zip::parse_local(data);
});
