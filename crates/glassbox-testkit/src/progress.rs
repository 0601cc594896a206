//! A progress receiver that records what the stages report, for tests of progress reporting.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use glassbox_core::progress::{ByteProgress, Progress};

/// Totals and messages reported so far.
#[derive(Default)]
pub struct Recorder {
    expected: AtomicU64,
    done: AtomicU64,
    messages: Mutex<Vec<String>>,
}

impl Recorder {
    /// A recorder and the [`Progress`] that reports to it.
    pub fn start() -> (Arc<Recorder>, Progress) {
        let r = Arc::new(Recorder::default());
        (r.clone(), Progress::new(r))
    }

    /// Bytes announced.
    pub fn expected(&self) -> u64 {
        self.expected.load(Ordering::Relaxed)
    }

    /// Bytes done.
    pub fn done(&self) -> u64 {
        self.done.load(Ordering::Relaxed)
    }

    /// Every `working_on` message, in order.
    pub fn messages(&self) -> Vec<String> {
        self.messages.lock().map(|m| m.clone()).unwrap_or_default()
    }
}

impl ByteProgress for Recorder {
    fn expect(&self, bytes: u64) {
        self.expected.fetch_add(bytes, Ordering::Relaxed);
    }
    fn done(&self, bytes: u64) {
        self.done.fetch_add(bytes, Ordering::Relaxed);
    }
    fn working_on(&self, what: &str) {
        if let Ok(mut m) = self.messages.lock() {
            m.push(what.to_string());
        }
    }
}
