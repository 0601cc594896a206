//! One module per subcommand.

pub mod audit;
pub mod badge;
pub mod check;
pub mod hash;
pub mod init;
pub mod license;
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

#[cfg(test)]
mod tests {
    #[test]
    fn a_target_is_named_once() {
        let e = super::about("/x", "/x: No such file or directory");
        assert_eq!(e.to_string(), "/x: No such file or directory");
        let e = super::about("hf:a/b", "the Hub answered 404");
        assert_eq!(e.to_string(), "hf:a/b: the Hub answered 404");
    }
}
