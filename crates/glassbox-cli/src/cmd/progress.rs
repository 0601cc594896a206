//! Progress on stderr for long work, drawn by indicatif only where someone watches: stderr is a
//! terminal, `NO_COLOR` is not set and `--quiet` was not given. Pipes, CI logs and scripts get
//! nothing, so their output stays what it was.

use std::io::IsTerminal;

/// A progress bar, or nothing when progress is not shown.
pub struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    /// Progress of a batch of `total` audits (shown from two targets up).
    pub fn batch(total: usize, quiet: bool) -> Progress {
        if total < 2 || !shown(quiet) {
            return Progress(None);
        }
        let bar = indicatif::ProgressBar::new(total as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{pos}/{len} audited [{bar:30}] {per_sec} · {elapsed} · ETA {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        Progress(Some(bar))
    }

    /// One more done.
    pub fn inc(&self) {
        if let Some(b) = &self.0 {
            b.inc(1);
        }
    }

    /// Runs `f` (which writes to stderr) with the bar hidden, so lines do not mix with it.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.0 {
            Some(b) => b.suspend(f),
            None => f(),
        }
    }

    /// Removes the bar.
    pub fn finish(&self) {
        if let Some(b) = &self.0 {
            b.finish_and_clear();
        }
    }
}

/// The byte bar of one audit or one `hash` run: downloads (`--download`), hashing, scanning and
/// clones report to it through [`glassbox_core::progress::Progress`]; nothing when not shown.
pub struct Bytes(Option<indicatif::ProgressBar>);

impl Bytes {
    /// A byte bar, drawn only where progress is shown.
    pub fn new(quiet: bool) -> Bytes {
        if !shown(quiet) {
            return Bytes(None);
        }
        let bar = indicatif::ProgressBar::new(0);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{wide_msg} {bytes}/{total_bytes} [{bar:20}] {binary_bytes_per_sec} · ETA {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        Bytes(Some(bar))
    }

    /// Where the stages report.
    pub fn progress(&self) -> glassbox_core::progress::Progress {
        match &self.0 {
            Some(b) => glassbox_core::progress::Progress::new(std::sync::Arc::new(Bar(b.clone()))),
            None => Default::default(),
        }
    }

    /// Removes the bar (before a report is written to the same terminal).
    pub fn finish(&self) {
        if let Some(b) = &self.0 {
            b.finish_and_clear();
        }
    }
}

/// indicatif's bar as a progress receiver; file names pass the terminal filter.
struct Bar(indicatif::ProgressBar);

impl glassbox_core::progress::ByteProgress for Bar {
    fn expect(&self, bytes: u64) {
        self.0.inc_length(bytes);
    }
    fn done(&self, bytes: u64) {
        self.0.inc(bytes);
    }
    fn working_on(&self, what: &str) {
        self.0.set_message(glassbox_report::escape::terminal(what));
    }
}

/// Whether progress is shown at all.
fn shown(quiet: bool) -> bool {
    !quiet
        && std::io::stderr().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::Progress;

    #[test]
    fn nothing_is_drawn_for_one_target_or_when_quiet() {
        assert!(Progress::batch(1, false).0.is_none());
        assert!(Progress::batch(500, true).0.is_none());
        // Under `cargo test` stderr is captured, not a terminal: no bar either.
        assert!(Progress::batch(500, false).0.is_none());
        assert!(super::Bytes::new(false).0.is_none());
        assert!(!super::Bytes::new(false).progress().is_on());
    }
}
