//! Per-component license resolution (DESIGN.md §4): the license file covering a component's
//! files (nearest `LICENSE*` up the tree; `LICENSE-MODEL`/`MODEL_LICENSE` for weights) > the
//! card's `license` (which speaks for the weights) > nothing. Disagreements are findings and the
//! most restrictive license wins.
//!
//! Over 800 lines (about 1,280 without its tests): the precedence between license sources is one
//! decision procedure; what could stand alone already does (`licenses/discovery.rs`, `prose.rs`,
//! `models.rs`). Splitting the resolution itself further is left for later.
//!
//! Also here: `lineage` findings (a card's `base_model` resolved to a model family whose license
//! flows down to derivatives, graded under the base's terms when the release declares looser
//! ones), `license-modified` findings (a license file that differs from the known text),
//! `license-split` (weights, code and data under different licenses) and the obligations of
//! each component's license.

use glassbox_core::codes::LicenseCode;
use std::collections::BTreeMap;

use glassbox_core::Release;
use glassbox_core::{
    ArtifactKind, Component, ContentType, Evidence, Finding, LicenseFinding, LicenseKind,
    LicenseRef, Location, Severity, Status, Tier,
};
use glassbox_licenses::{kb, LicenseInfo};

use crate::facts::{Facts, WeightsHeader};

mod discovery;
mod models;
mod prose;
mod scope;

use discovery::FoundBy;
use glassbox_core::classify::is_strong_license_name;
use scope::Scope;

/// What license resolution produced for one release.
pub struct Resolved {
    /// Every license identified (files, card tags, dataset mentions).
    pub findings: Vec<LicenseFinding>,
    /// The license resolved for each component that has file or card evidence.
    pub components: Vec<(Component, LicenseRef)>,
    /// What each component's license obliges the user to do.
    pub obligations: Vec<ComponentObligations>,
    /// The licenses stated per model, when the release names its models.
    pub model_licenses: Option<glassbox_core::ModelLicenses>,
}

/// The obligations of one component's license, as sentences a user can act on.
#[derive(Debug, Clone, PartialEq)]
pub struct ComponentObligations {
    /// The component.
    pub component: Component,
    /// Its license id (SPDX expression or `LicenseRef-`).
    pub license: String,
    /// The license's tier.
    pub tier: Tier,
    /// The obligations, from the knowledge base (empty when the license is unknown).
    pub obligations: Vec<String>,
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

/// The license files of a release, identified and scoped.
struct Scoped {
    lf: LicenseFinding,
    scope: Scope,
    /// The scope was read from the heading or text of a file with a generic name (`LICENSE`):
    /// a model license that is also the only license of its folder still covers the folder.
    from_text: bool,
}

/// Adds the scope (and how the file was found) to a license's location, so that it shows in
/// the evidence: `MODEL_LICENSE [scope:weights (file name MODEL_LICENSE)]`. The whole-release
/// scope of a plain license file found by name is the default and is not written.
fn with_scope(mut at: Location, s: &scope::Scoped, found_by: FoundBy) -> Location {
    let mut parts = Vec::new();
    if found_by == FoundBy::Content {
        parts.push(format!("{}: reads like a license", found_by.rule()));
    }
    if s.scope != Scope::Release {
        parts.push(format!("scope:{} ({})", s.scope, s.why));
    }
    if !parts.is_empty() {
        at = at.with_field(parts.join("; "));
    }
    if let Some(l) = s.line {
        at.line = Some(l);
    }
    at
}

/// The most restrictive of several licenses (the first on ties).
fn most_restrictive<'a>(
    ls: impl IntoIterator<Item = &'a LicenseFinding>,
) -> Option<&'a LicenseFinding> {
    ls.into_iter()
        .fold(None, |acc: Option<&LicenseFinding>, l| match acc {
            Some(a) if a.tier.restrictiveness() >= l.tier.restrictiveness() => Some(a),
            _ => Some(l),
        })
}

/// A license text that differs in substance from the known text: Medium, asks for review and
/// shows the changed passages with their lines. The tier is the identification's (lowered only
/// when the matcher found a restrictive change), never lowered here.
fn modified_finding(
    path: &str,
    id: &glassbox_licenses::Identification,
    l: &LicenseInfo,
) -> Finding {
    let original = id.matched_tier.unwrap_or(l.tier);
    let grading = if l.tier == original {
        format!("keeps tier {}", l.tier.as_str())
    } else {
        format!(
            "graded {} rather than {}",
            l.tier.as_str(),
            original.as_str()
        )
    };
    let changes: Vec<String> = id
        .matches
        .first()
        .map(|m| {
            m.changes
                .iter()
                .take(3)
                .map(|c| {
                    let t: String = c.text.chars().take(80).collect();
                    format!("{} at line {}: \"{}\"", c.kind, c.start_line, t.trim())
                })
                .collect()
        })
        .unwrap_or_default();
    let at = id
        .matches
        .first()
        .and_then(|m| m.changes.first())
        .map(|c| Location::line(path, c.start_line))
        .unwrap_or_else(|| Location::file(path));
    Finding::new(
        LicenseCode::LicenseModified,
        Severity::Medium,
        format!(
            "{path} differs in substance from the known text of {} ({} sentence(s) added or changed, {} missing); {grading}; review the changes before relying on it{}",
            l.id,
            id.added.len(),
            id.removed,
            if changes.is_empty() { String::new() } else { format!(": {}", changes.join("; ")) }
        ),
        at,
    )
}

/// Identifies every license file (found by name or content), with its findings, scopes it, and
/// returns them with the license findings pushed to `out`.
fn license_files(
    release: &Release,
    findings: &mut Vec<Finding>,
    out: &mut Vec<LicenseFinding>,
) -> Vec<Scoped> {
    let mut scoped = Vec::new();
    for lfile in discovery::license_files(release, findings) {
        let path = lfile.path().to_string();
        let text = &lfile.text;
        let id = kb().identify_text(text);
        if id.modified {
            if let Some(l) = &id.license {
                findings.push(modified_finding(&path, &id, l));
            }
        }
        // A file only weakly named like a license (notice, policy, terms, agreement) whose
        // text is not one is not a license: not listed (test data named `…_agreement`).
        if id.kind == LicenseKind::Unknown && !is_strong_license_name(&path.to_ascii_lowercase()) {
            continue;
        }
        let s = scope::of_file(&path, text);
        let mut lf = finding(
            path.clone(),
            id.license.as_ref(),
            (id.kind, id.score, id.modified, id.method.as_str()),
            with_scope(Location::file(&path), &s, lfile.found_by),
            "unrecognised license text",
        );
        // An unknown text is graded by what its clauses say, each cited by line.
        lf.tier = id.tier();
        for c in &id.clauses {
            findings.push(Finding::new(
                LicenseCode::LicenseClause,
                Severity::Medium,
                format!(
                    "{} (unrecognised license) has a {} clause: \"{}\"",
                    path,
                    c.kind.as_str(),
                    c.excerpt
                ),
                Location::line(&path, c.line),
            ));
        }
        // Licenses scope; so does a file named as a license that says nothing recognisable
        // (all rights reserved until read). Policies, notices and documents that merely
        // mention licenses do not.
        let lower = path.to_ascii_lowercase();
        let third_party_file = is_third_party_name(&lower);
        // A license-named file that only names a license ("LICENSE_weights: CC BY-NC 4.0", a
        // notice pointing to Apache-2.0) states that license for what it covers.
        let strong_name = lfile.found_by == FoundBy::Name && is_strong_license_name(&lower);
        let scopes = !third_party_file
            && (id.kind == LicenseKind::License
                || (id.kind == LicenseKind::Notice && id.license.is_some() && strong_name)
                || (id.kind == LicenseKind::Unknown && strong_name));
        if scopes {
            scoped.push(Scoped {
                lf: lf.clone(),
                scope: s.scope,
                from_text: s.line.is_some() && is_strong_license_name(&lower),
            });
        }
        out.push(lf);
        // A file with several license texts: the first covers the release (it is what the
        // fields above describe); a later text that licenses a model covers the weights (code
        // and model terms in one file); the others are third-party terms, listed, not the
        // terms of the release. In a NOTICE or third-party file every text is third-party.
        if id.matches.len() > 1 {
            let lines: Vec<&str> = text.lines().collect();
            let mut third = Vec::new();
            for (i, m) in id.matches.iter().enumerate() {
                if i == 0 && !third_party_file {
                    continue;
                }
                let seg = lines
                    .get(
                        m.start_line.saturating_sub(1) as usize
                            ..(m.end_line as usize).min(lines.len()),
                    )
                    .map(|l| l.join("\n"))
                    .unwrap_or_default();
                let seg_scope = scope::of_file("", &seg);
                let at = Location::line(&path, m.start_line);
                let mut mf = finding(
                    format!("{path}:{}-{}", m.start_line, m.end_line),
                    m.license.as_ref(),
                    (m.kind, m.score, m.modified, m.method.as_str()),
                    at.clone(),
                    "unrecognised license text",
                );
                if !third_party_file
                    && m.kind == LicenseKind::License
                    && seg_scope.scope == Scope::Weights
                {
                    let mut sc = seg_scope.clone();
                    sc.line = sc.line.map(|l| l + m.start_line - 1);
                    mf.location = with_scope(at, &sc, lfile.found_by);
                    scoped.push(Scoped {
                        lf: mf.clone(),
                        scope: Scope::Weights,
                        from_text: false,
                    });
                } else {
                    mf.method = format!("third-party ({})", mf.method);
                    mf.location = at.with_field("third-party terms");
                    third.push(format!("{} (lines {}-{})", mf.id, m.start_line, m.end_line));
                }
                out.push(mf);
            }
            if !third.is_empty() {
                findings.push(Finding::new(
                    LicenseCode::LicenseThirdParty,
                    Severity::Info,
                    format!(
                        "{path} also holds third-party terms, not the terms of the weights: {}",
                        third.join(", ")
                    ),
                    Location::file(&path),
                ));
            }
        }
    }
    scoped
}

/// Base models a release without a card names where adapters and fine-tunes are made: a
/// PEFT `adapter_config.json` (`base_model_name_or_path`), and `--base_model ORG/NAME` or
/// `base_model = "ORG/NAME"` in the README's commands and the code. Only ids the lineage table
/// knows count (a family whose terms may bind the release), the first place each is named.
fn stated_base_models(release: &Release) -> Vec<(String, Location)> {
    const KEYS: &[&str] = &["base_model_name_or_path", "--base_model", "base_model"];
    let mut out: Vec<(String, Location)> = Vec::new();
    for f in &release.files {
        let lower = f.artifact.path.to_ascii_lowercase();
        let wanted = lower.ends_with("adapter_config.json")
            || lower == "readme.md"
            || lower.ends_with(".py")
            || lower.ends_with(".sh");
        if !wanted {
            continue;
        }
        let Some(text) = f.text() else { continue };
        for (n, line) in text.lines().enumerate().take(20_000) {
            let Some(k) = KEYS.iter().find_map(|k| line.find(k).map(|i| i + k.len())) else {
                continue;
            };
            let rest = line[k..].trim_start_matches(|c: char| {
                c.is_whitespace() || matches!(c, '=' | ':' | '"' | '\'')
            });
            let id: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_' | '.'))
                .collect();
            if id.contains('/')
                && kb().lineage(&id).is_some()
                && !out.iter().any(|(b, _)| b.eq_ignore_ascii_case(&id))
            {
                let at = Location::line(&f.artifact.path, n as u32 + 1).with_field("base_model");
                out.push((id, at));
            }
        }
    }
    out
}

/// Which of two license files of one folder is the folder's license: a license text over an
/// unrecognised one, a file found by its name over one found by its content, a file named
/// `LICENSE`/`COPYING` over other names.
fn folder_rank(l: &LicenseFinding) -> (bool, bool, bool) {
    let name = l
        .source
        .rsplit('/')
        .next()
        .unwrap_or(&l.source)
        .to_ascii_lowercase();
    (
        l.kind == LicenseKind::License,
        !l.location
            .field
            .as_deref()
            .is_some_and(|f| f.contains(FoundBy::Content.rule())),
        name.starts_with("license") || name.starts_with("licence") || name.starts_with("copying"),
    )
}

/// Files that hold other parties' terms (NOTICE, THIRD_PARTY_NOTICES, ATTRIBUTIONS, CREDITS,
/// ACKNOWLEDGEMENTS):
/// their texts are listed, never the license of the release. (A LICENSE inside a
/// `third_party/x/` folder still covers that folder: it is the nearest license of its files.)
fn is_third_party_name(lower: &str) -> bool {
    let name = lower.rsplit('/').next().unwrap_or(lower);
    name.contains("notice")
        || name.contains("third")
        || name.contains("3rd")
        || name.contains("attribution")
        || name.contains("credits")
        || name.contains("acknowledg")
}

/// Resolves the licenses of one release.
pub fn resolve(
    release: &Release,
    facts: &Facts,
    evidence: &[Evidence],
    findings: &mut Vec<Finding>,
) -> Resolved {
    let mut out = Vec::new();
    let mut scoped = license_files(release, findings, &mut out);
    let card_license = facts.card.as_ref().and_then(|(path, card)| {
        let files: Vec<LicenseFinding> = scoped.iter().map(|s| s.lf.clone()).collect();
        card_license(release, path, card, &files, &mut out)
    });
    // A file the card names as its `license_link` but that glassbox does not recognise is the
    // license the card names: the producer says so, and it is graded as that (unknown) license.
    if let (Some(card), Some((_, c))) = (&card_license, &facts.card) {
        let link = c
            .fields
            .license_link
            .as_deref()
            .map(|l| l.trim_start_matches("./"));
        for lf in scoped
            .iter_mut()
            .map(|s| &mut s.lf)
            .chain(out.iter_mut())
            .filter(|lf| {
                Some(lf.source.as_str()) == link
                    && (lf.kind == LicenseKind::Unknown || lf.method == "unrecognised-license")
            })
        {
            lf.id = card.id.clone();
            lf.name = format!("{} (named by the card's license_link)", card.name);
            lf.method = "license-link".into();
        }
    }
    // Directory -> the whole-release (or code) license file identified there.
    let mut by_dir: BTreeMap<(String, Scope), LicenseFinding> = BTreeMap::new();
    for s in scoped
        .iter()
        .filter(|s| matches!(s.scope, Scope::Release | Scope::Code))
    {
        let key = (parent(&s.lf.source).to_string(), s.scope);
        let better = by_dir
            .get(&key)
            .is_none_or(|old| folder_rank(&s.lf) > folder_rank(old));
        if better {
            by_dir.insert(key, s.lf.clone());
        }
    }
    // A model license in a plainly named file (`LICENSE` whose heading says "Model License")
    // that is the only license of its folder covers the folder's code and documents too.
    for s in scoped
        .iter()
        .filter(|s| s.scope == Scope::Weights && s.from_text)
    {
        let dir = parent(&s.lf.source).to_string();
        if !by_dir.contains_key(&(dir.clone(), Scope::Release))
            && !by_dir.contains_key(&(dir.clone(), Scope::Code))
        {
            by_dir.insert((dir, Scope::Release), s.lf.clone());
        }
    }
    let weights_files: Vec<&LicenseFinding> = scoped
        .iter()
        .filter(|s| s.scope == Scope::Weights)
        .map(|s| &s.lf)
        .collect();
    let data_files: Vec<&LicenseFinding> = scoped
        .iter()
        .filter(|s| s.scope == Scope::Data)
        .map(|s| &s.lf)
        .collect();

    // License statements in the README and in subfolder cards.
    let identified: Vec<LicenseFinding> = scoped.iter().map(|s| s.lf.clone()).collect();
    // The root README and its translations (README_EN.md, README.zh-CN.md, …).
    let statements: Vec<prose::Statement> = release
        .files
        .iter()
        .filter(|f| {
            let p = f.artifact.path.to_ascii_lowercase();
            !p.contains('/') && p.starts_with("readme") && (p.ends_with(".md") || p == "readme")
        })
        .filter_map(|f| f.text().map(|t| (f.artifact.path.as_str(), t)))
        .flat_map(|(path, text)| prose::readme_statements(release, path, &text, &identified))
        .collect();
    let sub_cards = prose::subfolder_cards(release);
    for st in statements.iter().chain(sub_cards.iter().map(|(_, s)| s)) {
        let seen = out
            .iter()
            .any(|o| o.source == st.license.source && o.id == st.license.id);
        if st.license.method != "readme-link" && !seen {
            out.push(st.license.clone());
        }
    }
    let stated = |scope: Scope| -> Vec<LicenseFinding> {
        statements
            .iter()
            .filter(|s| s.scope == scope && s.rule != "license.readme-terms")
            .map(statement_ref)
            .collect()
    };

    // The nearest license file up the tree from `path` among `scopes` (the narrower first at
    // each level).
    let nearest = |path: &str, scopes: &[Scope]| -> Option<LicenseFinding> {
        let mut dir = parent(path);
        loop {
            for s in scopes {
                if let Some(l) = by_dir.get(&(dir.to_string(), *s)) {
                    return Some(l.clone());
                }
            }
            if dir.is_empty() {
                return None;
            }
            dir = parent(dir);
        }
    };

    // What the weights are under when the release says so specifically: weights license
    // files, README statements about the weights, subfolder cards. Several that disagree:
    // the most restrictive, and a finding.
    // A license the release states for named models only (`LICENSE-SDXL1.0`, "Qwen-1.8B is
    // licensed under …") is an exception for those models when the release also states one
    // for its weights in general ("the model weights are licensed under MIT"): the general one
    // decides, the exceptions go to the per-model table. With no general one, all count.
    let (per_model_files, general_files): (Vec<&LicenseFinding>, Vec<&LicenseFinding>) =
        weights_files
            .iter()
            .partition(|l| models::model_of_file(&l.source).is_some());
    let (per_model_stated, general_stated): (Vec<&prose::Statement>, Vec<&prose::Statement>) =
        statements
            .iter()
            .filter(|s| s.scope == Scope::Weights && s.rule != "license.readme-terms")
            .partition(|s| !models::models_of(s).is_empty());
    // A file named for its license ("Tongyi Qianwen LICENSE AGREEMENT") that a sentence gives
    // to named models is theirs, not the release's in general.
    let (given, general_files): (Vec<&LicenseFinding>, Vec<&LicenseFinding>) = general_files
        .into_iter()
        .partition(|l| per_model_stated.iter().any(|s| s.license.id == l.id));
    let mut weights_specific: Vec<LicenseFinding> =
        general_files.iter().map(|l| (*l).clone()).collect();
    weights_specific.extend(general_stated.iter().map(|s| statement_ref(s)));
    weights_specific.extend(sub_cards.iter().map(|(_, s)| statement_ref(s)));
    if weights_specific.is_empty() {
        weights_specific.extend(per_model_files.iter().chain(&given).map(|l| (*l).clone()));
        weights_specific.extend(per_model_stated.iter().map(|s| statement_ref(s)));
    }
    let weights_specific_choice = most_restrictive(&weights_specific).cloned();
    let model_licenses = models::per_model(
        release,
        &weights_files,
        &statements,
        evidence,
        card_license.as_ref(),
    );
    conflict_finding(&weights_specific, "the weights", findings);

    let mut components = Vec::new();
    for c in Component::ALL {
        let weights = matches!(
            c,
            Component::ModelParametersFinal | Component::ModelParametersIntermediate
        );
        // Weights that are only partly there (another model's weights it loads, a shard set
        // with gaps) are not obtainable: no license decides for them.
        // A dataset linked by URL is not covered by the repository's license: its terms are
        // its own (DESIGN.md §4), unknown until its card is read.
        let external_data = |e: &Evidence| {
            c.content_type() == ContentType::Data && !weights && e.location.url.is_some()
        };
        let counts = |e: &&Evidence| {
            e.component == c
                && !external_data(e)
                && if weights {
                    e.status == Status::Present
                } else {
                    e.status != Status::Absent
                }
        };
        let files: Vec<&str> = evidence
            .iter()
            .filter(counts)
            .filter_map(|e| e.location.path.as_deref())
            .filter(|p| release.file(p).is_some())
            .collect();
        let any_evidence = evidence.iter().any(|e| counts(&e));
        if files.is_empty() && !(weights && any_evidence) {
            continue;
        }
        let group = match c.content_type() {
            _ if weights => Scope::Weights,
            ContentType::Code => Scope::Code,
            ContentType::Data => Scope::Data,
            ContentType::Document => Scope::Release,
        };
        let mut chosen: Option<LicenseFinding> = match group {
            Scope::Weights => weights_specific_choice.clone(),
            Scope::Data => most_restrictive(data_files.iter().copied()).cloned(),
            _ => None,
        };
        // A README sentence that agrees with the license file covering these files: cite the
        // file (the text itself), the sentence only confirms it.
        if let Some(c) = chosen.as_ref().filter(|c| c.method.starts_with("readme")) {
            let agreeing = files
                .iter()
                .filter_map(|p| nearest(p, &[Scope::Release]))
                .find(|l| l.id == c.id);
            if agreeing.is_some() {
                chosen = agreeing;
            }
        }
        if chosen.is_none() && weights {
            chosen = linked_family_license(evidence, c);
        }
        if chosen.is_none() {
            let scopes: &[Scope] = if group == Scope::Code {
                &[Scope::Code, Scope::Release]
            } else {
                &[Scope::Release]
            };
            for p in &files {
                // Weights that are only referenced here (a link in a notebook, a download
                // script) are not covered by the license of the folder that mentions them
                // (a demo's LICENSE): only the release's root license speaks for them.
                let shipped = release.file(p).is_some_and(|f| {
                    matches!(
                        f.artifact.kind,
                        ArtifactKind::Weights
                            | ArtifactKind::WeightsIndex
                            | ArtifactKind::LfsPointer
                    )
                });
                let at = if group == Scope::Weights && !shipped {
                    ""
                } else {
                    p
                };
                if let Some(l) = nearest(at, scopes) {
                    chosen = Some(match chosen {
                        Some(prev) if prev.tier.restrictiveness() >= l.tier.restrictiveness() => {
                            prev
                        }
                        _ => l,
                    });
                }
            }
        }
        if chosen.is_none() {
            // A license named only in the README: for this part, else for the whole release.
            let mut st = if group == Scope::Release {
                Vec::new()
            } else {
                stated(group)
            };
            if st.is_empty() {
                st = stated(Scope::Release);
            }
            chosen = most_restrictive(&st).cloned();
        }
        if weights {
            chosen = weights_terms(&statements, chosen, findings);
        }
        let resolved = match (chosen, &card_license) {
            (Some(file), Some(card)) if weights && file.id != card.id => {
                if file.kind == LicenseKind::Unknown {
                    findings.push(Finding::new(
                        LicenseCode::LicenseUnverified,
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
                        kind: LicenseCode::LicenseConflict.into(),
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
        if weights && c == Component::ModelParametersFinal {
            scope_note(&resolved, &by_dir, findings);
        }
        components.push((c, as_ref(&resolved)));
    }
    dataset_licenses(release, facts, &mut out, &mut components);
    metadata_licenses(facts, &mut out, &mut components, findings);
    lineage(release, facts, &mut components, findings);
    split(&components, findings);
    let obligations = obligations(&components);
    Resolved {
        findings: out,
        components,
        obligations,
        model_licenses,
    }
}

/// The license of the models a release links as its weights when they belong to a known
/// family's own organisation (`google/gemma-3-270m` -> Gemma Terms of Use, `kb/lineage.toml`):
/// with no license stated for the weights, theirs is the family's, not the license of a code
/// folder that mentions them. Several: the most restrictive.
fn linked_family_license(evidence: &[Evidence], c: Component) -> Option<LicenseFinding> {
    let mut found: Vec<LicenseFinding> = Vec::new();
    for e in evidence
        .iter()
        .filter(|e| e.component == c && e.status == Status::Present)
    {
        let Some(url) = e.location.url.as_deref() else {
            continue;
        };
        if !(url.contains("huggingface.co/") || url.contains("hf.co/")) {
            continue;
        }
        let Some(m) = kb().lineage(url) else {
            continue;
        };
        let at = e.location.clone().with_field(format!(
            "linked model {} of the {} family (kb/lineage.toml)",
            m.base_model, m.family
        ));
        found.push(finding(
            e.location.to_string(),
            Some(&m.license),
            (m.license.kind, 0.8, false, "linked-model-family"),
            at,
            &m.family,
        ));
    }
    most_restrictive(&found).cloned()
}

/// A README statement (or subfolder card) as the license of a component: its location is the
/// sentence's line, and its field says the scope, the rule and the sentence.
fn statement_ref(s: &prose::Statement) -> LicenseFinding {
    let mut lf = s.license.clone();
    lf.location = Location::line(&s.path, s.line)
        .with_field(format!("scope:{} ({} \"{}\")", s.scope, s.rule, s.sentence));
    lf
}

/// Several licenses stated for one part that disagree: a finding naming each with where it
/// came from; the caller grades by the most restrictive.
fn conflict_finding(ls: &[LicenseFinding], what: &str, findings: &mut Vec<Finding>) {
    let mut ids: Vec<&LicenseFinding> = Vec::new();
    for l in ls {
        if !ids.iter().any(|i| i.id == l.id) {
            ids.push(l);
        }
    }
    if ids.len() < 2 {
        return;
    }
    let worst = most_restrictive(ids.iter().copied())
        .map(|l| l.id.clone())
        .unwrap_or_default();
    findings.push(Finding {
        kind: LicenseCode::LicenseConflict.into(),
        severity: Severity::Medium,
        message: format!(
            "several licenses are stated for {what}: {}; graded by the most restrictive, {worst} (check which applies to which model)",
            ids.iter()
                .map(|l| format!("{} (tier {}, {})", l.id, l.tier.as_str(), l.location))
                .collect::<Vec<_>>()
                .join("; ")
        ),
        evidence: ids.iter().map(|l| l.location.clone()).collect(),
    });
}

/// Terms the README states for the weights without naming a license ("commercial use requires
/// a license above N monthly active users", "research use only"): stricter than the license
/// the weights were graded under, they win, with a `license-conflict` finding.
fn weights_terms(
    statements: &[prose::Statement],
    chosen: Option<LicenseFinding>,
    findings: &mut Vec<Finding>,
) -> Option<LicenseFinding> {
    let terms: Vec<LicenseFinding> = statements
        .iter()
        .filter(|s| {
            s.rule == "license.readme-terms" && matches!(s.scope, Scope::Weights | Scope::Release)
        })
        .map(statement_ref)
        .collect();
    let (Some(l), Some(t)) = (chosen.as_ref(), most_restrictive(&terms)) else {
        return chosen;
    };
    if t.tier.restrictiveness() <= l.tier.restrictiveness() {
        return chosen;
    }
    findings.push(Finding {
        kind: LicenseCode::LicenseConflict.into(),
        severity: Severity::High,
        message: format!(
            "the weights' license is {} (tier {}, {}) but {} states stricter terms: {}; graded by the more restrictive (tier {})",
            l.id,
            l.tier.as_str(),
            l.location,
            t.location.path.as_deref().unwrap_or("the README"),
            t.location,
            t.tier.as_str()
        ),
        evidence: vec![t.location.clone(), l.location.clone()],
    });
    Some(t.clone())
}

/// The weights graded under a license of their own while the release's root license is a
/// different one: said in a `license-scope` finding, so nobody reads the root LICENSE as the
/// weights' terms.
fn scope_note(
    resolved: &LicenseFinding,
    by_dir: &BTreeMap<(String, Scope), LicenseFinding>,
    findings: &mut Vec<Finding>,
) {
    let specific = resolved
        .location
        .field
        .as_deref()
        .is_some_and(|f| f.contains("scope:weights"));
    let Some(root) = by_dir
        .get(&(String::new(), Scope::Release))
        .or_else(|| by_dir.get(&(String::new(), Scope::Code)))
    else {
        return;
    };
    if specific && root.id != resolved.id {
        findings.push(Finding {
            kind: LicenseCode::LicenseScope.into(),
            severity: Severity::Info,
            message: format!(
                "the weights are graded under {} ({}), not under {} ({}): the release puts its weights under a license of their own",
                resolved.id, resolved.location, root.source, root.id
            ),
            evidence: vec![resolved.location.clone(), root.location.clone()],
        });
    }
}

/// License keys embedded in weight files, as (path, field, value): safetensors `__metadata__`
/// keys (`license`, `modelspec.license`, …) and GGUF `general.license`.
fn embedded_licenses(facts: &Facts) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for (path, header) in &facts.weights {
        match header {
            WeightsHeader::Safetensors(Ok(header)) => {
                for (key, value) in &header.metadata {
                    let k = key.to_ascii_lowercase();
                    if k == "license" || k == "licence" || k.ends_with(".license") {
                        out.push((
                            path.clone(),
                            format!("safetensors:__metadata__.{key}"),
                            value.clone(),
                        ));
                    }
                }
            }
            WeightsHeader::Gguf(Ok(g)) => {
                if let Some(l) = g.general().license {
                    out.push((path.clone(), "gguf:general.license".into(), l));
                }
            }
            _ => {}
        }
    }
    out
}

/// License keys embedded in weight files: each is a license finding; one stricter than what the
/// weights were graded under is a conflict, graded by the stricter; weights with no other
/// license take it.
fn metadata_licenses(
    facts: &Facts,
    out: &mut Vec<LicenseFinding>,
    components: &mut Vec<(Component, LicenseRef)>,
    findings: &mut Vec<Finding>,
) {
    for (path, field, value) in embedded_licenses(facts) {
        let at = Location::field(&path, field.clone());
        let info = kb().resolve(&value);
        let method = if field.starts_with("gguf:") {
            "gguf-metadata"
        } else {
            "safetensors-metadata"
        };
        let lf = finding(
            format!("{path} [{field}]"),
            info.as_ref(),
            (
                LicenseKind::License,
                if info.is_some() { 1.0 } else { 0.0 },
                false,
                method,
            ),
            at.clone(),
            &value,
        );
        match components
            .iter_mut()
            .find(|(c, _)| *c == Component::ModelParametersFinal)
        {
            Some((_, w)) => {
                if w.id != lf.id && lf.tier.restrictiveness() > w.tier.restrictiveness() {
                    findings.push(Finding {
                        kind: LicenseCode::LicenseConflict.into(),
                        severity: Severity::High,
                        message: format!(
                            "{} declares {} ({}) but the weights were graded under {} ({}); graded by the more restrictive, {}",
                            lf.source,
                            lf.id,
                            lf.tier.as_str(),
                            w.id,
                            w.tier.as_str(),
                            lf.id
                        ),
                        evidence: vec![at.clone(), w.source.clone()],
                    });
                    *w = as_ref(&lf);
                }
            }
            None => components.push((Component::ModelParametersFinal, as_ref(&lf))),
        }
        out.push(lf);
    }
}

/// The card's `base_model`s resolved to known families. Where the base license flows down and
/// the release's weights are under looser terms (or none are stated), the weights are graded
/// under the base's terms and a `lineage` finding says why.
fn lineage(
    release: &Release,
    facts: &Facts,
    components: &mut [(Component, LicenseRef)],
    findings: &mut Vec<Finding>,
) {
    let mut bases: Vec<(String, Location)> = Vec::new();
    if let Some((path, card)) = &facts.card {
        let at = Location::line(path, card.line_of("base_model")).with_field("card:base_model");
        bases.extend(
            card.fields
                .base_model
                .iter()
                .map(|b| (b.clone(), at.clone())),
        );
    }
    if bases.is_empty() {
        bases = stated_base_models(release);
    }
    for (base, at) in &bases {
        let Some(m) = kb().lineage(base) else {
            continue;
        };
        let base_ref = LicenseRef {
            id: m.license.id.clone(),
            name: format!("{} (from base model {})", m.license.name, m.base_model),
            tier: m.license.tier,
            osi_approved: m.license.osi_approved,
            source: at.clone(),
        };
        let weights = components
            .iter_mut()
            .find(|(c, _)| *c == Component::ModelParametersFinal)
            .map(|(_, l)| l);
        match weights {
            Some(w)
                if m.flows_down
                    && w.id != m.license.id
                    && w.tier.restrictiveness() < m.license.tier.restrictiveness() =>
            {
                findings.push(Finding {
                    kind: LicenseCode::Lineage.into(),
                    severity: Severity::High,
                    message: format!(
                        "base model {} ({}) is under {} (tier {}), whose terms bind derivatives; this release declares {} (tier {}): graded under {}",
                        m.base_model,
                        m.family,
                        m.license.id,
                        m.license.tier.as_str(),
                        w.id,
                        w.tier.as_str(),
                        m.license.id
                    ),
                    evidence: vec![at.clone(), w.source.clone()],
                });
                *w = base_ref;
            }
            None if m.flows_down => {
                findings.push(Finding::new(
                    LicenseCode::Lineage,
                    Severity::Medium,
                    format!(
                        "base model {} ({}) is under {} (tier {}), whose terms bind derivatives; the release states no license of its own for its weights",
                        m.base_model,
                        m.family,
                        m.license.id,
                        m.license.tier.as_str()
                    ),
                    at.clone(),
                ));
            }
            _ => findings.push(Finding::new(
                LicenseCode::Lineage,
                Severity::Info,
                format!(
                    "base model {} ({}) is under {} (tier {}){}",
                    m.base_model,
                    m.family,
                    m.license.id,
                    m.license.tier.as_str(),
                    if m.flows_down {
                        "; its terms bind derivatives"
                    } else {
                        "; its terms do not bind derivatives"
                    }
                ),
                at.clone(),
            )),
        }
    }
}

/// Weights, code and data under different licenses: reported as such (not a conflict: each
/// part keeps its own license).
fn split(components: &[(Component, LicenseRef)], findings: &mut Vec<Finding>) {
    let group = |c: Component| match c {
        Component::ModelParametersFinal | Component::ModelParametersIntermediate => "weights",
        c => match c.content_type() {
            ContentType::Code => "code",
            ContentType::Data => "data",
            ContentType::Document => "documents",
        },
    };
    let mut by_group: BTreeMap<&str, BTreeMap<String, (Tier, Location)>> = BTreeMap::new();
    for (c, l) in components {
        by_group
            .entry(group(*c))
            .or_default()
            .entry(l.id.clone())
            .or_insert((l.tier, l.source.clone()));
    }
    let distinct: std::collections::BTreeSet<&String> =
        by_group.values().flat_map(|m| m.keys()).collect();
    if distinct.len() < 2 || by_group.len() < 2 {
        return;
    }
    // One line per license, naming the parts under it: "weights: X (R); code, data: Y (P)".
    let mut by_license: BTreeMap<(String, &str), Vec<&str>> = BTreeMap::new();
    for (g, ls) in &by_group {
        for (id, (t, _)) in ls {
            by_license
                .entry((id.clone(), t.as_str()))
                .or_default()
                .push(g);
        }
    }
    let parts: Vec<String> = by_license
        .iter()
        .map(|((id, t), groups)| format!("{}: {id} ({t})", groups.join(", ")))
        .collect();
    let mut evidence: Vec<Location> = by_group
        .values()
        .flat_map(|m| m.values().map(|(_, at)| at.clone()))
        .collect();
    evidence.dedup();
    findings.push(Finding {
        kind: LicenseCode::LicenseSplit.into(),
        severity: Severity::Info,
        message: format!(
            "parts of the release are under different licenses: {}",
            parts.join("; ")
        ),
        evidence,
    });
}

/// The obligations of each component's license, from the knowledge base. Expressions are
/// resolved as a whole (an `AND` carries every part's obligations).
pub fn obligations(components: &[(Component, LicenseRef)]) -> Vec<ComponentObligations> {
    components
        .iter()
        .map(|(c, l)| {
            let info = kb().resolve(&l.id);
            let mut obligations = info.as_ref().map(|i| i.obligations.clone()).unwrap_or_default();
            if let Some(policy) = info.as_ref().and_then(|i| i.policy.as_deref()).and_then(|p| kb().by_id(p)) {
                obligations.extend(policy.obligations.into_iter().filter(|o| !obligations.contains(o)).collect::<Vec<_>>());
            }
            if info.is_none() || l.tier == Tier::None {
                obligations.push("No license is known for this component: all rights are reserved; ask the producer before using it.".into());
            }
            ComponentObligations { component: *c, license: l.id.clone(), tier: l.tier, obligations }
        })
        .collect()
}

/// The card's `license` (with `license_name`/`license_link` for `other`), as one finding.
fn card_license(
    release: &Release,
    path: &str,
    card: &glassbox_formats::card::Card,
    files: &[LicenseFinding],
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
        // `other` + a `license_link` URL the knowledge base knows (e.g. Mistral's MRL) names
        // the license as well as a known `license_name` does.
        let info = kb()
            .from_hf(tag, fields.license_name.as_deref())
            .or_else(|| {
                fields
                    .license_link
                    .as_deref()
                    .filter(|l| l.contains("://"))
                    .and_then(|l| kb().by_url(l))
            });
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
                    .and_then(|l| files.iter().find(|f| f.source == l).cloned());
                match linked {
                    Some(mut f) if f.kind == LicenseKind::License => {
                        // An unrecognised text goes by the name the card gives it, graded by
                        // its clauses.
                        if let (true, Some(name)) =
                            (f.method == "unrecognised-license", &fields.license_name)
                        {
                            f.id = format!("LicenseRef-{}", sanitize(name));
                            f.name = name.clone();
                        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    /// A copy of `examples/open-weights` with its card replaced, in a fresh temporary folder.
    fn release_with(name: &str, card: &str, extra: &[(&str, &str)]) -> (PathBuf, Release) {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/open-weights");
        let dir = std::env::temp_dir().join(format!(
            "glassbox-detect-licenses-{}-{name}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for f in [
            "LICENSE",
            "config.json",
            "inference.py",
            "model.safetensors",
        ] {
            std::fs::copy(src.join(f), dir.join(f)).unwrap();
        }
        std::fs::write(dir.join("README.md"), card).unwrap();
        for (p, t) in extra {
            std::fs::write(dir.join(p), t).unwrap();
        }
        let spec = dir.to_str().unwrap().to_string();
        let release = glassbox_sources::resolve(&spec, &Default::default()).unwrap();
        (dir, release)
    }

    fn run(release: &Release) -> (Resolved, Vec<Finding>) {
        let facts = Facts::gather(release);
        let mut ev = Vec::new();
        let mut findings = Vec::new();
        crate::weights::detect(release, &facts, &mut ev, &mut findings);
        crate::code::detect(release, &mut ev);
        let mut lic_findings = Vec::new();
        let r = resolve(release, &facts, &ev, &mut lic_findings);
        (r, lic_findings)
    }

    fn weights(r: &Resolved) -> &LicenseRef {
        &r.components
            .iter()
            .find(|(c, _)| *c == Component::ModelParametersFinal)
            .expect("weights licensed")
            .1
    }

    /// alpaca-lora: no card metadata, an Apache LICENSE, and the README's commands name the
    /// LLaMA 1 base the adapter is trained on: the base's non-commercial terms bind it.
    #[test]
    fn a_base_model_named_in_the_commands_binds_an_adapter() {
        let readme = "# An adapter\n\n```bash\npython finetune.py \\\n    --base_model 'decapoda-research/llama-7b-hf' \\\n    --data_path 'data.json'\n```\n";
        let (dir, release) = release_with("adapter-base", readme, &[]);
        let (r, findings) = run(&release);
        let w = weights(&r);
        assert_eq!(w.id, "LicenseRef-LLaMA-1");
        assert_eq!(w.source.path.as_deref(), Some("README.md"));
        assert_eq!(w.source.line, Some(5));
        assert!(findings.iter().any(|f| f.kind == "lineage"), "{findings:?}");
        // A model it merely mentions in prose is not its base.
        let prose = "# A model\n\nWe compare with decapoda-research/llama-7b-hf in the paper.\n";
        let (dir2, release) = release_with("adapter-prose", prose, &[]);
        let (r, _) = run(&release);
        assert_eq!(weights(&r).id, "Apache-2.0");
        let _ = (std::fs::remove_dir_all(dir), std::fs::remove_dir_all(dir2));
    }

    #[test]
    fn a_fine_tune_declaring_a_looser_license_is_graded_under_its_base() {
        let card = "---\nlicense: apache-2.0\nbase_model: meta-llama/Llama-3.1-8B-Instruct\n---\n# A fine-tune\n\nText.\n";
        let (dir, release) = release_with("lineage", card, &[]);
        let (r, findings) = run(&release);
        let w = weights(&r);
        assert_eq!(w.id, "LicenseRef-Llama-3.1");
        assert_eq!(w.tier, Tier::R);
        let f = findings
            .iter()
            .find(|f| f.kind == "lineage")
            .expect("lineage finding");
        assert_eq!(f.severity, Severity::High);
        assert!(
            f.message.contains("Apache-2.0") && f.message.contains("LicenseRef-Llama-3.1"),
            "{}",
            f.message
        );
        let ob = r
            .obligations
            .iter()
            .find(|o| o.component == Component::ModelParametersFinal)
            .unwrap();
        assert!(
            ob.obligations
                .iter()
                .any(|o| o.contains("Built with Llama")),
            "{:?}",
            ob.obligations
        );
        assert!(
            findings.iter().any(|f| f.kind == "license-split"),
            "weights Llama, code Apache: {findings:?}"
        );
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_base_whose_terms_do_not_flow_down_is_only_noted() {
        let card =
            "---\nlicense: apache-2.0\nbase_model: mistralai/Mistral-7B-v0.1\n---\n# A fine-tune\n";
        let (dir, release) = release_with("lineage-open", card, &[]);
        let (r, findings) = run(&release);
        assert_eq!(weights(&r).id, "Apache-2.0");
        let f = findings
            .iter()
            .find(|f| f.kind == "lineage")
            .expect("lineage finding");
        assert_eq!(f.severity, Severity::Info);
        assert!(!findings.iter().any(|f| f.kind == "license-split"));
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_modified_license_file_is_a_finding_and_conflicts_with_the_card() {
        let apache = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/open-weights/LICENSE"),
        )
        .unwrap();
        // A substantive change inside the grant (text appended after the license's end is a
        // separate text to the matcher, not a change to the license).
        let changed = apache.replacen(
            "irrevocable copyright license",
            "revocable copyright license, for non-commercial research purposes only,",
            1,
        );
        assert_ne!(changed, apache);
        let card = "---\nlicense: apache-2.0\n---\n# Model\n";
        let (dir, release) = release_with("modified", card, &[("LICENSE", &changed)]);
        let (r, findings) = run(&release);
        let m = findings
            .iter()
            .find(|f| f.kind == "license-modified")
            .expect("license-modified finding");
        assert!(m.message.contains("Apache-2.0"), "{}", m.message);
        // The modified text keeps the id it was matched to, so the card agrees on the id, and
        // the graded tier is the modified text's.
        assert_eq!(weights(&r).tier, Tier::NC);
        let _ = std::fs::remove_dir_all(dir);
    }

    /// A safetensors file whose `__metadata__` names a license.
    fn safetensors_with_license(license: &str) -> Vec<u8> {
        let header = format!(
            "{{\"__metadata__\":{{\"license\":\"{license}\"}},\"w\":{{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}}}"
        );
        let mut b = (header.len() as u64).to_le_bytes().to_vec();
        b.extend_from_slice(header.as_bytes());
        b.extend_from_slice(&[0u8; 8]);
        b
    }

    #[test]
    fn a_stricter_license_in_safetensors_metadata_is_a_conflict() {
        let card = "---\nlicense: apache-2.0\n---\n# Model\n";
        let (dir, release) = release_with("st-meta", card, &[]);
        std::fs::write(
            dir.join("model.safetensors"),
            safetensors_with_license("llama3.2"),
        )
        .unwrap();
        let release2 =
            glassbox_sources::resolve(dir.to_str().unwrap(), &Default::default()).unwrap();
        let _ = release;
        let (r, findings) = run(&release2);
        assert!(
            r.findings
                .iter()
                .any(|f| f.method == "safetensors-metadata" && f.id == "LicenseRef-Llama-3.2"),
            "{:?}",
            r.findings
        );
        assert!(
            findings
                .iter()
                .any(|f| f.kind == "license-conflict" && f.message.contains("__metadata__")),
            "{findings:?}"
        );
        assert_eq!(weights(&r).id, "LicenseRef-Llama-3.2");
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_license_link_url_names_the_license() {
        let card = "---\nlicense: other\nlicense_name: some-name\nlicense_link: https://mistral.ai/licenses/MRL-0.1.md\n---\n# Model\n";
        let (dir, release) = release_with("link", card, &[]);
        let (r, _) = run(&release);
        assert!(
            r.findings
                .iter()
                .any(|f| f.id == "LicenseRef-Mistral-MRL-0.1"),
            "{:?}",
            r.findings
        );
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn obligations_of_unknown_licenses_say_so() {
        let comps = vec![(
            Component::ModelParametersFinal,
            LicenseRef {
                id: "LicenseRef-acme-private".into(),
                name: "acme".into(),
                tier: Tier::None,
                osi_approved: false,
                source: Location::file("LICENSE"),
            },
        )];
        let o = obligations(&comps);
        assert!(o[0].obligations[0].contains("all rights are reserved"));
    }
}
