//! Shared pieces of every verdict: requirements with their evidence, license predicates, and gap
//! steps worded one way everywhere so the merged gap list can recognise the same step across
//! frameworks.

use glassbox_core::{
    Assessment, Component, EvidenceSet, GapStep, LicenseRef, Location, Requirement, Status,
    StepKind, Tier,
};

/// The license bar a gap step asks for (core's [`LicenseBar`]), with its wording.
pub(crate) use glassbox_core::LicenseBar as Bar;

/// The words for `bar` on component `c` ("an OSI-approved license").
pub(crate) fn phrase(bar: Bar, c: Component) -> &'static str {
    use glassbox_core::ContentType::*;
    match bar {
        Bar::None => "",
        Bar::Open => "open terms",
        Bar::Osi => "an OSI-approved license",
        Bar::TypeAppropriate => match c.content_type() {
            Code => "a type-appropriate open license (OSI-approved)",
            Data => "a type-appropriate open license (open-data, e.g. CDLA-Permissive-2.0)",
            Document => "a type-appropriate open license (open-content, e.g. CC-BY-4.0)",
        },
    }
}

/// Lower-case component name for sentences ("the training code").
pub(crate) fn lc(c: Component) -> String {
    let n = c.name();
    // Keep the parenthesised qualifier: "model parameters (final)".
    n.to_lowercase()
}

/// "Publish the training code under an OSI-approved license".
pub(crate) fn publish(c: Component, bar: Bar) -> GapStep {
    let action = match bar {
        Bar::None => format!("Publish the {}", lc(c)),
        b => format!("Publish the {} under {}", lc(c), phrase(b, c)),
    };
    GapStep::new(action, c, StepKind::Publish, bar)
}

/// "License the training code under an OSI-approved license".
pub(crate) fn relicense(c: Component, bar: Bar) -> GapStep {
    GapStep::new(
        format!("License the {} under {}", lc(c), phrase(bar, c)),
        c,
        StepKind::License,
        bar,
    )
}

/// The step that makes `c` meet `bar`: publish it when absent or partial, relicense it otherwise.
pub(crate) fn step_for(ev: &EvidenceSet, c: Component, bar: Bar) -> GapStep {
    if ev.status(c) == Status::Present {
        relicense(c, bar)
    } else {
        publish(c, bar)
    }
}

/// Every location the judgement about `c` rests on: its evidence, then where its license was found.
pub(crate) fn locations(ev: &EvidenceSet, c: Component) -> Vec<Location> {
    let mut out: Vec<Location> = Vec::new();
    if let Some(r) = ev.component(c) {
        for e in r.evidence.iter().take(4) {
            if !out.contains(&e.location) {
                out.push(e.location.clone());
            }
        }
        if let Some(l) = &r.license {
            if !out.contains(&l.source) {
                out.push(l.source.clone());
            }
        }
    }
    out
}

/// Where the license of `c` was found (nothing when it has none): for requirements decided by the
/// license alone, whose component evidence the report already lists under `components`.
pub(crate) fn license_location(ev: &EvidenceSet, c: Component) -> Vec<Location> {
    ev.license(c)
        .map(|l| vec![l.source.clone()])
        .unwrap_or_default()
}

/// Terms that allow any use, modification and sharing (tier P or O).
pub(crate) fn terms_open(l: Option<&LicenseRef>) -> bool {
    l.is_some_and(|l| l.tier.is_open())
}

/// An OSI-approved license.
pub(crate) fn osi(l: Option<&LicenseRef>) -> bool {
    l.is_some_and(|l| l.osi_approved || l.tier == Tier::P)
}

/// "Apache-2.0 (tier P)" or "no license".
pub(crate) fn describe(l: Option<&LicenseRef>) -> String {
    match l {
        Some(l) => format!("{} (tier {})", l.id, l.tier.as_str()),
        None => "no license".to_string(),
    }
}

/// "present", "partial" or "not found".
pub(crate) fn status_word(s: Status) -> &'static str {
    match s {
        Status::Present => "present",
        Status::Partial => "only partly present",
        Status::Absent => "not found",
    }
}

/// Builds an assessment requirement by requirement, keeping the gap free of duplicates.
#[derive(Default)]
pub(crate) struct Builder {
    pub(crate) a: Assessment,
}

impl Builder {
    pub(crate) fn req(
        &mut self,
        ok: bool,
        id: &str,
        title: &str,
        reason: String,
        evidence: Vec<Location>,
    ) -> bool {
        let r = Requirement {
            id: id.to_string(),
            title: title.to_string(),
            reason,
            evidence,
        };
        if ok {
            self.a.met.push(r);
        } else {
            self.a.unmet.push(r);
        }
        ok
    }

    /// Like [`Builder::req`], adding `step` to the gap when unmet.
    pub(crate) fn req_or(
        &mut self,
        ok: bool,
        id: &str,
        title: &str,
        reason: String,
        evidence: Vec<Location>,
        step: GapStep,
    ) -> bool {
        if !self.req(ok, id, title, reason, evidence) {
            self.gap(step);
        }
        ok
    }

    pub(crate) fn gap(&mut self, step: GapStep) {
        if !self.a.gap.contains(&step) {
            self.a.gap.push(step);
        }
    }

    pub(crate) fn done(self) -> Assessment {
        self.a
    }
}

/// Test helpers: evidence sets built in code.
#[cfg(test)]
pub(crate) mod fixture {
    use glassbox_core::{ComponentReport, Evidence, Provenance};

    use super::*;

    /// A license reference with the given tier.
    pub fn lic(id: &str, tier: Tier) -> LicenseRef {
        LicenseRef {
            id: id.into(),
            name: id.into(),
            tier,
            osi_approved: tier == Tier::P,
            source: Location::file("LICENSE"),
        }
    }

    /// An evidence set where each listed component is present under the given license.
    pub fn set(items: &[(Component, Option<LicenseRef>)]) -> EvidenceSet {
        let components = Component::ALL
            .into_iter()
            .map(|c| match items.iter().find(|(k, _)| *k == c) {
                Some((_, l)) => ComponentReport {
                    component: c,
                    status: Status::Present,
                    license: l.clone(),
                    evidence: vec![Evidence {
                        component: c,
                        status: Status::Present,
                        location: Location::file(format!("{}.txt", c.name())),
                        rule: "test".into(),
                        confidence: 1.0,
                        detail: String::new(),
                        provenance: Provenance::Detected,
                        source: None,
                    }],
                },
                None => ComponentReport {
                    component: c,
                    status: Status::Absent,
                    license: None,
                    evidence: vec![],
                },
            })
            .collect();
        EvidenceSet {
            components,
            ..Default::default()
        }
    }

    /// Every component present, each under the given license.
    pub fn all(l: &LicenseRef) -> Vec<(Component, Option<LicenseRef>)> {
        Component::ALL
            .iter()
            .map(|c| (*c, Some(l.clone())))
            .collect()
    }

    /// Replace one component's license (or remove the component with `present = false`).
    pub fn with(
        mut items: Vec<(Component, Option<LicenseRef>)>,
        c: Component,
        present: bool,
        l: Option<LicenseRef>,
    ) -> Vec<(Component, Option<LicenseRef>)> {
        items.retain(|(k, _)| *k != c);
        if present {
            items.push((c, l));
        }
        items
    }
}
