//! Detectors: from the parsed facts of a release to evidence for the 17 MOF components.
//!
//! Each rule has an id (`weights.safetensors`, `code.training-loop`, …) that appears in the
//! evidence it produces, so a wrong verdict can be traced to the rule that caused it. Detection
//! is pure over a [`Release`]: it reads only the bytes the source already loaded.
//!
//! ```
//! let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/open-weights");
//! let release = glassbox_sources::resolve(dir, &Default::default()).unwrap();
//! let evidence = glassbox_detect::inspect(&release, &[]);
//! // Every piece of evidence names the rule that found it.
//! assert!(evidence.components.iter().flat_map(|c| &c.evidence).all(|e| !e.rule.is_empty()));
//! ```

#![warn(missing_docs)]

mod code;
mod combine;
mod data_docs;
mod docs;
mod facts;
mod identity;
pub mod licenses;
mod remote;
mod submodules;
mod weights;

use glassbox_core::Release;
use glassbox_core::{Evidence, EvidenceSet};

pub use facts::Facts;

/// Inspects a release and, optionally, releases linked to it (a code checkout, a dataset),
/// returning all evidence. Evidence from linked releases carries their spec in `source`.
pub fn inspect(primary: &Release, linked: &[Release]) -> EvidenceSet {
    let mut evidence: Vec<Evidence> = Vec::new();
    let mut findings = primary.problems.clone();
    let mut license_findings = Vec::new();
    let mut artifacts = Vec::new();
    let mut component_licenses = Vec::new();
    let mut model_licenses = None;
    for (i, release) in std::iter::once(primary).chain(linked).enumerate() {
        let facts = Facts::gather(release);
        findings.extend(facts.problems.iter().cloned());
        let source = (i > 0).then(|| release.target.spec.clone());
        let mut ev = Vec::new();
        weights::detect(release, &facts, &mut ev, &mut findings);
        let id = identity::Identity::of(release);
        remote::detect(release, &id, &mut ev, &mut findings);
        code::detect(release, &mut ev);
        docs::detect(release, &facts, &mut ev, &mut findings);
        data_docs::detect(release, &mut ev);
        submodules::detect(release, &mut ev);
        if i == 0 {
            weights::none_own(release, &mut ev);
        }
        for e in &mut ev {
            if e.source.is_none() {
                e.source = source.clone();
            }
        }
        let lic = licenses::resolve(release, &facts, &ev, &mut findings);
        license_findings.extend(lic.findings);
        component_licenses.extend(lic.components);
        if i == 0 {
            model_licenses = lic.model_licenses;
        }
        if i > 0 {
            findings.extend(release.problems.iter().cloned());
        }
        evidence.extend(ev);
        artifacts.extend(release.files.iter().map(|f| {
            let mut a = f.artifact.clone();
            if let Some(s) = &source {
                a.path = format!("{s}:{}", a.path);
            }
            a
        }));
    }
    let components = combine::components(evidence, &component_licenses);
    let obligations = grouped_obligations(&components);
    EvidenceSet {
        artifacts,
        components,
        licenses: license_findings,
        findings,
        obligations,
        model_licenses,
    }
}

/// The obligations of each component's license, one entry per license with the components it
/// covers, in MOF order of their first component.
fn grouped_obligations(
    components: &[glassbox_core::ComponentReport],
) -> Vec<glassbox_core::LicenseObligations> {
    let licensed: Vec<_> = components
        .iter()
        .filter_map(|c| c.license.clone().map(|l| (c.component, l)))
        .collect();
    let mut out: Vec<glassbox_core::LicenseObligations> = Vec::new();
    for o in licenses::obligations(&licensed) {
        match out.iter_mut().find(|g| g.license == o.license) {
            Some(g) => g.components.push(o.component),
            None => out.push(glassbox_core::LicenseObligations {
                license: o.license,
                tier: o.tier,
                components: vec![o.component],
                obligations: o.obligations,
            }),
        }
    }
    out
}
