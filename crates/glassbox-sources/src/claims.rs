//! Claims files: a MOF `model.yml` read into claimed evidence.
//!
//! The record is checked against the MOF schema (`schema/mof_schema.json` of the Model Openness
//! Tool) field by field, with errors that name the path (`release.components[3].license: expected
//! a string, found a number`). Beyond the schema, component names must be one of the 17 MOF
//! components and may appear once: the tool itself would silently misfile an unknown name.
//!
//! Each listed component becomes [`Evidence`] with [`Provenance::Claimed`]; its license is resolved
//! in the tool's order (component `license` > `release.license.<type>` >
//! `release.license.distribution`; `unlicensed` or an empty string means no license and does not
//! inherit) and kept exactly as written, so the MOT-exact evaluation sees what the tool would.
//! Tiers come from the license knowledge base.

use glassbox_core::codes::ClaimsCode;
use std::io::Read;
use std::path::Path;

use glassbox_core::{
    Component, ComponentReport, ContentType, Evidence, EvidenceSet, Finding, LicenseFinding,
    LicenseKind, LicenseRef, Location, Provenance, Severity, Status, TargetInfo, Tier,
};
use serde_json::{Map, Value};

/// Largest claims file read.
pub const MAX_CLAIMS_BYTES: u64 = glassbox_formats::yaml::MAX_YAML_BYTES as u64;

/// Why a claims file was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClaimsError {
    /// The file could not be read.
    #[error("{file}: {reason}")]
    Io {
        /// The file.
        file: String,
        /// What went wrong.
        reason: String,
    },
    /// Not YAML, or YAML over the parser's budget (size, aliases, nesting).
    #[error("{file}: {reason}")]
    Yaml {
        /// The file.
        file: String,
        /// The parser's reason (with the line and column, or the limit hit).
        reason: String,
    },
    /// YAML that breaks the MOF schema; `path` names the field.
    #[error("{file}: {path}: {message}")]
    Schema {
        /// The file.
        file: String,
        /// The field path (`release.components[2].name`).
        path: String,
        /// What is wrong with it.
        message: String,
    },
}

/// A global license entry (`release.license.code`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GlobalLicense {
    /// License id, when set.
    pub name: Option<String>,
    /// Where the license text is.
    pub path: Option<String>,
}

/// `release.license`: defaults by content type.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GlobalLicenses {
    /// `distribution`: the fallback for every component.
    pub distribution: GlobalLicense,
    /// `code`.
    pub code: GlobalLicense,
    /// `data`.
    pub data: GlobalLicense,
    /// `document`.
    pub document: GlobalLicense,
}

/// One listed component.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimedComponent {
    /// The component.
    pub component: Component,
    /// Position in `release.components`.
    pub index: usize,
    /// `description`.
    pub description: Option<String>,
    /// `license` as written (`None` when the key is absent: inherit).
    pub license: Option<String>,
    /// `license_path`.
    pub license_path: Option<String>,
    /// `component_path`.
    pub component_path: Option<String>,
}

/// A validated MOF record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MofRecord {
    /// `framework.version`.
    pub framework_version: String,
    /// `framework.date`.
    pub framework_date: String,
    /// `release.name`.
    pub name: String,
    /// `release.version`.
    pub version: Option<String>,
    /// `release.date`.
    pub date: Option<String>,
    /// `release.type`.
    pub kind: Option<String>,
    /// `release.architecture`.
    pub architecture: Option<String>,
    /// `release.treatment`.
    pub treatment: Option<String>,
    /// `release.origin`.
    pub origin: Option<String>,
    /// `release.producer`.
    pub producer: String,
    /// `release.contact`.
    pub contact: Option<String>,
    /// `release.repository` (accepted by the tool though not in the schema).
    pub repository: Option<String>,
    /// `release.huggingface` (same).
    pub huggingface: Option<String>,
    /// `release.license`.
    pub license: GlobalLicenses,
    /// `release.components`.
    pub components: Vec<ClaimedComponent>,
}

/// Where a component's license came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedLicense {
    /// The id as written; `None` = unlicensed.
    pub id: Option<String>,
    /// The field it came from (`release.components[2].license`, `release.license.code.name`).
    pub field: String,
    /// `license_path` / `path` of that entry.
    pub path: Option<String>,
}

const TYPES: [&str; 10] = [
    "",
    "language",
    "vision",
    "image",
    "audio",
    "video",
    "3d",
    "code",
    "multimodal",
    "other",
];
const ARCHITECTURES: [&str; 14] = [
    "",
    "transformer",
    "transformer decoder",
    "transformer encoder-decoder",
    "decoder",
    "encoder",
    "diffusion",
    "RNN",
    "CNN",
    "LSTM",
    "NeRF",
    "hybrid",
    "undisclosed",
    "other",
];
const TREATMENTS: [&str; 3] = ["pre-trained", "instruct fine-tuned", "chat fine-tuned"];

/// Reads and validates a claims file (bounded read).
pub fn read_file(path: &Path) -> Result<MofRecord, ClaimsError> {
    let file = path.display().to_string();
    let io = |e: std::io::Error| ClaimsError::Io {
        file: file.clone(),
        reason: e.to_string(),
    };
    let f = std::fs::File::open(path).map_err(io)?;
    // Sized from the file's length (bounded), so a small record is read in one go.
    let hint = f
        .metadata()
        .map(|m| m.len())
        .unwrap_or(0)
        .min(MAX_CLAIMS_BYTES) as usize;
    let mut buf = Vec::with_capacity(hint + 1);
    f.take(MAX_CLAIMS_BYTES + 1)
        .read_to_end(&mut buf)
        .map_err(io)?;
    if buf.len() as u64 > MAX_CLAIMS_BYTES {
        return Err(ClaimsError::Io {
            file,
            reason: format!("larger than the limit of {MAX_CLAIMS_BYTES} bytes"),
        });
    }
    let text = String::from_utf8(buf).map_err(|_| ClaimsError::Io {
        file: file.clone(),
        reason: "not UTF-8 text".into(),
    })?;
    parse(&text, &file)
}

/// Parses and validates a MOF record; `file` names it in errors.
pub fn parse(text: &str, file: &str) -> Result<MofRecord, ClaimsError> {
    let v = glassbox_formats::yaml::parse(text, file).map_err(|e| {
        // The parser names the document itself; say it once.
        let reason = e.to_string().replacen(&format!("{file}: "), "", 1);
        ClaimsError::Yaml {
            file: file.to_string(),
            reason,
        }
    })?;
    Validator { file }.record(&v)
}

/// True when a file looks like a MOF record (top-level `framework:` naming the MOF), without
/// validating it: lets a caller pick claims files out of a list of paths.
pub fn looks_like_record(text: &str) -> bool {
    text.lines().any(|l| l.starts_with("framework:")) && text.contains("Model Openness Framework")
}

struct Validator<'a> {
    file: &'a str,
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

/// `YYYY-MM-DD` with a real month and day (JSON-schema `format: date`).
fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| {
        s.get(r)
            .filter(|p| p.bytes().all(|c| c.is_ascii_digit()))
            .and_then(|p| p.parse::<u32>().ok())
    };
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

impl Validator<'_> {
    fn err(&self, path: &str, message: impl Into<String>) -> ClaimsError {
        ClaimsError::Schema {
            file: self.file.to_string(),
            path: path.to_string(),
            message: message.into(),
        }
    }

    fn object<'v>(&self, v: &'v Value, path: &str) -> Result<&'v Map<String, Value>, ClaimsError> {
        v.as_object()
            .ok_or_else(|| self.err(path, format!("expected a mapping, found {}", kind_of(v))))
    }

    fn required<'v>(
        &self,
        m: &'v Map<String, Value>,
        key: &str,
        path: &str,
    ) -> Result<&'v Value, ClaimsError> {
        m.get(key)
            .ok_or_else(|| self.err(&join(path, key), "required field missing"))
    }

    fn string(&self, v: &Value, path: &str) -> Result<String, ClaimsError> {
        v.as_str()
            .map(str::to_string)
            .ok_or_else(|| self.err(path, format!("expected a string, found {}", kind_of(v))))
    }

    fn opt_string(
        &self,
        m: &Map<String, Value>,
        key: &str,
        path: &str,
    ) -> Result<Option<String>, ClaimsError> {
        m.get(key)
            .map(|v| self.string(v, &join(path, key)))
            .transpose()
    }

    fn string_or_null(
        &self,
        m: &Map<String, Value>,
        key: &str,
        path: &str,
    ) -> Result<Option<String>, ClaimsError> {
        match m.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => self.string(v, &join(path, key)).map(Some),
        }
    }

    fn one_of(
        &self,
        m: &Map<String, Value>,
        key: &str,
        path: &str,
        allowed: &[&str],
    ) -> Result<Option<String>, ClaimsError> {
        let Some(s) = self.opt_string(m, key, path)? else {
            return Ok(None);
        };
        if !allowed.contains(&s.as_str()) {
            let list: Vec<String> = allowed.iter().map(|a| format!("'{a}'")).collect();
            return Err(self.err(
                &join(path, key),
                format!("`{s}` is not one of {}", list.join(", ")),
            ));
        }
        Ok(Some(s))
    }

    fn date(
        &self,
        m: &Map<String, Value>,
        key: &str,
        path: &str,
    ) -> Result<Option<String>, ClaimsError> {
        let Some(s) = self.opt_string(m, key, path)? else {
            return Ok(None);
        };
        if !is_date(&s) {
            return Err(self.err(
                &join(path, key),
                format!("`{s}` is not a date (YYYY-MM-DD)"),
            ));
        }
        Ok(Some(s))
    }

    fn record(&self, v: &Value) -> Result<MofRecord, ClaimsError> {
        if v.is_null() {
            return Err(self.err(
                "(document)",
                "empty document: a MOF record needs `framework` and `release`",
            ));
        }
        let top = self.object(v, "(document)")?;
        let fw = self.object(self.required(top, "framework", "")?, "framework")?;
        let fw_name = self.string(self.required(fw, "name", "framework")?, "framework.name")?;
        if fw_name != "Model Openness Framework" {
            return Err(self.err(
                "framework.name",
                format!("`{fw_name}` is not 'Model Openness Framework'"),
            ));
        }
        let framework_version = self.string(
            self.required(fw, "version", "framework")?,
            "framework.version",
        )?;
        self.required(fw, "date", "framework")?;
        let framework_date = self.date(fw, "date", "framework")?.unwrap_or_default();

        let rel = self.object(self.required(top, "release", "")?, "release")?;
        let p = "release";
        let name = self.string(self.required(rel, "name", p)?, "release.name")?;
        if name.is_empty() {
            return Err(self.err("release.name", "must not be empty"));
        }
        let lic = self.object(self.required(rel, "license", p)?, "release.license")?;
        let producer = self.string(self.required(rel, "producer", p)?, "release.producer")?;
        let comps = self.required(rel, "components", p)?;
        let comps = comps.as_array().ok_or_else(|| {
            self.err(
                "release.components",
                format!("expected a list, found {}", kind_of(comps)),
            )
        })?;
        if comps.len() > 17 {
            return Err(self.err(
                "release.components",
                format!("{} items, the schema allows at most 17", comps.len()),
            ));
        }

        let mut license = GlobalLicenses::default();
        for (key, slot) in [
            ("distribution", &mut license.distribution),
            ("code", &mut license.code),
            ("data", &mut license.data),
            ("document", &mut license.document),
        ] {
            let Some(entry) = lic.get(key) else { continue };
            let path = format!("release.license.{key}");
            let entry = self.object(entry, &path)?;
            slot.name = self.string_or_null(entry, "name", &path)?;
            slot.path = self.string_or_null(entry, "path", &path)?;
        }

        let mut components: Vec<ClaimedComponent> = Vec::with_capacity(comps.len());
        for (i, item) in comps.iter().enumerate() {
            let path = format!("release.components[{i}]");
            let m = self.object(item, &path)?;
            let cname = self.string(self.required(m, "name", &path)?, &format!("{path}.name"))?;
            let component = Component::ALL.into_iter().find(|c| c.name() == cname.trim()).ok_or_else(|| {
                let hint = Component::from_name(&cname).map(|c| format!(" (did you mean '{}'?)", c.name())).unwrap_or_default();
                self.err(&format!("{path}.name"), format!("unknown component `{cname}`{hint}; expected one of the 17 MOF component names"))
            })?;
            if let Some(first) = components.iter().find(|c| c.component == component) {
                return Err(self.err(
                    &format!("{path}.name"),
                    format!(
                        "component `{cname}` listed twice (first at release.components[{}])",
                        first.index
                    ),
                ));
            }
            components.push(ClaimedComponent {
                component,
                index: i,
                description: self.opt_string(m, "description", &path)?,
                license: self.opt_string(m, "license", &path)?,
                license_path: self.opt_string(m, "license_path", &path)?,
                component_path: self.opt_string(m, "component_path", &path)?,
            });
        }

        Ok(MofRecord {
            framework_version,
            framework_date,
            version: self.opt_string(rel, "version", p)?,
            date: self.date(rel, "date", p)?,
            kind: self.one_of(rel, "type", p, &TYPES)?,
            architecture: self.one_of(rel, "architecture", p, &ARCHITECTURES)?,
            treatment: self.one_of(rel, "treatment", p, &TREATMENTS)?,
            origin: self.opt_string(rel, "origin", p)?,
            contact: self.opt_string(rel, "contact", p)?,
            repository: rel
                .get("repository")
                .and_then(Value::as_str)
                .map(str::to_string),
            huggingface: rel
                .get("huggingface")
                .and_then(Value::as_str)
                .map(str::to_string),
            name,
            producer,
            license,
            components,
        })
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn non_empty(s: &Option<String>) -> Option<&str> {
    s.as_deref().filter(|s| !s.is_empty())
}

fn is_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://")
}

impl ClaimsError {
    /// The error without the file name, for callers that already name the file.
    pub fn detail(&self) -> String {
        match self {
            ClaimsError::Io { reason, .. } | ClaimsError::Yaml { reason, .. } => reason.clone(),
            ClaimsError::Schema { path, message, .. } => format!("{path}: {message}"),
        }
    }
}

impl MofRecord {
    /// The license of a listed component, in the Model Openness Tool's order.
    pub fn resolve_license(&self, c: &ClaimedComponent) -> ResolvedLicense {
        if let Some(l) = &c.license {
            let id = (!l.is_empty() && l != "unlicensed").then(|| l.clone());
            return ResolvedLicense {
                id,
                field: format!("release.components[{}].license", c.index),
                path: c.license_path.clone(),
            };
        }
        let (key, typed) = match c.component.content_type() {
            ContentType::Code => ("code", &self.license.code),
            ContentType::Data => ("data", &self.license.data),
            ContentType::Document => ("document", &self.license.document),
        };
        if let Some(n) = non_empty(&typed.name) {
            return ResolvedLicense {
                id: Some(n.to_string()),
                field: format!("release.license.{key}.name"),
                path: typed.path.clone(),
            };
        }
        if let Some(n) = non_empty(&self.license.distribution.name) {
            return ResolvedLicense {
                id: Some(n.to_string()),
                field: "release.license.distribution.name".into(),
                path: self.license.distribution.path.clone(),
            };
        }
        ResolvedLicense {
            id: None,
            field: format!("release.components[{}]", c.index),
            path: None,
        }
    }

    /// What was audited, for the report.
    pub fn target(&self, spec: &str) -> TargetInfo {
        TargetInfo {
            spec: spec.to_string(),
            kind: "claims".into(),
            name: self.name.clone(),
            revision: self.version.clone().filter(|v| !v.is_empty()),
        }
    }

    /// The record as claimed evidence: all 17 components (absent when not listed), licenses with
    /// tiers from the knowledge base, and findings for license ids nobody recognises.
    pub fn to_evidence(&self, file: &str) -> EvidenceSet {
        let kb = glassbox_licenses::kb();
        let mut licenses: Vec<LicenseFinding> = Vec::new();
        let mut findings: Vec<Finding> = Vec::new();
        let mut components = Vec::with_capacity(17);
        for c in Component::ALL {
            let Some(cl) = self.components.iter().find(|x| x.component == c) else {
                components.push(ComponentReport {
                    component: c,
                    status: Status::Absent,
                    license: None,
                    evidence: vec![],
                });
                continue;
            };
            let mut location = Location::field(file, format!("release.components[{}]", cl.index));
            location.url = cl.component_path.clone().filter(|p| is_url(p));
            let detail = match (&cl.description, &cl.component_path) {
                (Some(d), Some(p)) if !is_url(p) => format!("{d} ({p})"),
                (Some(d), _) => d.clone(),
                (None, Some(p)) => p.clone(),
                (None, None) => "listed in the MOF record".into(),
            };
            let evidence = Evidence {
                component: c,
                status: Status::Present,
                location,
                rule: "claims.mof-record".into(),
                confidence: 1.0,
                detail,
                provenance: Provenance::Claimed,
                source: Some(file.to_string()),
            };
            let resolved = self.resolve_license(cl);
            let license = resolved.id.as_ref().map(|id| {
                let mut source = Location::field(file, resolved.field.clone());
                source.url = resolved.path.clone().filter(|p| is_url(p));
                let info = kb.by_id(id).or_else(|| kb.expression(id).ok().filter(|l| l.tier != Tier::None));
                let (name, tier, osi) = match &info {
                    Some(i) => (i.name.clone(), i.tier, i.osi_approved),
                    None => (id.clone(), Tier::None, false),
                };
                if info.is_none() && !findings.iter().any(|f| f.message.contains(&format!("`{id}`"))) {
                    findings.push(Finding::new(
                        ClaimsCode::ClaimsUnknownLicense,
                        Severity::Low,
                        format!("license `{id}` in the MOF record is not a known SPDX id or license; graded as no license"),
                        source.clone(),
                    ));
                }
                if !licenses.iter().any(|l| l.id == *id && l.source == resolved.field) {
                    licenses.push(LicenseFinding {
                        source: format!("{file} [{}]", resolved.field),
                        kind: LicenseKind::License,
                        id: id.clone(),
                        name: name.clone(),
                        tier,
                        osi_approved: osi,
                        score: if info.is_some() { 1.0 } else { 0.0 },
                        modified: false,
                        method: "mof-claim".into(),
                        location: source.clone(),
                    });
                }
                LicenseRef { id: id.clone(), name, tier, osi_approved: osi, source }
            });
            components.push(ComponentReport {
                component: c,
                status: Status::Present,
                license,
                evidence: vec![evidence],
            });
        }
        EvidenceSet {
            artifacts: vec![],
            components,
            licenses,
            findings,
            obligations: Vec::new(),
            model_licenses: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "framework:\n  name: Model Openness Framework\n  version: '1.0'\n  date: '2024-12-15'\nrelease:\n  name: m\n  producer: p\n  license:\n    distribution: {name: Apache-2.0, path: /LICENSE}\n    data: {name: CDLA-Permissive-2.0}\n  components:\n    - name: Model parameters (Final)\n    - name: Training code\n      license: MIT\n    - name: Model card\n      license: unlicensed\n";

    #[test]
    fn resolution_order_follows_the_tool() {
        let r = parse(SAMPLE, "model.yml").unwrap();
        let ev = r.to_evidence("model.yml");
        assert_eq!(
            ev.license(Component::ModelParametersFinal).unwrap().id,
            "CDLA-Permissive-2.0"
        );
        assert_eq!(ev.license(Component::TrainingCode).unwrap().id, "MIT");
        assert_eq!(
            ev.license(Component::ModelCard),
            None,
            "unlicensed does not inherit"
        );
        assert_eq!(ev.status(Component::ModelCard), Status::Present);
        assert_eq!(ev.status(Component::Datasets), Status::Absent);
        assert_eq!(ev.components.len(), 17);
        let e = &ev.component(Component::TrainingCode).unwrap().evidence[0];
        assert_eq!(e.provenance, Provenance::Claimed);
        assert_eq!(e.location.field.as_deref(), Some("release.components[1]"));
        assert_eq!(ev.license(Component::TrainingCode).unwrap().tier, Tier::P);
    }

    fn schema_err(text: &str) -> (String, String) {
        match parse(text, "m.yml") {
            Err(ClaimsError::Schema { path, message, .. }) => (path, message),
            other => panic!("expected a schema error, got {other:?}"),
        }
    }

    #[test]
    fn errors_name_the_field_path() {
        let (p, m) = schema_err(&SAMPLE.replace("      license: MIT\n", "      license: 3\n"));
        assert_eq!(p, "release.components[1].license");
        assert!(m.contains("expected a string, found a number"), "{m}");
        let (p, m) = schema_err(&SAMPLE.replace("  producer: p\n", ""));
        assert_eq!(
            (p.as_str(), m.as_str()),
            ("release.producer", "required field missing")
        );
        let (p, m) = schema_err(&SAMPLE.replace("Training code", "Trainin code"));
        assert_eq!(p, "release.components[1].name");
        assert!(m.contains("unknown component `Trainin code`"), "{m}");
        let (p, m) = schema_err(&SAMPLE.replace("Training code", "training code"));
        assert!(m.contains("did you mean 'Training code'"), "{p}: {m}");
        let (p, _) = schema_err(&SAMPLE.replace("'2024-12-15'", "'2024-13-01'"));
        assert_eq!(p, "framework.date");
        let (p, _) = schema_err(&SAMPLE.replace("  name: m\n", "  name: ''\n"));
        assert_eq!(p, "release.name");
        let (p, m) = schema_err(&SAMPLE.replace(
            "    - name: Model card\n      license: unlicensed\n",
            "    - name: Training code\n",
        ));
        assert_eq!(p, "release.components[2].name");
        assert!(m.contains("listed twice"));
        let (p, _) = schema_err(&SAMPLE.replace("name: Model Openness Framework", "name: MOF"));
        assert_eq!(p, "framework.name");
        let (p, _) =
            schema_err(&SAMPLE.replace("  producer: p\n", "  producer: p\n  type: robot\n"));
        assert_eq!(p, "release.type");
        let (p, _) = schema_err(&SAMPLE.replace(
            "    data: {name: CDLA-Permissive-2.0}\n",
            "    data: CDLA-Permissive-2.0\n",
        ));
        assert_eq!(p, "release.license.data");
        let (p, _) = schema_err("- a\n- b\n");
        assert_eq!(p, "(document)");
    }

    #[test]
    fn bad_yaml_and_bombs_are_refused() {
        assert!(matches!(
            parse("framework: [unclosed", "x.yml"),
            Err(ClaimsError::Yaml { .. })
        ));
        let mut bomb = String::from("a0: &a0 [x,x,x,x,x,x,x,x,x,x]\n");
        for i in 1..12 {
            bomb.push_str(&format!(
                "a{i}: &a{i} [*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p}]\n",
                p = i - 1
            ));
        }
        assert!(parse(&bomb, "bomb.yml").is_err());
        assert!(matches!(
            parse("", "e.yml"),
            Err(ClaimsError::Schema { .. })
        ));
    }

    #[test]
    fn dates_are_real_dates() {
        assert!(is_date("2024-02-29"));
        assert!(!is_date("2023-02-29"));
        assert!(!is_date("2024-1-01"));
        assert!(!is_date("2024-01-32"));
        assert!(!is_date("２０２4-01-01"));
    }
}
