//! `glassbox check`'s own files, which a codebase's author (not glassbox) writes: the policy
//! `glassbox.toml` (TOML, then validation with spans, globs and model targets) and the lock file
//! `glassbox.lock` (which must read back as written). The first byte picks which.
#![no_main]
use glassbox_check::{lock::Lock, policy::Policy};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    if pick % 2 == 0 {
        match Policy::parse(&text) {
            Ok(p) => {
                for m in &p.models {
                    let _ = p.rules_for(&m.target);
                }
            }
            Err(e) => {
                // The error points inside the text it came from.
                assert!(e.line >= 1, "line {} for {text:?}", e.line);
                let _ = e.to_string();
            }
        }
    } else if let Ok(l) = Lock::parse(&text) {
        for e in &l.models {
            let _ = e.is_intact();
        }
        // What glassbox writes it must read back as the same lock.
        let again = Lock::parse(&l.to_toml()).expect("a written lock file parses");
        assert_eq!(again, l);
    }
});
