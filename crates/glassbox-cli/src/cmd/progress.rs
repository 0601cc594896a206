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
    }
}
