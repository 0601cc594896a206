//! License statements in prose (issue #12): a README's "License" section ("the model weights
//! are released under …", "code under MIT, weights under …", "commercial use requires a license
//! when monthly active users exceed …"), a license named only in the README, a per-model
//! license table, and the `license:` field of model cards in subfolders.
//!
//! Each statement keeps its scope, the sentence and its line: they are the evidence.

use std::sync::OnceLock;

use glassbox_core::Release;
use glassbox_core::{LicenseFinding, LicenseKind, Location, Tier};
use glassbox_licenses::{clauses::restrictive_clauses, kb, LicenseInfo};

use super::scope::Scope;
use super::{finding, sanitize};

/// One license statement read from prose or a subfolder card.
#[derive(Debug, Clone)]
pub struct Statement {
    /// What it covers.
    pub scope: Scope,
    /// The license it names (or the terms it states, graded by its clauses).
    pub license: LicenseFinding,
    /// The sentence (or table row), trimmed for display.
    pub sentence: String,
    /// The file it was read from.
    pub path: String,
    /// Its 1-based line there.
    pub line: u32,
    /// The rule that read it: `license.readme-statement`, `license.readme-terms`,
    /// `license.readme-table`, `license.subfolder-card`.
    pub rule: &'static str,
}

/// A license name pattern: normalised words, padded with spaces.
struct Pattern {
    text: String,
    entry: usize,
}

/// Lower case, letters and digits only, single spaces, `licence` -> `license`, `version` and
/// `the` dropped, padded with one space each side (so patterns match whole words).
fn norm(s: &str) -> String {
    let mut out = String::from(" ");
    for w in s
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && *w != "version" && *w != "the" && *w != "v")
    {
        out.push_str(if w == "licence" { "license" } else { w });
        out.push(' ');
    }
    out
}

/// Name patterns of every knowledge-base entry (ids, names, aliases, Hub tags), longest first.
fn patterns() -> &'static [Pattern] {
    static P: OnceLock<Vec<Pattern>> = OnceLock::new();
    P.get_or_init(|| {
        let mut out = Vec::new();
        for (i, e) in kb().entries().iter().enumerate() {
            let mut names: Vec<String> = vec![
                e.id.trim_start_matches("LicenseRef-").to_string(),
                e.name.clone(),
            ];
            names.extend(e.aliases.iter().cloned());
            names.extend(e.hf.iter().cloned());
            names.extend(e.spdx.iter().cloned());
            let mut more = Vec::new();
            for n in &names {
                // "Llama 2 Community License Agreement" is also written "Llama 2 Community".
                let mut t = norm(n);
                for suffix in [
                    " agreement ",
                    " license ",
                    " public ",
                    " international ",
                    " community ",
                ] {
                    if let Some(s) = t.strip_suffix(suffix) {
                        t = format!("{s} ");
                    }
                }
                more.push(t);
            }
            for n in names.iter().map(|n| norm(n)).chain(more) {
                let words = n.split_whitespace().count();
                let distinctive =
                    n.chars().any(|c| c.is_ascii_digit()) || words >= 2 || n.trim().len() >= 3;
                if n.trim().len() < 3
                    || !distinctive
                    || matches!(
                        n.trim(),
                        "other" | "unknown" | "license" | "none" | "custom"
                    )
                    || (words == 1
                        && !n.chars().any(|c| c.is_ascii_digit())
                        && e.spdx.is_none()
                        && e.id.starts_with("LicenseRef-"))
                {
                    continue;
                }
                out.push(Pattern { text: n, entry: i });
            }
        }
        out.sort_by(|a, b| b.text.len().cmp(&a.text.len()).then(a.text.cmp(&b.text)));
        out.dedup_by(|a, b| a.text == b.text);
        out
    })
}

/// The licenses a clause names, longest names first, overlaps dropped.
fn names_in(clause: &str) -> Vec<LicenseInfo> {
    let n = norm(clause);
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut out: Vec<LicenseInfo> = Vec::new();
    for p in patterns() {
        let mut from = 0;
        while let Some(at) = n[from..].find(&p.text).map(|a| a + from) {
            let end = at + p.text.len();
            from = at + 1;
            // "Meta Llama 3" inside "Meta Llama 3.2" is another version: a name ending in a
            // number does not match when the text goes on with a number.
            let ends_in_number = p
                .text
                .trim_end()
                .rsplit(' ')
                .next()
                .is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()));
            if ends_in_number && n[end..].starts_with(|c: char| c.is_ascii_digit()) {
                continue;
            }
            if taken.iter().any(|(s, e)| at < *e && *s < end) {
                continue;
            }
            taken.push((at, end));
            let e = &kb().entries()[p.entry];
            if !out.iter().any(|o| o.id == e.id) {
                out.push(e.clone());
            }
        }
    }
    out
}

/// Markdown links of a line: (text, target).
fn links(line: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let Some(close) = after.find("](") else { break };
        let target_start = &after[close + 2..];
        let Some(end) = target_start.find(')') else {
            break;
        };
        out.push((
            after[..close].to_string(),
            target_start[..end].trim().to_string(),
        ));
        rest = &target_start[end..];
    }
    out
}

/// `%20` and friends in a relative link target.
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && b[i + 1].is_ascii_hexdigit()
            && b[i + 2].is_ascii_hexdigit()
        {
            let hex = |c: u8| (c as char).to_digit(16).unwrap_or(0) as u8;
            out.push(hex(b[i + 1]) * 16 + hex(b[i + 2]));
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The scope words of a clause. Several scopes ("the code and the weights are under MIT") give
/// several statements.
fn scopes_in(clause: &str) -> Vec<Scope> {
    // The subject decides when it says what it speaks of: "Qwen-72B … are licensed under X
    // that can be found at the corresponding repository" is about models, not a repository.
    if let Some(subject) = super::models::subject(clause) {
        if !super::models::models_in_sentence(clause).is_empty() {
            return vec![Scope::Weights];
        }
        let s = scope_words(subject);
        if !s.is_empty() {
            return s;
        }
    }
    scope_words(clause)
}

/// The scopes the words of a text name.
fn scope_words(text: &str) -> Vec<Scope> {
    // "Open Source License" names a kind of license, not the source code.
    let l = text
        .to_lowercase()
        .replace("open source", "open")
        .replace("open-source", "open");
    let words: Vec<&str> = l
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .collect();
    let has = |ws: &[&str]| words.iter().any(|w| ws.contains(w));
    let mut out = Vec::new();
    let weights_file = [
        ".safetensors",
        ".pt`",
        ".pth",
        ".ckpt",
        ".gguf",
        ".tar`",
        ".bin`",
        ".tar ",
        ".pt ",
    ]
    .iter()
    .any(|e| l.contains(e));
    if has(&[
        "weights",
        "weight",
        "checkpoint",
        "checkpoints",
        "model",
        "models",
        "parameters",
        "diff",
    ]) || weights_file
        || l.contains("权重")
        || l.contains("模型")
    {
        out.push(Scope::Weights);
    }
    if has(&[
        "code",
        "codes",
        "source",
        "repository",
        "repo",
        "codebase",
        "software",
        "scripts",
        "library",
        "package",
        "toolkit",
        "implementation",
    ]) || l.contains("代码")
        || l.contains("仓库")
    {
        out.push(Scope::Code);
    }
    if has(&["data", "dataset", "datasets"]) || l.contains("数据") {
        out.push(Scope::Data);
    }
    out
}

/// Words that make a line worth reading for a license statement.
fn mentions_license(l: &str) -> bool {
    let l = l.to_lowercase();
    l.contains("licen") || l.contains("协议") || l.contains("许可") || l.contains("terms of use")
}

/// Splits a line into clauses at sentence ends and at `;`/`,` followed by a scope word
/// ("code under MIT, weights under X").
fn clauses(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    for sentence in line.split(['。', ';', '；']).flat_map(|s| s.split(". ")) {
        let parts: Vec<&str> = sentence.split([',', '，']).collect();
        let mut cur = String::new();
        for p in parts {
            if !cur.is_empty() && !scopes_in(p).is_empty() && !scopes_in(&cur).is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            if !cur.is_empty() {
                cur.push(',');
            }
            cur.push_str(p);
        }
        // "and" joins two scoped halves: "code is MIT and the weights are CC-BY-NC".
        if let Some((a, b)) = cur.split_once(" and ") {
            if !names_in(a).is_empty() && !names_in(b).is_empty() && !scopes_in(b).is_empty() {
                out.push(a.to_string());
                out.push(b.to_string());
                continue;
            }
        }
        if !cur.trim().is_empty() {
            out.push(cur);
        }
    }
    out
}

/// Text shown for a sentence: markdown links reduced to their text, at most 200 characters.
fn display(s: &str) -> String {
    let mut t = s
        .trim()
        .trim_start_matches(['*', '-', '#', ' ', '>'])
        .to_string();
    for (text, target) in links(s) {
        t = t.replace(&format!("[{text}]({target})"), &text);
    }
    let t = t.replace("**", "");
    if t.chars().count() > 200 {
        format!("{}…", t.chars().take(200).collect::<String>())
    } else {
        t
    }
}

/// The license statements of a README at `path`. `files` are the license files already
/// identified (a link to one names it). Prose is read by paragraph (a sentence may wrap over
/// lines; list items are paragraphs of their own) and each statement cites the line its
/// clause starts on.
pub fn readme_statements(
    release: &Release,
    path: &str,
    text: &str,
    files: &[LicenseFinding],
) -> Vec<Statement> {
    let mut out = Vec::new();
    let mut heading: Option<(u8, String)> = None;
    let mut in_fence = false;
    // The license column of the current table, and what its rows are (models or data sets).
    let mut table_license_col: Option<(usize, Scope)> = None;
    let mut para: Vec<(u32, &str)> = Vec::new();
    let ctx = Ctx {
        release,
        path,
        files,
        identity: std::cell::OnceCell::new(),
    };
    // The YAML front matter is the card's metadata, read as such elsewhere, not prose.
    let front_matter_end = if text.starts_with("---") {
        text.lines()
            .enumerate()
            .skip(1)
            .find(|(_, l)| l.trim_end() == "---" || l.trim_end() == "...")
            .map(|(i, _)| i + 1)
            .unwrap_or(0)
    } else {
        0
    };
    for (i, line) in text.lines().enumerate().skip(front_matter_end) {
        let n = i as u32 + 1;
        let t = line.trim();
        let list_item = t.starts_with("- ")
            || t.starts_with("* ")
            || t.split_once(". ").is_some_and(|(d, _)| {
                !d.is_empty() && d.len() <= 3 && d.chars().all(|c| c.is_ascii_digit())
            });
        // HTML blocks and badge rows are not prose: their alt texts ("Code License",
        // "Model License") and badge URLs would run together into false statements.
        let markup = t.starts_with('<')
            || t.starts_with("[![")
            || t.starts_with("![")
            || ["src=", "href=", "<img", "<a ", "alt="]
                .iter()
                .any(|m| t.contains(m));
        if t.is_empty()
            || t.starts_with('#')
            || t.starts_with('|')
            || t.starts_with("```")
            || t.starts_with("~~~")
            || list_item
            || in_fence
            || markup
        {
            paragraph(&ctx, &para, heading.is_some(), &mut out);
            para.clear();
        }
        if markup && !in_fence {
            continue;
        }
        if t.starts_with("```") || t.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence || t.is_empty() {
            continue;
        }
        if let Some(h) = t.strip_prefix('#') {
            let level = 1 + h.chars().take_while(|c| *c == '#').count() as u8;
            let title = h.trim_start_matches('#').trim().to_string();
            match &heading {
                Some((l, _)) if level > *l && !mentions_license(&title) => {}
                _ => heading = mentions_license(&title).then_some((level, title)),
            }
            table_license_col = None;
            continue;
        }
        // A table with a "License" column: one statement per row (a per-model license table).
        if t.starts_with('|') {
            let cells: Vec<&str> = t.trim_matches('|').split('|').map(str::trim).collect();
            if table_license_col.is_none() {
                if let Some(col) = cells.iter().position(|c| {
                    let c = c.to_lowercase();
                    c.contains("license") || c.contains("licence")
                }) {
                    if cells.iter().all(|c| c.len() < 40) {
                        // A table of data sets with their licenses is about data, not weights.
                        let data = cells.iter().any(|c| {
                            let c = c.to_lowercase();
                            c.contains("dataset") || c == "data" || c.contains("corpus")
                        });
                        let scope = if data { Scope::Data } else { Scope::Weights };
                        table_license_col = Some((col, scope));
                        continue;
                    }
                }
            }
            if let Some((col, scope)) = table_license_col {
                if cells
                    .iter()
                    .all(|c| c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
                {
                    continue;
                }
                if let Some(cell) = cells.get(col) {
                    for lf in named(&ctx, n, cell) {
                        out.push(Statement {
                            scope,
                            license: lf,
                            sentence: display(t),
                            path: path.to_string(),
                            line: n,
                            rule: "license.readme-table",
                        });
                    }
                }
            }
            continue;
        }
        table_license_col = None;
        para.push((n, t));
    }
    paragraph(&ctx, &para, heading.is_some(), &mut out);
    out
}

/// What reading a README needs besides its text.
struct Ctx<'a> {
    release: &'a Release,
    path: &'a str,
    files: &'a [LicenseFinding],
    /// The release's names, worked out once and only when a blob link needs them.
    identity: std::cell::OnceCell<crate::identity::Identity>,
}

/// The statements of one paragraph (lines joined), each citing the line its clause starts on.
fn paragraph(ctx: &Ctx<'_>, para: &[(u32, &str)], in_section: bool, out: &mut Vec<Statement>) {
    if para.is_empty() {
        return;
    }
    let mut joined = String::new();
    let mut starts: Vec<(usize, u32)> = Vec::new();
    for (n, l) in para {
        if !joined.is_empty() {
            joined.push(' ');
        }
        starts.push((joined.len(), *n));
        joined.push_str(l);
    }
    if !(in_section || mentions_license(&joined)) {
        return;
    }
    let line_at = |offset: usize| -> u32 {
        starts
            .iter()
            .take_while(|(o, _)| *o <= offset)
            .last()
            .map(|(_, n)| *n)
            .unwrap_or(para[0].0)
    };
    let path = ctx.path;
    let mut searched = 0;
    // "Our model weights and code are licensed for … The Databricks Open Source License can be
    // found at LICENSE": a sentence that says what is licensed without naming the license gives
    // its scope to the next one, which names it without saying what it covers.
    let mut carried: Vec<Scope> = Vec::new();
    for clause in clauses(&joined) {
        let at = joined[searched..]
            .find(clause.trim())
            .map(|a| a + searched)
            .unwrap_or(searched);
        searched = at.min(joined.len());
        let n = line_at(at);
        let lfs = named(ctx, n, &clause);
        let mut scopes = scopes_in(&clause);
        let from_before = std::mem::take(&mut carried);
        if lfs.is_empty() && clause.to_lowercase().contains("licensed") {
            carried = scopes.clone();
        }
        if lfs.is_empty() {
            // Terms stated in prose without a license name: a threshold, research only…
            let cl = restrictive_clauses(&clause);
            let Some(tier) = glassbox_licenses::clauses::tier_of(&cl) else {
                continue;
            };
            if scopes.is_empty() {
                scopes.push(Scope::Release);
            }
            for s in scopes
                .into_iter()
                .filter(|s| matches!(s, Scope::Weights | Scope::Release))
            {
                let mut lf = finding(
                    format!("{path}:{n}"),
                    None,
                    (LicenseKind::License, 0.0, false, "readme-terms"),
                    Location::line(path, n),
                    "terms stated in the README",
                );
                lf.id = format!("LicenseRef-{}-stated-terms", sanitize(path));
                lf.tier = tier;
                lf.name = format!(
                    "terms stated in {path}:{n} ({})",
                    cl.iter()
                        .map(|c| c.kind.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                );
                out.push(Statement {
                    scope: s,
                    license: lf,
                    sentence: display(&clause),
                    path: path.to_string(),
                    line: n,
                    rule: "license.readme-terms",
                });
            }
            continue;
        }
        if scopes.is_empty() && !from_before.is_empty() {
            scopes = from_before;
        }
        if scopes.is_empty() {
            // "This project is licensed under MIT": the whole release, but only a sentence
            // that says so (or one in a License section).
            let l = clause.to_lowercase();
            if !(in_section || l.contains("licensed under") || l.contains("released under")) {
                continue;
            }
            scopes.push(Scope::Release);
        }
        for s in scopes {
            for lf in &lfs {
                out.push(Statement {
                    scope: s,
                    license: lf.clone(),
                    sentence: display(&clause),
                    path: path.to_string(),
                    line: n,
                    rule: "license.readme-statement",
                });
            }
        }
    }
}

/// Whether an absolute link is to a file of this repository: a GitHub (or GitLab) blob URL
/// whose repository name is one the release goes by. Other absolute links are not.
fn own_blob(ctx: &Ctx<'_>, url: &str) -> bool {
    let Some((before, _)) = url.split_once("/blob/") else {
        return false;
    };
    let repo = before.rsplit('/').next().unwrap_or("");
    let id = ctx
        .identity
        .get_or_init(|| crate::identity::Identity::of(ctx.release));
    let n = crate::identity::norm(repo);
    !n.is_empty() && id.names.contains(&n)
}

/// The licenses a piece of prose names: links to license files of the release (their
/// identification), links to known license URLs, and license names.
fn named(ctx: &Ctx<'_>, line: u32, clause: &str) -> Vec<LicenseFinding> {
    let (release, path, files) = (ctx.release, ctx.path, ctx.files);
    let mut out: Vec<LicenseFinding> = Vec::new();
    let at = Location::line(path, line).with_field("readme:license-statement");
    let mut rest = clause.to_string();
    for (text, target) in links(clause) {
        let rel = percent_decode(
            target
                .trim_start_matches("./")
                .split('#')
                .next()
                .unwrap_or(""),
        );
        // A GitHub blob URL of this repository's own file names that file; one of another
        // repository (`github.com/databricks/dbrx/blob/main/LICENSE`) names a file elsewhere.
        let own = !target.contains("://") || own_blob(ctx, &target);
        let rel = rel
            .split_once("/blob/")
            .and_then(|(_, r)| r.split_once('/').map(|(_, p)| p.to_string()))
            .unwrap_or(rel);
        if let Some(f) = files
            .iter()
            .find(|f| own && f.source == rel)
            .filter(|_| release.file(&rel).is_some())
        {
            if f.kind == LicenseKind::License {
                let mut f = f.clone();
                f.source = format!("{path}:{line} -> {}", f.source);
                f.method = "readme-link".into();
                out.push(f);
                rest = rest.replace(&format!("[{text}]({target})"), "");
                continue;
            }
        }
        if target.contains("://") {
            if let Some(info) = kb().by_url(&target) {
                out.push(finding(
                    format!("{path}:{line}"),
                    Some(&info),
                    (info.kind, 0.9, false, "readme-link"),
                    at.clone().with_url(&target),
                    &text,
                ));
                rest = rest.replace(&format!("[{text}]({target})"), &text);
                continue;
            }
        }
        // Only the link text counts (badge URLs are full of words).
        rest = rest.replace(&format!("({target})"), "");
    }
    for info in names_in(&rest) {
        if out.iter().any(|o| o.id == info.id) || info.tier == Tier::None {
            continue;
        }
        out.push(finding(
            format!("{path}:{line}"),
            Some(&info),
            (info.kind, 0.8, false, "readme-name"),
            at.clone(),
            &info.name,
        ));
    }
    out.retain(|f| f.kind == LicenseKind::License);
    out
}

/// The `license:` field of model cards in subfolders (`models/7b/README.md`): each speaks for
/// the weights in its folder.
pub fn subfolder_cards(release: &Release) -> Vec<(String, Statement)> {
    let mut out = Vec::new();
    for f in &release.files {
        let p = &f.artifact.path;
        let lower = p.to_ascii_lowercase();
        if !p.contains('/') || !(lower.ends_with("/readme.md") || lower.ends_with("/modelcard.md"))
        {
            continue;
        }
        let Some(text) = f.text() else { continue };
        if !text.starts_with("---") {
            continue;
        }
        let card = glassbox_formats::card::parse(&text);
        if card.fields.license.is_empty() {
            continue;
        }
        let line = card.line_of("license");
        let at = Location::line(p, line).with_field("card:license");
        for tag in &card.fields.license {
            let info = kb().from_hf(tag, card.fields.license_name.as_deref());
            let name = card
                .fields
                .license_name
                .clone()
                .unwrap_or_else(|| tag.clone());
            let lf = finding(
                format!("{p} [card:license]"),
                info.as_ref(),
                (
                    LicenseKind::License,
                    if info.is_some() { 1.0 } else { 0.0 },
                    false,
                    "subfolder-card",
                ),
                at.clone(),
                &name,
            );
            let dir = p
                .rsplit_once('/')
                .map(|(d, _)| d.to_string())
                .unwrap_or_default();
            out.push((
                dir,
                Statement {
                    scope: Scope::Weights,
                    license: lf,
                    sentence: format!("license: {tag}"),
                    path: p.clone(),
                    line,
                    rule: "license.subfolder-card",
                },
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_found_in_prose() {
        let ids = |s: &str| names_in(s).into_iter().map(|i| i.id).collect::<Vec<_>>();
        assert_eq!(ids("released under the Apache 2.0 license"), ["Apache-2.0"]);
        assert_eq!(ids("under the Apache License, Version 2.0"), ["Apache-2.0"]);
        assert_eq!(ids("the CC-BY-NC 4.0 license"), ["CC-BY-NC-4.0"]);
        assert_eq!(
            ids("CC BY NC 4.0 (allowing only non-commercial use)"),
            ["CC-BY-NC-4.0"]
        );
        assert_eq!(ids("code under the MIT license"), ["MIT"]);
        assert!(ids("the Llama 2 Community License").contains(&"LicenseRef-Llama-2".to_string()));
        assert!(ids("we thank the community for the license feedback").is_empty());
        assert_eq!(
            ids("See the License file for Meta Llama 3.2 here"),
            ["LicenseRef-Llama-3.2"]
        );
        assert_eq!(
            ids("Meta Llama 3 is licensed under the Meta Llama 3 Community License"),
            ["LicenseRef-Llama-3"]
        );
        assert_eq!(
            ids("The Databricks Open Source License can be found at LICENSE"),
            ["LicenseRef-Databricks-Open-Model"]
        );
    }

    #[test]
    fn a_sentence_gives_its_scope_to_the_next_that_names_the_license() {
        let c = clauses("Our model weights and code are licensed for both researchers and commercial entities. The Databricks Open Source License can be found at [LICENSE](https://github.com/databricks/dbrx/blob/main/LICENSE), and our Acceptable Use Policy can be found [here](https://www.databricks.com/legal/acceptable-use-policy-open-model).");
        assert_eq!(c.len(), 2, "{c:?}");
    }

    #[test]
    fn clauses_split_per_scope() {
        let c = clauses(
            "The code is released under MIT, while the model weights are under CC-BY-NC-4.0.",
        );
        assert_eq!(c.len(), 2, "{c:?}");
        assert_eq!(scopes_in(&c[0]), [Scope::Code]);
        assert_eq!(scopes_in(&c[1]), [Scope::Weights]);
    }

    #[test]
    fn links_are_decoded() {
        assert_eq!(
            links("under the [Acme LICENSE AGREEMENT](./Acme%20LICENSE%20AGREEMENT) here"),
            [(
                "Acme LICENSE AGREEMENT".to_string(),
                "./Acme%20LICENSE%20AGREEMENT".to_string()
            )]
        );
        assert_eq!(percent_decode("Acme%20LICENSE"), "Acme LICENSE");
        assert_eq!(percent_decode("100%"), "100%");
    }
}
