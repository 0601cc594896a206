//! Per-component license resolution (DESIGN.md §4): the license file covering a component's
//! files (nearest `LICENSE*` up the tree; `LICENSE-MODEL`/`MODEL_LICENSE` for weights) > the
//! card's `license` (which speaks for the weights) > nothing. Disagreements are findings and the
//! most restrictive license wins.

use std::collections::BTreeMap;

use glassbox_core::{
    ArtifactKind, Component, Evidence, Finding, LicenseFinding, LicenseKind, LicenseRef, Location,
    Severity, Status, Tier,
};
use glassbox_licenses::{kb, LicenseInfo};
use glassbox_sources::Release;

use crate::facts::Facts;

/// What license resolution produced for one release.
pub struct Resolved {
    /// Every license identified (files, card tags, dataset mentions).
    pub findings: Vec<LicenseFinding>,
    /// The license resolved for each component that has file or card evidence.
    pub components: Vec<(Component, LicenseRef)>,
}

/// How a license was identified: kind, score, modified, method.
type How<'a> = (LicenseKind, f64, bool, &'a str);

fn finding(
    source: String,
    info: Option<&LicenseInfo>,
    (kind, score, modified, method): How,
    at: Location,
    fallback_name: &str,
) -> LicenseFinding {
    LicenseFinding {
        source,
        kind,
        id: info
            .map(|i| i.id.clone())
            .unwrap_or_else(|| format!("LicenseRef-{}", sanitize(fallback_name))),
        name: info
            .map(|i| i.name.clone())
            .unwrap_or_else(|| fallback_name.to_string()),
        tier: info.map(|i| i.tier).unwrap_or(Tier::None),
        osi_approved: info.is_some_and(|i| i.osi_approved),
        score,
        modified,
        method: method.into(),
        location: at,
    }
}

fn sanitize(s: &str) -> String {
    let s: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if s.is_empty() {
        "unknown".into()
    } else {
        s
    }
}

fn as_ref(f: &LicenseFinding) -> LicenseRef {
    LicenseRef {
        id: f.id.clone(),
        name: f.name.clone(),
        tier: f.tier,
        osi_approved: f.osi_approved,
        source: f.location.clone(),
    }
}

fn parent(path: &str) -> &str {
    path.rsplit_once('/').map(|(d, _)| d).unwrap_or("")
}

fn is_model_license(path: &str) -> bool {
    let n = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    n.starts_with("license-model")
        || n.starts_with("license_model")
        || n.starts_with("model_license")
        || n.starts_with("model-license")
}

/// Resolves the licenses of one release.
pub fn resolve(
    release: &Release,
    facts: &Facts,
    evidence: &[Evidence],
    findings: &mut Vec<Finding>,
) -> Resolved {
    let mut out = Vec::new();
    // Directory -> license file identified there (policies and notices do not scope).
    let mut by_dir: BTreeMap<String, LicenseFinding> = BTreeMap::new();
    let mut model_license: Option<LicenseFinding> = None;
    for f in release
        .files
        .iter()
        .filter(|f| f.artifact.kind == ArtifactKind::License)
    {
        let Some(text) = f.text() else { continue };
        let id = kb().identify_text(&text);
        let lf = finding(
            f.artifact.path.clone(),
            id.license.as_ref(),
            (id.kind, id.score, id.modified, id.method),
            Location::file(&f.artifact.path),
            "unrecognised license text",
        );
        if id.kind == LicenseKind::License || id.kind == LicenseKind::Unknown {
            if is_model_license(&f.artifact.path) {
                model_license = Some(lf.clone());
            } else {
                let dir = parent(&f.artifact.path).to_string();
                let better = by_dir.get(&dir).is_none_or(|old| {
                    old.kind == LicenseKind::Unknown && lf.kind == LicenseKind::License
                });
                if better {
                    by_dir.insert(dir, lf.clone());
                }
            }
        }
        out.push(lf);
    }

    let card_license = facts
        .card
        .as_ref()
        .and_then(|(path, card)| card_license(release, path, card, &by_dir, &mut out));
    // A file the card names as its `license_link` but that glassbox does not recognise is the
    // license the card names: the producer says so, and it is graded as that (unknown) license.
    if let (Some(card), Some((_, c))) = (&card_license, &facts.card) {
        let link = c
            .fields
            .license_link
            .as_deref()
            .map(|l| l.trim_start_matches("./"));
        for lf in by_dir
            .values_mut()
            .chain(out.iter_mut())
            .filter(|lf| Some(lf.source.as_str()) == link && lf.kind == LicenseKind::Unknown)
        {
            lf.id = card.id.clone();
            lf.name = format!("{} (named by the card's license_link)", card.name);
            lf.method = "license-link".into();
        }
    }

    let nearest = |path: &str| -> Option<&LicenseFinding> {
        let mut dir = parent(path);
        loop {
            if let Some(l) = by_dir.get(dir) {
                return Some(l);
            }
            if dir.is_empty() {
                return None;
            }
            dir = parent(dir);
        }
    };

    let mut components = Vec::new();
    for c in Component::ALL {
        let files: Vec<&str> = evidence
            .iter()
            .filter(|e| e.component == c && e.status != Status::Absent)
            .filter_map(|e| e.location.path.as_deref())
            .filter(|p| release.file(p).is_some())
            .collect();
        if files.is_empty()
            && !(c == Component::ModelParametersFinal && evidence.iter().any(|e| e.component == c))
        {
            continue;
        }
        let mut chosen: Option<LicenseFinding> = None;
        for p in &files {
            let file_lic = if matches!(
                c,
                Component::ModelParametersFinal | Component::ModelParametersIntermediate
            ) {
                model_license.clone().or_else(|| nearest(p).cloned())
            } else {
                nearest(p).cloned()
            };
            if let Some(l) = file_lic {
                chosen = Some(match chosen {
                    Some(prev) if prev.tier.restrictiveness() >= l.tier.restrictiveness() => prev,
                    _ => l,
                });
            }
        }
        let weights = matches!(
            c,
            Component::ModelParametersFinal | Component::ModelParametersIntermediate
        );
        let resolved = match (chosen, &card_license) {
            (Some(file), Some(card)) if weights && file.id != card.id => {
                if file.kind == LicenseKind::Unknown {
                    findings.push(Finding::new(
                        "license-unverified",
                        Severity::Low,
                        format!(
                            "the card declares {} but {} was not recognised; graded by the card",
                            card.id, file.source
                        ),
                        file.location.clone(),
                    ));
                    card.clone()
                } else {
                    let worst = if card.tier.restrictiveness() > file.tier.restrictiveness() {
                        card.clone()
                    } else {
                        file.clone()
                    };
                    findings.push(Finding {
                        kind: "license-conflict".into(),
                        severity: Severity::High,
                        message: format!(
                            "the card declares {} ({}) but {} is {} ({}); graded by the more restrictive, {}",
                            card.id,
                            card.tier.as_str(),
                            file.source,
                            file.id,
                            file.tier.as_str(),
                            worst.id
                        ),
                        evidence: vec![card.location.clone(), file.location.clone()],
                    });
                    worst
                }
            }
            (Some(file), _) => file,
            (None, Some(card)) => card.clone(),
            (None, None) => continue,
        };
        components.push((c, as_ref(&resolved)));
    }
    dataset_licenses(release, facts, &mut out, &mut components);
    Resolved {
        findings: out,
        components,
    }
}

/// The card's `license` (with `license_name`/`license_link` for `other`), as one finding.
fn card_license(
    release: &Release,
    path: &str,
    card: &glassbox_formats::card::Card,
    by_dir: &BTreeMap<String, LicenseFinding>,
    out: &mut Vec<LicenseFinding>,
) -> Option<LicenseFinding> {
    let fields = &card.fields;
    if fields.license.is_empty() {
        return None;
    }
    let line = card.line_of("license");
    let at = Location::line(path, line).with_field("card:license");
    let mut parts = Vec::new();
    for tag in &fields.license {
        let info = kb().from_hf(tag, fields.license_name.as_deref());
        let lf = match info {
            Some(i) => finding(
                format!("{path} [card:license]"),
                Some(&i),
                (i.kind, 1.0, false, "hf-tag"),
                at.clone(),
                tag,
            ),
            None => {
                // `other` with a license_link to a file in the repository: the file speaks.
                let linked = fields
                    .license_link
                    .as_deref()
                    .filter(|l| !l.contains("://"))
                    .map(|l| l.trim_start_matches("./").to_string())
                    .and_then(|l| release.file(&l).map(|_| l))
                    .and_then(|l| by_dir.values().find(|f| f.source == l).cloned());
                match linked {
                    Some(mut f) if f.kind == LicenseKind::License => {
                        f.source = format!("{path} [card:license_link]");
                        f.method = "license-link".into();
                        f
                    }
                    _ => {
                        let name = fields.license_name.clone().unwrap_or_else(|| tag.clone());
                        let mut f = finding(
                            format!("{path} [card:license]"),
                            None,
                            (LicenseKind::License, 0.0, false, "hf-tag-unknown"),
                            at.clone(),
                            &name,
                        );
                        if let Some(link) = &fields.license_link {
                            f.location = f.location.with_url(link);
                        }
                        f
                    }
                }
            }
        };
        parts.push(lf);
    }
    // Several tags: all apply (graded by the most restrictive), the conservative reading.
    let worst = parts
        .iter()
        .max_by_key(|p| p.tier.restrictiveness())
        .cloned();
    out.extend(parts);
    worst
}

/// Licenses of named datasets, read from card lines that mention the dataset id next to a
/// license id ("| org/data | CC-BY-4.0 |"); data files take their nearest license file.
fn dataset_licenses(
    release: &Release,
    facts: &Facts,
    out: &mut Vec<LicenseFinding>,
    components: &mut Vec<(Component, LicenseRef)>,
) {
    let Some((path, card)) = &facts.card else {
        return;
    };
    let Some(text) = release.file(path).and_then(|f| f.text()) else {
        return;
    };
    let mut worst: Option<LicenseFinding> = None;
    let mut all_found = !card.fields.datasets.is_empty();
    for id in &card.fields.datasets {
        let hit = text
            .lines()
            .enumerate()
            .skip(card.sections.first().map(|s| s.line as usize).unwrap_or(0))
            .find_map(|(i, line)| {
                if !line.contains(id.as_str()) {
                    return None;
                }
                line.split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+')))
                    .filter(|t| {
                        t.len() >= 3 && t.chars().any(|c| c.is_ascii_digit()) && !id.contains(*t)
                    })
                    .find_map(|t| kb().by_id(t).or_else(|| kb().from_hf(t, None)))
                    .map(|info| (i as u32 + 1, info))
            });
        match hit {
            Some((line, info)) => {
                let lf = finding(
                    format!("{path}:{line} [dataset {id}]"),
                    Some(&info),
                    (LicenseKind::License, 0.9, false, "card-dataset-line"),
                    Location::line(path, line),
                    id,
                );
                worst = Some(match worst {
                    Some(w) if w.tier.restrictiveness() >= lf.tier.restrictiveness() => w,
                    _ => lf.clone(),
                });
                out.push(lf);
            }
            None => all_found = false,
        }
    }
    if let Some(w) = worst {
        let mut r = as_ref(&w);
        if !all_found {
            // A dataset without a stated license: all rights reserved as far as anyone can tell.
            r.tier = Tier::None;
            r.name = format!("{} (some datasets have no stated license)", r.name);
        }
        components.retain(|(c, _)| {
            *c != Component::Datasets || r.tier.restrictiveness() < Tier::None.restrictiveness()
        });
        components.push((Component::Datasets, r));
    }
}
