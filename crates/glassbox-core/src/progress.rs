//! Byte progress of long work (Hub downloads, hashing, clones), reported to whoever draws it: the
//! CLI's bar on a terminal, nothing elsewhere. Stages only report; they never draw.

use std::fmt;
use std::sync::Arc;

/// Receives progress; implementations are cheap and thread-safe (rayon hashes files in parallel).
pub trait ByteProgress: Send + Sync {
    /// `bytes` more work announced (a file about to be downloaded or hashed).
    fn expect(&self, bytes: u64);
    /// `bytes` of the announced work done.
    fn done(&self, bytes: u64);
    /// What is being worked on now ("downloading model.safetensors", "cloning https://…").
    fn working_on(&self, _what: &str) {}
}

/// A shared progress receiver, or none (the default) where nobody watches: every method is then
/// a no-op, so stages report unconditionally.
#[derive(Clone, Default)]
pub struct Progress(Option<Arc<dyn ByteProgress>>);

impl Progress {
    /// Reports to `to`.
    pub fn new(to: Arc<dyn ByteProgress>) -> Progress {
        Progress(Some(to))
    }

    /// Whether anyone receives the reports.
    pub fn is_on(&self) -> bool {
        self.0.is_some()
    }

    /// See [`ByteProgress::expect`].
    pub fn expect(&self, bytes: u64) {
        if let Some(p) = &self.0 {
            p.expect(bytes);
        }
    }

    /// See [`ByteProgress::done`].
    pub fn done(&self, bytes: u64) {
        if let Some(p) = &self.0 {
            p.done(bytes);
        }
    }

    /// See [`ByteProgress::working_on`].
    pub fn working_on(&self, what: &str) {
        if let Some(p) = &self.0 {
            p.working_on(what);
        }
    }
}

impl fmt::Debug for Progress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.is_on() {
            "Progress(on)"
        } else {
            "Progress(off)"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU64, Ordering};

    #[derive(Default)]
    struct Count(AtomicU64, AtomicU64);
    impl ByteProgress for Count {
        fn expect(&self, b: u64) {
            self.0.fetch_add(b, Ordering::Relaxed);
        }
        fn done(&self, b: u64) {
            self.1.fetch_add(b, Ordering::Relaxed);
        }
    }

    #[test]
    fn reports_reach_the_receiver_and_none_is_a_no_op() {
        Progress::default().expect(5);
        let c = Arc::new(Count::default());
        let p = Progress::new(c.clone());
        p.expect(10);
        p.clone().done(4);
        assert_eq!(
            (c.0.load(Ordering::Relaxed), c.1.load(Ordering::Relaxed)),
            (10, 4)
        );
        assert_eq!(format!("{p:?}"), "Progress(on)");
    }
}
