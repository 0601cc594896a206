//! Loads the embedded knowledge base and the SPDX list into one table with its indexes.

use std::collections::{BTreeMap, HashMap};

use glassbox_core::{LicenseKind, Tier};
use serde::Deserialize;

use crate::fingerprint::Fingerprint;
use crate::lineage::Family;
use crate::model::{parse_kind, parse_tier, Commercial, EntryFile, Flags, LicenseInfo, Origin};
use crate::normalize::normalize;

mod files {
    include!(concat!(env!("OUT_DIR"), "/kb_files.rs"));
}

/// A phrase that identifies a license text (a title line) or points to one (a notice).
#[derive(Debug, Clone)]
pub(crate) struct Phrase {
    /// Normalised words, with a space on each side.
    pub text: String,
    /// Index of the entry.
    pub entry: usize,
    /// A notice (points to the license) rather than a title (is the license).
    pub notice: bool,
}

/// The loaded tables.
pub(crate) struct Tables {
    pub entries: Vec<LicenseInfo>,
    pub by_key: HashMap<String, usize>,
    pub hf: HashMap<String, usize>,
    pub hf_names: HashMap<String, usize>,
    pub hf_ambiguous: BTreeMap<String, String>,
    pub phrases: Vec<Phrase>,
    pub fingerprints: Vec<Fingerprint>,
    pub families: Vec<Family>,
    /// Entries from the reviewed knowledge base (the rest come from the SPDX list).
    pub reviewed: usize,
}

#[derive(Deserialize)]
struct HfTags {
    tags: BTreeMap<String, String>,
    ambiguous: BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct LineageFile {
    family: Vec<Family>,
}

/// Lower-cased key used by every id lookup.
pub(crate) fn key(s: &str) -> String {
    s.trim().to_ascii_lowercase()
}

/// Loads everything. The embedded data is checked by the crate's tests, so a failure here is a
/// build defect, reported with the file and the reason rather than a bare unwrap.
pub(crate) fn load() -> Result<Tables, String> {
    let mut entries = Vec::new();
    let mut raw = Vec::new();
    for (file, body) in files::LICENSE_FILES {
        let e: EntryFile =
            toml::from_str(body).map_err(|err| format!("kb/licenses/{file}: {err}"))?;
        let info = entry_info(file, &e)?;
        entries.push(info);
        raw.push(e);
    }
    let reviewed = entries.len();
    let mut by_key = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        if by_key.insert(key(&e.id), i).is_some() {
            return Err(format!("duplicate id {}", e.id));
        }
    }
    let mut deprecated_gnu = Vec::new();
    for l in spdx::identifiers::LICENSES {
        let k = key(l.name);
        if by_key.contains_key(&k) {
            continue;
        }
        if let Some(id) = spdx::license_id(l.name) {
            if id.is_deprecated() && id.is_gnu() {
                deprecated_gnu.push((l.name, id));
                continue;
            }
            by_key.insert(k, entries.len());
            entries.push(from_spdx(id));
        }
    }
    // `GPL-2.0` and `GPL-2.0+` are deprecated spellings of `GPL-2.0-only` and
    // `GPL-2.0-or-later`: they resolve to those entries rather than to copies of them.
    for (name, id) in deprecated_gnu {
        let base = name.trim_end_matches('+');
        let target = if name.ends_with('+') {
            format!("{base}-or-later")
        } else {
            format!("{base}-only")
        };
        match by_key.get(&key(&target)).copied() {
            Some(i) => {
                by_key.insert(key(name), i);
            }
            None => {
                by_key.insert(key(name), entries.len());
                entries.push(from_spdx(id));
            }
        }
    }
    // Secondary keys: ScanCode keys, `LicenseRef-scancode-<key>`, aliases and names. Ids win
    // over them, so only keys not yet taken are added.
    let mut secondary: Vec<(String, usize)> = Vec::new();
    for (i, e) in entries.iter().enumerate().take(reviewed) {
        if let Some(sc) = &e.scancode {
            secondary.push((key(sc), i));
            secondary.push((key(&format!("LicenseRef-scancode-{sc}")), i));
        }
        for a in e.aliases.iter().chain(std::iter::once(&e.name)) {
            secondary.push((key(a), i));
        }
    }
    for (i, e) in entries.iter().enumerate().skip(reviewed) {
        secondary.push((key(&e.name), i));
    }
    for (k, i) in secondary {
        by_key.entry(k).or_insert(i);
    }

    let tags: HfTags = toml::from_str(include_str!("../kb/hf-tags.toml"))
        .map_err(|e| format!("kb/hf-tags.toml: {e}"))?;
    let mut hf = HashMap::new();
    let mut hf_names = HashMap::new();
    for (i, e) in entries.iter().enumerate().take(reviewed) {
        for t in &e.hf {
            if hf.insert(key(t), i).is_some() {
                return Err(format!("Hugging Face tag {t} listed twice"));
            }
        }
        for n in &e.hf_names {
            if hf_names.insert(key(n), i).is_some() {
                return Err(format!("Hugging Face license_name {n} listed twice"));
            }
        }
    }
    for (tag, id) in &tags.tags {
        let i = *by_key
            .get(&key(id))
            .ok_or_else(|| format!("kb/hf-tags.toml: {tag} -> unknown id {id}"))?;
        hf.entry(key(tag)).or_insert(i);
    }

    let mut phrases = Vec::new();
    for (i, e) in raw.iter().enumerate() {
        for (list, notice) in [(&e.phrases, false), (&e.notices, true)] {
            for p in list {
                let n = normalize(p);
                if n.flat.trim().is_empty() {
                    return Err(format!("{}: phrase `{p}` normalises to nothing", e.id));
                }
                phrases.push(Phrase {
                    text: n.flat,
                    entry: i,
                    notice,
                });
            }
        }
    }

    let mut fingerprints = Vec::new();
    for (file, body) in files::FINGERPRINT_FILES {
        let fp = Fingerprint::parse(file, body)?;
        if !by_key.contains_key(&key(&fp.id)) {
            return Err(format!("kb/fingerprints/{file}: unknown id {}", fp.id));
        }
        fingerprints.push(fp);
    }

    let lineage: LineageFile = toml::from_str(include_str!("../kb/lineage.toml"))
        .map_err(|e| format!("kb/lineage.toml: {e}"))?;
    for f in &lineage.family {
        if !by_key.contains_key(&key(&f.license)) {
            return Err(format!(
                "kb/lineage.toml: family {} names unknown license {}",
                f.name, f.license
            ));
        }
    }

    Ok(Tables {
        entries,
        by_key,
        hf,
        hf_names,
        hf_ambiguous: tags.ambiguous,
        phrases,
        fingerprints,
        families: lineage.family,
        reviewed,
    })
}

fn entry_info(file: &str, e: &EntryFile) -> Result<LicenseInfo, String> {
    let tier =
        parse_tier(&e.tier).ok_or_else(|| format!("kb/licenses/{file}: bad tier `{}`", e.tier))?;
    let kind =
        parse_kind(&e.kind).ok_or_else(|| format!("kb/licenses/{file}: bad kind `{}`", e.kind))?;
    let spdx_id = spdx::license_id(&e.id).map(|l| l.name.to_string());
    if e.id.starts_with("LicenseRef-") == spdx_id.is_some() {
        return Err(format!(
            "kb/licenses/{file}: id {} must be an SPDX id or a LicenseRef- id",
            e.id
        ));
    }
    Ok(LicenseInfo {
        id: e.id.clone(),
        name: e.name.clone(),
        tier,
        osi_approved: e.flags.osi_approved,
        kind,
        obligations: e.obligations.clone(),
        flags: e.flags.clone(),
        flag_sources: e.sources.clone(),
        spdx: spdx_id,
        hf: e.hf.clone(),
        hf_names: e.hf_names.clone(),
        scancode: e.scancode.clone(),
        aliases: e.aliases.clone(),
        family: e.family.clone(),
        version: e.version.clone(),
        date: e.date.clone(),
        policy: e.policy.clone(),
        policy_of: e.policy_of.clone(),
        urls: e.urls.clone(),
        notes: e.notes.clone(),
        origin: Origin::KnowledgeBase,
    })
}

/// An SPDX list entry the knowledge base does not review: flags from the list's own flags.
///
/// OSI-approved licenses are tier P. The rest are graded by what the list says and, for the
/// Creative Commons style ids, by their NC and ND parts; a license the list marks neither
/// OSI-approved nor FSF-free is taken as restricted until someone reviews it, since nothing
/// says it allows every use.
pub(crate) fn from_spdx(l: spdx::LicenseId) -> LicenseInfo {
    let upper = l.name.to_ascii_uppercase();
    let nc = upper.contains("-NC") || upper.contains("NONCOMMERCIAL");
    let nd = upper.contains("-ND");
    let reviewed_open = l.is_osi_approved() || l.is_fsf_free_libre();
    let mut sources = BTreeMap::new();
    let list = format!("SPDX License List {} (spdx crate)", spdx::license_version());
    sources.insert(
        "osi_approved".into(),
        format!("{list}: isOsiApproved = {}", l.is_osi_approved()),
    );
    if l.is_copyleft() {
        sources.insert("share_alike".into(), format!("{list}: copyleft"));
    }
    if nc {
        sources.insert("non_commercial".into(), format!("{list}: NC in the id"));
    }
    if nd {
        sources.insert("no_derivatives".into(), format!("{list}: ND in the id"));
    }
    let unreviewed = !reviewed_open && !nc && !nd;
    if unreviewed {
        sources.insert(
            "use_restrictions".into(),
            format!(
                "{list}: neither OSI-approved nor FSF free/libre; terms not reviewed by glassbox"
            ),
        );
    }
    let flags = Flags {
        osi_approved: l.is_osi_approved(),
        commercial_use: if nc { Commercial::No } else { Commercial::Yes },
        non_commercial: nc,
        no_derivatives: nd,
        share_alike: l.is_copyleft(),
        use_restrictions: unreviewed,
        ..Default::default()
    };
    let tier = flags.tier();
    let mut notes =
        vec!["Not reviewed by the project: flags from the SPDX license list only.".to_string()];
    if l.is_deprecated() {
        notes.push("Deprecated SPDX id.".into());
    }
    LicenseInfo {
        id: l.name.to_string(),
        name: l.full_name.to_string(),
        tier,
        osi_approved: l.is_osi_approved(),
        kind: LicenseKind::License,
        obligations: Vec::new(),
        flags,
        flag_sources: sources,
        spdx: Some(l.name.to_string()),
        notes,
        origin: Origin::SpdxList,
        ..LicenseInfo::new(l.name, l.full_name, tier)
    }
}

impl LicenseInfo {
    /// A bare entry (used for derived results such as expressions).
    pub fn new(id: &str, name: &str, tier: Tier) -> Self {
        LicenseInfo {
            id: id.to_string(),
            name: name.to_string(),
            tier,
            osi_approved: tier == Tier::P,
            kind: LicenseKind::License,
            obligations: Vec::new(),
            flags: Flags::default(),
            flag_sources: BTreeMap::new(),
            spdx: None,
            hf: Vec::new(),
            hf_names: Vec::new(),
            scancode: None,
            aliases: Vec::new(),
            family: None,
            version: None,
            date: None,
            policy: None,
            policy_of: Vec::new(),
            urls: Vec::new(),
            notes: Vec::new(),
            origin: Origin::Derived,
        }
    }
}
