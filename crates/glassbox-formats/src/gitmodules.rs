//! `.gitmodules`: the repositories a git release pins as submodules. Each is a linked code
//! repository (followed like a card's code link) and evidence in its own right.

/// One `[submodule "…"]` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submodule {
    /// The submodule's name.
    pub name: String,
    /// Where it sits in the tree.
    pub path: String,
    /// Its repository URL, as an `https://` URL when it was an scp-like `git@host:o/r` form.
    pub url: String,
    /// 1-based line of the `url =` entry.
    pub line: u32,
}

/// `git@github.com:o/r.git` → `https://github.com/o/r.git`; other forms unchanged.
pub fn https_url(url: &str) -> String {
    let u = url.trim();
    if let Some(rest) = u.strip_prefix("git@") {
        if let Some((host, path)) = rest.split_once(':') {
            return format!("https://{host}/{}", path.trim_start_matches('/'));
        }
    }
    if let Some(rest) = u.strip_prefix("git://") {
        return format!("https://{rest}");
    }
    u.to_string()
}

/// Parses a `.gitmodules` text. Entries without a URL are skipped.
pub fn parse(text: &str) -> Vec<Submodule> {
    let mut out = Vec::new();
    let mut cur: Option<Submodule> = None;
    let flush = |cur: &mut Option<Submodule>, out: &mut Vec<Submodule>| {
        if let Some(s) = cur.take().filter(|s| !s.url.is_empty()) {
            out.push(s);
        }
    };
    for (i, raw) in text.lines().enumerate() {
        let t = raw.trim();
        if t.starts_with('#') || t.starts_with(';') || t.is_empty() {
            continue;
        }
        if let Some(h) = t.strip_prefix("[submodule") {
            flush(&mut cur, &mut out);
            let name = h.trim().trim_end_matches(']').trim().trim_matches('"');
            cur = Some(Submodule {
                name: name.to_string(),
                path: name.to_string(),
                url: String::new(),
                line: i as u32 + 1,
            });
            continue;
        }
        let Some(s) = cur.as_mut() else { continue };
        if let Some((k, v)) = t.split_once('=') {
            match k.trim() {
                "path" => s.path = v.trim().to_string(),
                "url" => {
                    s.url = https_url(v);
                    s.line = i as u32 + 1;
                }
                _ => {}
            }
        }
    }
    flush(&mut cur, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries() {
        let t = "[submodule \"utils/gpt-neox\"]\n\tpath = utils/gpt-neox\n\turl = https://github.com/EleutherAI/gpt-neox.git\n[submodule \"x\"]\n\tpath = third/x\n\turl = git@github.com:o/x.git\n[submodule \"nourl\"]\n\tpath = n\n";
        let s = parse(t);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].path, "utils/gpt-neox");
        assert_eq!(s[0].line, 3);
        assert_eq!(s[1].url, "https://github.com/o/x.git");
    }
}
