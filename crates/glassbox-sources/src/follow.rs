//! Linked artifacts: what a release's card points at. Code repositories (the usual home of
//! training code) are cloned; `datasets:` ids become linked releases holding each dataset's
//! card and license files; `base_model` becomes a lineage tree with each base's licenses;
//! arXiv ids are recorded, never fetched. Everything is bounded (depth, count), `--no-follow`
//! turns it off, and a link to `file://`, a private, loopback or link-local address, or any
//! host other than the configured endpoint (for Hub links) or a public git host (for code) is
//! never followed; the refusal is recorded instead.

use glassbox_core::codes::SourceCode;
use std::collections::HashSet;
use std::net::{IpAddr, ToSocketAddrs};
use std::path::PathBuf;

use glassbox_core::{Finding, Location, Severity};
use glassbox_formats::card::{self, LinkKind};

use crate::git::{self, GitOptions};
use crate::hf::repo::RepoRef;
use crate::hf::{FetchScope, Hub};
use crate::release::{Limits, Release, SourceError};

/// How far links are followed.
#[derive(Debug, Clone)]
pub struct FollowOptions {
    /// Follow at all (`--no-follow` turns it off).
    pub enabled: bool,
    /// Deepest `base_model` chain walked.
    pub max_lineage_depth: usize,
    /// Most base models looked up in all.
    pub max_lineage_nodes: usize,
    /// Most datasets opened.
    pub max_datasets: usize,
    /// Most code repositories cloned.
    pub max_code_repos: usize,
    /// Most papers recorded.
    pub max_papers: usize,
}

impl Default for FollowOptions {
    fn default() -> Self {
        FollowOptions {
            enabled: true,
            max_lineage_depth: 4,
            max_lineage_nodes: 16,
            max_datasets: 8,
            max_code_repos: 3,
            max_papers: 20,
        }
    }
}

/// What a link is to the release.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Relation {
    /// A source repository linked from the card.
    CodeRepository,
    /// A dataset named in `datasets:` or linked.
    Dataset,
    /// A paper (arXiv id recorded, not fetched).
    Paper,
}

impl Relation {
    /// Kebab-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::CodeRepository => "code-repository",
            Relation::Dataset => "dataset",
            Relation::Paper => "paper",
        }
    }
}

/// One linked artifact, with its release when it was fetched.
#[derive(Debug, Clone)]
pub struct Linked {
    /// What it is to the release.
    pub relation: Relation,
    /// Dataset id, repository URL or arXiv id.
    pub id: String,
    /// Where it can be seen.
    pub url: Option<String>,
    /// Where the release names it (card field or line).
    pub found_at: Location,
    /// The linked release, when followed and fetched.
    pub release: Option<Release>,
    /// Why it was not followed, or what went wrong.
    pub note: Option<String>,
    /// Refused by the link policy (`file://`, private or loopback address, not https).
    pub refused: bool,
}

/// One model in the `base_model` lineage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineageNode {
    /// Hub model id.
    pub id: String,
    /// `base_model_relation` of the child (finetune, adapter, quantized, merge), when stated.
    pub relation: Option<String>,
    /// The card's `license` values.
    pub licenses: Vec<String>,
    /// The card's `license_name`.
    pub license_name: Option<String>,
    /// The commit looked at.
    pub revision: Option<String>,
    /// Its own bases.
    pub bases: Vec<LineageNode>,
    /// Why the node could not be looked up (or was cut); `None` when its card was read.
    pub note: Option<String>,
    /// Where it is named: the release card's `base_model` line, or its child's card on the Hub.
    pub named_at: Location,
}

/// A resolved target with what it links to.
#[derive(Debug, Clone)]
pub struct Resolution {
    /// The release itself.
    pub release: Release,
    /// Linked artifacts (datasets, code repositories, papers).
    pub linked: Vec<Linked>,
    /// The `base_model` tree.
    pub lineage: Vec<LineageNode>,
    /// The Hub endpoint links were resolved against.
    pub endpoint: String,
}

impl Resolution {
    /// The `base_model` lineage as the report's tree, each base with its licenses and where
    /// they were read (see [`crate::lineage`]).
    pub fn lineage_tree(&self) -> Vec<glassbox_core::LineageNode> {
        crate::lineage::report_tree(&self.lineage, &self.endpoint)
    }
}

/// How linked Hub repositories and git repositories are fetched.
pub struct Fetch<'a> {
    /// The Hub client (`None` offline).
    pub hub: Option<&'a Hub>,
    /// The Hugging Face cache folder.
    pub cache: Option<PathBuf>,
    /// The endpoint (for pinned URLs and the link policy).
    pub endpoint: String,
    /// Git settings.
    pub git: GitOptions,
    /// Limits for linked releases.
    pub limits: Limits,
}

impl Fetch<'_> {
    fn open_repo(&self, repo: &RepoRef, scope: FetchScope) -> Result<Release, SourceError> {
        let spec = format!("hf:{}", repo.display_id());
        match self.hub {
            Some(hub) => hub.open(&spec, repo, &self.limits, scope),
            None => match &self.cache {
                Some(c) => crate::cache::open(&spec, c, repo, &self.endpoint, &self.limits),
                None => Err(SourceError::Offline {
                    what: spec,
                    cache: "(no cache folder)".into(),
                }),
            },
        }
    }

    /// Card metadata of a model: (licenses, license_name, bases, relation, commit).
    fn model_meta(&self, id: &str) -> Result<Meta, SourceError> {
        let repo = RepoRef::model(id)?;
        if let Some(hub) = self.hub {
            let info = hub.info(&repo, false)?;
            let relation = info
                .card_data
                .get("base_model_relation")
                .and_then(|v| v.as_str())
                .map(str::to_string);
            return Ok(Meta {
                licenses: info.card_licenses(),
                license_name: info.license_name(),
                bases: info.base_models(),
                relation,
                commit: info.sha.clone(),
            });
        }
        let rel = self.open_repo(&repo, FetchScope::CardAndLicenses)?;
        let c = rel
            .file("README.md")
            .and_then(|f| f.text())
            .map(|t| card::parse(&t));
        let f = c.map(|c| c.fields).unwrap_or_default();
        Ok(Meta {
            licenses: f.license,
            license_name: f.license_name,
            bases: f.base_model,
            relation: f.base_model_relation,
            commit: rel.target.revision,
        })
    }
}

struct Meta {
    licenses: Vec<String>,
    license_name: Option<String>,
    bases: Vec<String>,
    relation: Option<String>,
    commit: Option<String>,
}

/// Follows what the release's card links to.
pub fn follow(release: Release, fetch: &Fetch<'_>, opts: &FollowOptions) -> Resolution {
    let mut linked = Vec::new();
    let mut lineage = Vec::new();
    let text = release
        .file("README.md")
        .and_then(|f| f.text())
        .map(|t| t.into_owned())
        .unwrap_or_default();
    let c = card::parse(&text);
    let endpoint_auth = crate::net::http::authority(&fetch.endpoint).map(|(_, a)| a);

    // Papers: links and `arxiv:` tags, recorded only.
    let mut papers = Vec::new();
    for l in c.links.iter().filter(|l| l.kind == LinkKind::Paper) {
        if let Some(id) = arxiv_id(&l.url) {
            papers.push((id, Some(l.url.clone()), Location::line("README.md", l.line)));
        }
    }
    for t in &c.fields.tags {
        if let Some(id) = t.strip_prefix("arxiv:") {
            papers.push((
                id.to_string(),
                Some(format!("https://arxiv.org/abs/{id}")),
                Location::field("README.md", "card:tags"),
            ));
        }
    }
    let mut seen = HashSet::new();
    for (id, url, at) in papers {
        if seen.insert(id.clone()) && seen.len() <= opts.max_papers {
            linked.push(Linked {
                relation: Relation::Paper,
                id,
                url,
                found_at: at,
                release: None,
                note: Some("recorded, not fetched".into()),
                refused: false,
            });
        }
    }

    // Datasets: `datasets:` ids and links to the endpoint's dataset pages.
    let mut datasets: Vec<(String, Location)> = c
        .fields
        .datasets
        .iter()
        .map(|d| (d.clone(), Location::field("README.md", "card:datasets")))
        .collect();
    for l in c
        .links
        .iter()
        .filter(|l| matches!(l.kind, LinkKind::Dataset | LinkKind::Other))
    {
        let Some((_, auth)) = crate::net::http::authority(&l.url) else {
            continue;
        };
        if Some(&auth) == endpoint_auth.as_ref() || auth == "huggingface.co" || auth == "hf.co" {
            let path = l.url.split_once(&auth).map(|x| x.1).unwrap_or("");
            let segs: Vec<&str> = path
                .split(['?', '#'])
                .next()
                .unwrap_or("")
                .split('/')
                .filter(|s| !s.is_empty())
                .collect();
            if segs.first() == Some(&"datasets") && segs.len() >= 3 {
                datasets.push((
                    format!("{}/{}", segs[1], segs[2]),
                    Location::line("README.md", l.line),
                ));
            }
        }
    }
    let mut seen = HashSet::new();
    for (id, at) in datasets {
        if !seen.insert(id.clone()) {
            continue;
        }
        let url = format!("{}/datasets/{id}", fetch.endpoint);
        let mut item = Linked {
            relation: Relation::Dataset,
            id: id.clone(),
            url: Some(url),
            found_at: at,
            release: None,
            note: None,
            refused: false,
        };
        if !opts.enabled {
            item.note = Some("not followed (--no-follow)".into());
        } else if seen.len() > opts.max_datasets {
            item.note = Some(format!(
                "not followed: more than {} datasets",
                opts.max_datasets
            ));
        } else {
            match RepoRef::dataset(&id)
                .and_then(|r| fetch.open_repo(&r, FetchScope::CardAndLicenses))
            {
                Ok(r) => item.release = Some(pin_spec(r)),
                Err(e) => item.note = Some(e.to_string()),
            }
        }
        linked.push(item);
    }

    // Code repositories: the card's code links, then the submodules `.gitmodules` pins (the
    // same bounds and link policy apply to both).
    let mut code_links: Vec<(String, Location)> = c
        .links
        .iter()
        .filter(|l| l.kind == LinkKind::CodeRepository)
        .map(|l| (l.url.clone(), Location::line("README.md", l.line)))
        .collect();
    if let Some(t) = release.file(".gitmodules").and_then(|f| f.text()) {
        for s in crate::gitmodules::parse(&t) {
            code_links.push((s.url, Location::line(".gitmodules", s.line)));
        }
    }
    let mut seen = HashSet::new();
    for (link_url, found_at) in code_links {
        let url = repo_root(&link_url);
        if !seen.insert(url.clone()) {
            continue;
        }
        let mut item = Linked {
            relation: Relation::CodeRepository,
            id: url.clone(),
            url: Some(link_url.clone()),
            found_at,
            release: None,
            note: None,
            refused: false,
        };
        if !opts.enabled {
            item.note = Some("not followed (--no-follow)".into());
        } else if let Err(why) = check_git_link(&url) {
            item.note = Some(format!("not followed: {why}"));
            item.refused = true;
        } else if seen.len() > opts.max_code_repos {
            item.note = Some(format!(
                "not followed: more than {} code repositories",
                opts.max_code_repos
            ));
        } else if let Err(why) = if fetch.git.offline {
            Ok(())
        } else {
            resolves_public(&url)
        } {
            item.note = Some(format!("not followed: {why}"));
        } else {
            let git = GitOptions {
                card_link: true,
                ..fetch.git.clone()
            };
            match git::open(&url, &git, &fetch.limits) {
                Ok(r) => item.release = Some(pin_spec(r)),
                Err(e) => item.note = Some(e.to_string()),
            }
        }
        linked.push(item);
    }

    // Lineage. A card naming more bases than the node bound lists only that many: the
    // tree is bounded even when nothing is followed.
    if !c.fields.base_model.is_empty() {
        let mut budget = opts.max_lineage_nodes;
        let mut visiting = HashSet::new();
        let at = Location::line("README.md", c.line_of("base_model")).with_field("card:base_model");
        for b in c.fields.base_model.iter().take(opts.max_lineage_nodes) {
            lineage.push(lineage_node(
                b,
                c.fields.base_model_relation.clone(),
                at.clone(),
                1,
                fetch,
                opts,
                &mut budget,
                &mut visiting,
            ));
        }
    }
    let mut release = release;
    // Failures are findings when a fetch was possible; offline, the notes say why.
    for l in linked.iter().filter(|l| l.refused || fetch.hub.is_some()) {
        if l.relation != Relation::Paper
            && l.release.is_none()
            && l.note
                .as_deref()
                .is_some_and(|n| !n.contains("--no-follow"))
        {
            release.problems.push(Finding::new(
                SourceCode::LinkNotFollowed,
                Severity::Info,
                format!(
                    "{} {}: {}",
                    l.relation.as_str(),
                    l.id,
                    l.note.as_deref().unwrap_or("")
                ),
                l.found_at.clone(),
            ));
        }
    }
    Resolution {
        release,
        linked,
        lineage,
        endpoint: fetch.endpoint.clone(),
    }
}

#[allow(clippy::too_many_arguments)]
fn lineage_node(
    id: &str,
    relation: Option<String>,
    named_at: Location,
    depth: usize,
    fetch: &Fetch<'_>,
    opts: &FollowOptions,
    budget: &mut usize,
    visiting: &mut HashSet<String>,
) -> LineageNode {
    let mut node = LineageNode {
        id: id.to_string(),
        relation,
        licenses: Vec::new(),
        license_name: None,
        revision: None,
        bases: Vec::new(),
        note: None,
        named_at,
    };
    if !opts.enabled {
        node.note = Some("not followed (--no-follow)".into());
        return node;
    }
    if *budget == 0 || depth > opts.max_lineage_depth {
        node.note = Some("not followed: lineage bound reached".into());
        return node;
    }
    if !visiting.insert(id.to_string()) {
        node.note = Some("cycle in base_model chain".into());
        return node;
    }
    *budget -= 1;
    match fetch.model_meta(id) {
        Ok(m) => {
            node.licenses = m.licenses;
            node.license_name = m.license_name;
            node.revision = m.commit;
            let at = Location {
                url: Some(card_url(&fetch.endpoint, id, node.revision.as_deref())),
                field: Some("card:base_model".into()),
                ..Default::default()
            };
            for b in m.bases {
                if b == id {
                    continue;
                }
                node.bases.push(lineage_node(
                    &b,
                    m.relation.clone(),
                    at.clone(),
                    depth + 1,
                    fetch,
                    opts,
                    budget,
                    visiting,
                ));
            }
        }
        Err(e) => node.note = Some(e.to_string()),
    }
    visiting.remove(id);
    node
}

/// A model's card on the Hub, pinned to the commit read when there is one.
pub(crate) fn card_url(endpoint: &str, id: &str, revision: Option<&str>) -> String {
    let endpoint = endpoint.trim_end_matches('/');
    match revision {
        Some(rev) => format!("{endpoint}/{id}/resolve/{rev}/README.md"),
        None => format!("{endpoint}/{id}"),
    }
}

/// Names a linked release by its resolved commit (`hf:datasets/org/data@<sha>`,
/// `https://…/repo@<sha>`), so evidence from it says exactly what was read.
fn pin_spec(mut r: Release) -> Release {
    if let Some(rev) = &r.target.revision {
        if !r.target.spec.ends_with(&format!("@{rev}")) {
            r.target.spec = format!("{}@{rev}", r.target.spec);
        }
    }
    r
}

/// The arXiv id in an arXiv URL (`/abs/2307.09288v2` → `2307.09288`).
pub fn arxiv_id(url: &str) -> Option<String> {
    let (host, _) = crate::net::http::authority(url)?;
    if host.trim_start_matches("www.") != "arxiv.org" {
        return None;
    }
    let path = url.split("arxiv.org").nth(1)?;
    let last = path
        .split(['?', '#'])
        .next()?
        .trim_end_matches('/')
        .trim_end_matches(".pdf");
    let id = last
        .strip_prefix("/abs/")
        .or_else(|| last.strip_prefix("/pdf/"))
        .or_else(|| last.strip_prefix("/html/"))?;
    let id = match id.rfind('v') {
        Some(i)
            if i > 0
                && id[i + 1..].chars().all(|c| c.is_ascii_digit())
                && !id[i + 1..].is_empty() =>
        {
            &id[..i]
        }
        _ => id,
    };
    let ok =
        (id.len() >= 9 && id.chars().all(|c| c.is_ascii_digit() || c == '.')) || id.contains('/');
    ok.then(|| id.to_string())
}

/// A repository's root URL from a deep link (`…/org/repo/tree/main/x` → `…/org/repo`).
pub fn repo_root(url: &str) -> String {
    let Some((host, auth)) = crate::net::http::authority(url) else {
        return url.to_string();
    };
    let scheme = if url.starts_with("https://") {
        "https://"
    } else {
        "http://"
    };
    let path = url.split_once(&auth).map(|x| x.1).unwrap_or("");
    let path = path.split(['?', '#']).next().unwrap_or("");
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if matches!(
        host.trim_start_matches("www."),
        "github.com" | "gitlab.com" | "codeberg.org" | "bitbucket.org"
    ) && segs.len() >= 2
    {
        return format!(
            "{scheme}{}/{}/{}",
            host.trim_start_matches("www."),
            segs[0],
            segs[1].trim_end_matches(".git")
        );
    }
    url.split(['?', '#']).next().unwrap_or(url).to_string()
}

/// Whether a host (name or IP literal) is private, loopback, link-local or otherwise not public.
pub fn non_public_host(host: &str) -> bool {
    if let Ok(ip) = host.parse::<IpAddr>() {
        return non_public_ip(ip);
    }
    let h = host.trim_end_matches('.');
    h == "localhost"
        || !h.contains('.')
        || [
            ".localhost",
            ".local",
            ".internal",
            ".lan",
            ".home",
            ".corp",
            ".intranet",
        ]
        .iter()
        .any(|s| h.ends_with(s))
}

/// Whether an address is not a public unicast address.
pub fn non_public_ip(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            v4.is_private()
                || v4.is_loopback()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || v4.is_documentation()
                || o[0] == 0
                || (o[0] == 100 && (64..128).contains(&o[1]))
                || o[0] >= 240
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return non_public_ip(IpAddr::V4(v4));
            }
            let s = v6.segments();
            v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (s[0] & 0xfe00) == 0xfc00
                || (s[0] & 0xffc0) == 0xfe80
        }
    }
}

/// A code link glassbox may clone: `https://` to a public host name.
pub fn check_git_link(url: &str) -> Result<(), String> {
    let lower = url.to_ascii_lowercase();
    if !lower.starts_with("https://") {
        return Err(format!(
            "only https:// repositories are followed (`{}`)",
            url.chars().take(100).collect::<String>()
        ));
    }
    let (host, _) = crate::net::http::authority(url).ok_or("no host")?;
    if non_public_host(&host) {
        return Err(format!("`{host}` is a private, loopback or local address"));
    }
    Ok(())
}

/// Checks that a public-looking host name does not resolve to a private address.
fn resolves_public(url: &str) -> Result<(), String> {
    let (host, _) = crate::net::http::authority(url).ok_or("no host")?;
    let addrs = (host.as_str(), 443)
        .to_socket_addrs()
        .map_err(|e| format!("cannot resolve `{host}`: {e}"))?;
    for a in addrs {
        if non_public_ip(a.ip()) {
            return Err(format!("`{host}` resolves to a non-public address"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arxiv_ids() {
        assert_eq!(
            arxiv_id("https://arxiv.org/abs/2307.09288v2").unwrap(),
            "2307.09288"
        );
        assert_eq!(
            arxiv_id("https://arxiv.org/pdf/2307.09288.pdf").unwrap(),
            "2307.09288"
        );
        assert_eq!(
            arxiv_id("https://www.arxiv.org/abs/hep-th/9901001").unwrap(),
            "hep-th/9901001"
        );
        assert_eq!(arxiv_id("https://example.org/abs/2307.09288"), None);
    }

    #[test]
    fn link_policy() {
        assert!(check_git_link("https://github.com/o/r").is_ok());
        for bad in [
            "file:///etc",
            "http://github.com/o/r",
            "https://127.0.0.1/o/r",
            "https://10.1.2.3/o/r",
            "https://192.168.0.1/r",
            "https://169.254.169.254/latest",
            "https://[::1]/r",
            "https://[fd00::1]/r",
            "https://localhost/r",
            "https://intranet/r",
            "https://git.corp/r",
            "ssh://git@github.com/o/r",
        ] {
            assert!(check_git_link(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn repo_roots() {
        assert_eq!(
            repo_root("https://github.com/o/r/tree/main/train"),
            "https://github.com/o/r"
        );
        assert_eq!(
            repo_root("https://www.github.com/o/r.git"),
            "https://github.com/o/r"
        );
        assert_eq!(
            repo_root("https://example.org/x.git?y"),
            "https://example.org/x.git"
        );
    }
}

#[cfg(test)]
mod gitmodule_tests {
    use super::*;

    #[test]
    fn submodules_are_code_links_under_the_same_bounds() {
        let dir =
            std::env::temp_dir().join(format!("glassbox-follow-gitmodules-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join(".gitmodules"),
            "[submodule \"neox\"]\n\tpath = neox\n\turl = https://github.com/o/neox.git\n[submodule \"local\"]\n\tpath = l\n\turl = file:///etc/x\n",
        )
        .unwrap();
        let release = crate::resolve(dir.to_str().unwrap(), &Default::default()).unwrap();
        let fetch = Fetch {
            hub: None,
            cache: None,
            endpoint: "https://huggingface.co".into(),
            git: GitOptions {
                offline: true,
                ..Default::default()
            },
            limits: Limits::default(),
        };
        let opts = FollowOptions::default();
        let r = follow(release, &fetch, &opts);
        let code: Vec<&Linked> = r
            .linked
            .iter()
            .filter(|l| l.relation == Relation::CodeRepository)
            .collect();
        assert_eq!(code.len(), 2);
        assert_eq!(code[0].id, "https://github.com/o/neox");
        assert_eq!(code[0].found_at, Location::line(".gitmodules", 3));
        assert!(code[1].refused, "file:// is never followed");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
