//! One module per subcommand.

pub mod audit;
pub mod badge;
pub mod check;
pub mod explain;
pub mod hash;
pub mod init;
pub mod license;
pub mod progress;
pub mod render;
pub mod scan;
pub mod serve;
pub mod sources;

/// An error about `target`, naming it once: sources already start their messages with the
/// path or id they failed on (`/x: No such file or directory`), others get it in front.
pub fn about(target: &str, e: impl std::fmt::Display) -> anyhow::Error {
    let m = format!("{e:#}");
    if m.starts_with(target) {
        anyhow::anyhow!(m)
    } else {
        anyhow::anyhow!("{target}: {m}")
    }
}

/// Prints `glassbox: error: …` on stderr. Messages carry file names and text from releases, so
/// each line goes through the terminal filter: a name with an escape sequence cannot move the
/// cursor or recolour the terminal.
pub fn print_error(e: &anyhow::Error) {
    eprintln!("glassbox: error: {}", for_terminal(&format!("{e:#}")));
}

/// `s` with control and bidi characters shown, line by line.
fn for_terminal(s: &str) -> String {
    s.lines()
        .map(glassbox_report::escape::terminal)
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_target_is_named_once() {
        let e = super::about("/x", "/x: No such file or directory");
        assert_eq!(e.to_string(), "/x: No such file or directory");
        let e = super::about("hf:a/b", "the Hub answered 404");
        assert_eq!(e.to_string(), "hf:a/b: the Hub answered 404");
    }

    #[test]
    fn errors_reach_the_terminal_without_control_characters() {
        let s = super::for_terminal("/x/\x1b[2Jevil\u{202E}txt.bin: unreadable\nsecond line");
        assert_eq!(s, "/x/\\x1b[2Jevil<U+202E>txt.bin: unreadable\nsecond line");
    }
}
