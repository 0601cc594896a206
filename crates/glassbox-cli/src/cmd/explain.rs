//! `glassbox explain [CODE]`: what a finding code means, why it matters and how to fix it.

use std::process::ExitCode;

use glassbox_core::{Area, Code};

/// Arguments of `glassbox explain`.
#[derive(clap::Args)]
pub struct Args {
    /// A finding code (`unsafe-global`, `license-modified`, …) as reports, `kind` fields and
    /// SARIF `ruleId`s name it (a `finding/` prefix is accepted). Without it, every code is
    /// listed.
    pub code: Option<String>,
}

/// Prints one code's entry, or the list of codes.
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let text = match &args.code {
        Some(id) => explain(id)?,
        None => list(),
    };
    print!("{text}");
    Ok(ExitCode::SUCCESS)
}

fn explain(id: &str) -> anyhow::Result<String> {
    let bare = id.trim().trim_start_matches("finding/");
    let Some(code) = Code::from_id(bare) else {
        let near: Vec<&str> = Code::ALL
            .iter()
            .map(|c| c.id())
            .filter(|c| c.contains(bare) || bare.contains(c) || shares_word(c, bare))
            .collect();
        let hint = if near.is_empty() {
            "`glassbox explain` lists every code".to_string()
        } else {
            format!("did you mean {}?", near.join(", "))
        };
        anyhow::bail!(
            "unknown finding code `{}`; {hint}",
            glassbox_report::escape::terminal(bare)
        );
    };
    Ok(format!(
        "{id} ({area}, usually {sev})\n\n{desc}\n\nWhy it matters: {why}\n\nHow to fix: {fix}\n",
        id = code.id(),
        area = code.area().id(),
        sev = code.default_severity().as_str(),
        desc = code.description(),
        why = code.why(),
        fix = code.fix(),
    ))
}

fn shares_word(a: &str, b: &str) -> bool {
    a.split('-')
        .any(|w| w.len() > 3 && b.split('-').any(|x| x == w))
}

fn list() -> String {
    let width = Code::ALL.iter().map(|c| c.id().len()).max().unwrap_or(0);
    let mut out = String::new();
    for area in Area::ALL {
        out.push_str(&format!("{}: {}\n", area.id(), area.description()));
        for c in Code::ALL.iter().filter(|c| c.area() == *area) {
            out.push_str(&format!(
                "  {:width$}  {:8}  {}\n",
                c.id(),
                c.default_severity().as_str(),
                c.description()
            ));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_explained_with_why_and_fix() {
        let t = explain("finding/keras-lambda").unwrap();
        assert!(t.starts_with("keras-lambda (scan, usually high)"), "{t}");
        assert!(
            t.contains("Why it matters: Loading the model runs that code."),
            "{t}"
        );
        assert!(t.contains("How to fix: "), "{t}");
    }

    #[test]
    fn an_unknown_code_suggests_near_ones() {
        let e = explain("lambda").unwrap_err().to_string();
        assert!(e.contains("unknown finding code `lambda`"), "{e}");
        assert!(e.contains("keras-lambda"), "{e}");
        let e = explain("zzz").unwrap_err().to_string();
        assert!(e.contains("lists every code"), "{e}");
    }

    #[test]
    fn the_list_has_every_code_under_its_area() {
        let l = list();
        for c in Code::ALL {
            assert!(l.contains(&format!("  {} ", c.id())), "{c} missing");
        }
        assert!(l.starts_with("source: "), "{l}");
    }
}
