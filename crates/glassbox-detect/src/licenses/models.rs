//! Per-model licenses (issue #12): a repository that releases several models under different
//! terms says which model is under which license in the subject of a sentence ("Qwen-72B,
//! Qwen-14B, and Qwen-7B are licensed under …"), in a license file's name
//! (`model_licenses/LICENSE-SDXL1.0`), or by the model's name alone when the family license
//! reserves the name for its derivatives (`allenai/Llama-3.1-Tulu-3-8B`).
//!
//! The release's weights row stays graded by the most restrictive license (DESIGN.md §4); this
//! table tells a user which license governs the model they pick.

use glassbox_core::Release;
use glassbox_core::{Component, Evidence, LicenseFinding, LicenseRef, ModelLicense, ModelLicenses};
use glassbox_core::{Location, Status};
use glassbox_licenses::kb;

use super::prose::Statement;
use super::scope::Scope;
use super::{as_ref, most_restrictive, statement_ref};

/// Words after `LICENSE-` in a file name that say what the file covers rather than which model.
const NOT_MODELS: &[&str] = &[
    "model",
    "models",
    "weights",
    "weight",
    "code",
    "codes",
    "data",
    "dataset",
    "datasets",
    "docs",
    "agreement",
    "text",
    "notice",
    "notices",
    "third",
    "thirdparty",
    "3rdparty",
    "apache",
    "mit",
    "bsd",
    "gpl",
    "cc",
    "assets",
    "header",
    "original",
    "full",
    "short",
    "summary",
    "sample",
    "samples",
    "examples",
    "en",
    "zh",
    "cn",
    "ja",
    "jp",
    "ko",
    "kr",
    "fr",
    "de",
    "es",
];

/// The model a license file's name gives: `LICENSE-SDXL1.0` -> `SDXL1.0`,
/// `LICENCE-SD-Turbo` -> `SD-Turbo`. Names that say what the file covers (`LICENSE-MODEL`,
/// `LICENSE-CODE`) give none.
pub(super) fn model_of_file(path: &str) -> Option<String> {
    let name = path.rsplit('/').next()?;
    let stem = [".txt", ".md", ".pdf", ".rst"]
        .iter()
        .find_map(|e| {
            name.len()
                .checked_sub(e.len())
                .filter(|&i| name.is_char_boundary(i) && name[i..].eq_ignore_ascii_case(e))
                .map(|i| &name[..i])
        })
        .unwrap_or(name);
    let lower = stem.to_ascii_lowercase();
    let rest = ["license", "licence"]
        .iter()
        .find_map(|p| lower.strip_prefix(p))?;
    let rest = rest.strip_prefix(['-', '_', '.', ' '])?;
    let model = &stem[stem.len() - rest.len()..];
    let key = rest.replace(['-', '_', '.', ' '], "");
    if model.is_empty() || NOT_MODELS.contains(&key.as_str()) || !is_model_name(model, true) {
        return None;
    }
    Some(model.to_string())
}

/// Phrases that end a sentence's subject and begin what it says about the license.
const VERBS: &[&str] = &[
    " is licensed",
    " are licensed",
    " licensed under",
    " is released under",
    " are released under",
    " released under",
    " is available under",
    " are available under",
    " are available (",
    " is available (",
    " subject to",
    " has a ",
    " have a ",
    " is under",
    " are under",
    " is governed",
    " are governed",
    " use the ",
    " uses the ",
];

/// The models a statement names: a table row's first cell (`| Orbit-L | 70B | CC-BY-NC-4.0 |`),
/// else the subject of its sentence.
pub(super) fn models_of(st: &Statement) -> Vec<String> {
    if st.rule == "license.readme-table" {
        let first = st.sentence.trim().trim_start_matches('|').split('|').next();
        return first
            .map(|c| c.trim().trim_matches(['*', '`', '_']).trim())
            .filter(|c| is_model_name(c, true) || c.split(' ').all(|w| is_model_name(w, true)))
            .map(|c| vec![c.replace(' ', "-")])
            .unwrap_or_default();
    }
    models_in_sentence(&st.sentence)
}

/// The models a list after a statement names: "The following models are CC-BY-NC 4.0 licensed
/// as found in LICENSE:" then "- SeamlessM4T models (v1 and v2)." -> `SeamlessM4T`. Items that
/// are not models (code, data sets, tools) are left out.
fn listed_models(release: &Release, st: &Statement) -> Vec<String> {
    let lower = st.sentence.to_lowercase();
    if !(lower.contains("the following") && (lower.contains("model") || lower.contains("weights")))
    {
        return Vec::new();
    }
    let Some(text) = release.file(&st.path).and_then(|f| f.text()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut started = false;
    for line in text.lines().skip(st.line as usize) {
        let t = line.trim();
        let Some(item) = t.strip_prefix("- ").or_else(|| t.strip_prefix("* ")) else {
            if t.is_empty() && !started {
                continue;
            }
            break;
        };
        started = true;
        let item = link_text(item);
        let name = item
            .split([' ', '(', ':', ','])
            .take_while(|w| {
                let w = w.to_lowercase();
                !matches!(
                    w.trim_end_matches(['.', ';']),
                    "models" | "model" | "weights" | "checkpoints"
                )
            })
            .collect::<Vec<_>>()
            .join(" ");
        let name = name.trim().trim_end_matches('.').trim();
        let l = name.to_lowercase();
        let not_model = ["code", "dataset", "data", "tool", "extractor", "script"]
            .iter()
            .any(|w| l.split(' ').any(|x| x == *w));
        if !name.is_empty() && name.len() <= 60 && !not_model {
            out.push(name.replace(' ', "-"));
        }
        if out.len() >= 50 {
            break;
        }
    }
    out
}

/// Markdown links reduced to their text.
fn link_text(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('[') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        match after
            .find("](")
            .and_then(|j| after[j..].find(')').map(|k| (j, j + k)))
        {
            Some((j, end)) => {
                out.push_str(&after[..j]);
                rest = &after[end + 1..];
            }
            None => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// What a sentence speaks of: the words before it says how it is licensed ("Qwen-72B and
/// Qwen-14B" in "Qwen-72B and Qwen-14B are licensed under …"); `None` without such a phrase.
pub(super) fn subject(sentence: &str) -> Option<&str> {
    // Lower-casing keeps byte offsets for the ASCII phrases searched; other text is compared
    // as is, so the offset is found on the original.
    let end = VERBS
        .iter()
        .filter_map(|v| find_ascii_ci(sentence, v))
        .min()?;
    Some(&sentence[..end])
}

/// The byte offset of an ASCII phrase in a text, ignoring ASCII case.
fn find_ascii_ci(text: &str, phrase: &str) -> Option<usize> {
    let (t, p) = (text.as_bytes(), phrase.as_bytes());
    (0..=t.len().checked_sub(p.len())?).find(|&i| t[i..i + p.len()].eq_ignore_ascii_case(p))
}

/// The models a sentence's subject names: `Qwen-72B, Qwen-14B, and Qwen-7B are licensed …`
/// -> the three; `codestral-22B-v0.1.tar has a custom non-commercial license` -> the archive's
/// model. Empty when the sentence names no model before it speaks of the license.
pub(super) fn models_in_sentence(sentence: &str) -> Vec<String> {
    let Some(subject) = subject(sentence) else {
        return Vec::new();
    };
    let words: Vec<&str> = subject
        .split(|c: char| c.is_whitespace() || ",;()[]`*\"'“”".contains(c))
        .map(|w| w.trim_end_matches([':', '.']))
        .filter(|w| !w.is_empty())
        .collect();
    let mut out: Vec<String> = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let (stem, archive) = strip_archive(w);
        let name = if is_size(stem) && i > 0 && is_brand(words[i - 1]) {
            // "Codestral 22B" is one name written in two words.
            format!("{}-{stem}", words[i - 1])
        } else if is_model_name(stem, archive) {
            stem.to_string()
        } else {
            continue;
        };
        if !out.iter().any(|o| tokens(o) == tokens(&name)) {
            out.push(name);
        }
    }
    out
}

/// A weights archive's name without its extension, and whether it had one.
fn strip_archive(w: &str) -> (&str, bool) {
    const EXT: &[&str] = &[
        ".tar.gz",
        ".tar",
        ".tgz",
        ".zip",
        ".safetensors",
        ".ckpt",
        ".pth",
        ".pt",
        ".bin",
        ".gguf",
    ];
    let lower = w.to_ascii_lowercase();
    EXT.iter()
        .find(|e| lower.ends_with(*e) && w.len() > e.len())
        .map(|e| (&w[..w.len() - e.len()], true))
        .unwrap_or((w, false))
}

/// `22B`, `1.8B`, `350M`: a parameter count.
fn is_size(w: &str) -> bool {
    let Some(n) = w.strip_suffix(['B', 'b', 'M', 'm']) else {
        return false;
    };
    !n.is_empty()
        && n.chars().all(|c| c.is_ascii_digit() || c == '.')
        && n.starts_with(|c: char| c.is_ascii_digit())
}

/// A capitalised word that can start a model name (`Codestral`, `Mistral`), not a common one.
fn is_brand(w: &str) -> bool {
    w.len() >= 3
        && w.starts_with(|c: char| c.is_ascii_uppercase())
        && w.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && !matches!(
            w.to_ascii_lowercase().as_str(),
            "the" | "our" | "all" | "both" | "and" | "model" | "models" | "weights" | "version"
        )
}

/// A word that names a model: letters and digits joined by `-`, `_` or `.` (`Qwen-72B`,
/// `SDXL-1.0`, `SV3D` after a license prefix), or a parameter count glued to a name
/// (`Qwen7B`). License ids (`Apache-2.0`, `CC-BY-NC-4.0`), versions (`v0.1`), dates and
/// plain words are not. `loose` accepts a single word with letters and digits (a file name
/// that can only name a model).
fn is_model_name(w: &str, loose: bool) -> bool {
    let letters = w.chars().filter(|c| c.is_ascii_alphabetic()).count();
    let digits = w.chars().any(|c| c.is_ascii_digit());
    if w.len() < 3
        || w.len() > 80
        || letters < 2
        || !w.starts_with(|c: char| c.is_ascii_alphabetic())
        || !w
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '+'))
        || w.starts_with(['v', 'V']) && w[1..].starts_with(|c: char| c.is_ascii_digit())
    {
        return false;
    }
    if is_license_name(w) {
        return false;
    }
    let joined = w.contains(['-', '_', '.']);
    let sized = w.split(['-', '_']).any(|p| {
        is_size(p)
            || p.len() > 1 && is_size(&p[p.find(|c: char| c.is_ascii_digit()).unwrap_or(0)..])
    });
    // A file name can only name what it covers: an acronym (`SVD`) is enough there.
    (digits && (joined || sized)) || (loose && (digits || joined || letters >= 3))
}

/// Whether a word is a license's id or short name (`Apache-2.0`, `CC-BY-NC-4.0`, `MNPL-0.1`).
fn is_license_name(w: &str) -> bool {
    let lower = w.to_ascii_lowercase();
    [
        "cc-", "gpl", "lgpl", "agpl", "apache", "mpl-", "bsd-", "epl-", "odc-", "cdla", "openrail",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
        || kb().by_id(w).is_some()
        || lower.ends_with("-license")
}

/// A model name as comparable tokens: lower case, split at every non-alphanumeric and at
/// letter/digit boundaries, so `SDXL1.0`, `SDXL-1.0` and `sdxl_1_0` agree and `Qwen-7B` differs
/// from `Qwen-72B`.
pub fn tokens(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut last: Option<bool> = None;
    for c in name.chars().flat_map(char::to_lowercase) {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            last = None;
            continue;
        }
        let digit = c.is_ascii_digit();
        if last.is_some_and(|d| d != digit) && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        cur.push(c);
        last = Some(digit);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The per-model licenses of a release: from its weights license files' names, the subjects
/// of its license statements and the names of the models it links. `None` when nothing names
/// a model.
pub(super) fn per_model(
    release: &Release,
    weights_files: &[&LicenseFinding],
    statements: &[Statement],
    evidence: &[Evidence],
    card: Option<&LicenseFinding>,
) -> Option<ModelLicenses> {
    let mut models: Vec<ModelLicense> = Vec::new();
    let mut unnamed: Vec<LicenseFinding> = Vec::new();
    let push = |models: &mut Vec<ModelLicense>, model: String, license: LicenseRef, rule| {
        let t = tokens(&model);
        if !models.iter().any(|m| tokens(&m.model) == t) {
            models.push(ModelLicense {
                model,
                license,
                rule: String::from(rule),
            });
        }
    };
    for lf in weights_files {
        match model_of_file(&lf.source) {
            Some(m) => push(&mut models, m, as_ref(lf), "license.model-file-name"),
            None => unnamed.push((*lf).clone()),
        }
    }
    for st in statements
        .iter()
        .filter(|s| matches!(s.scope, Scope::Weights | Scope::Release))
    {
        let mut named = models_of(st);
        if named.is_empty() {
            named = listed_models(release, st);
        }
        if named.is_empty() {
            if st.scope == Scope::Weights && st.rule != "license.readme-terms" {
                unnamed.push(statement_ref(st));
            }
            continue;
        }
        let lf = statement_ref(st);
        for m in named {
            push(&mut models, m, as_ref(&lf), "license.model-statement");
        }
    }
    for e in evidence
        .iter()
        .filter(|e| e.component == Component::ModelParametersFinal && e.status == Status::Present)
    {
        let Some(url) = e.location.url.as_deref() else {
            continue;
        };
        if !url.contains("huggingface.co/") {
            continue;
        }
        if let Some(m) = kb().lineage_by_name(url) {
            let at = Location {
                field: Some(format!(
                    "name {} begins as the {} license reserves for derivatives ({})",
                    m.base_model, m.family, m.pattern
                )),
                ..e.location.clone()
            };
            let license = LicenseRef {
                id: m.license.id.clone(),
                name: m.license.name.clone(),
                tier: m.license.tier,
                osi_approved: m.license.osi_approved,
                source: at,
            };
            push(
                &mut models,
                m.base_model,
                license,
                "license.model-name-lineage",
            );
        }
    }
    if models.is_empty() {
        return None;
    }
    unnamed.extend(card.cloned());
    // A license file named for the license (`Tongyi Qianwen LICENSE AGREEMENT`) that a sentence
    // already gives to its models says nothing of the other models.
    unnamed.retain(|l| !models.iter().any(|m| m.license.id == l.id));
    let others = most_restrictive(&unnamed).map(as_ref);
    Some(ModelLicenses { models, others })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names() {
        assert_eq!(
            model_of_file("model_licenses/LICENSE-SDXL1.0").as_deref(),
            Some("SDXL1.0")
        );
        assert_eq!(
            model_of_file("model_licenses/LICENCE-SD-Turbo").as_deref(),
            Some("SD-Turbo")
        );
        assert_eq!(
            model_of_file("model_licenses/LICENSE-SVD").as_deref(),
            Some("SVD")
        );
        assert_eq!(model_of_file("LICENSE-MODEL"), None);
        assert_eq!(model_of_file("LICENSE-CODE.txt"), None);
        assert_eq!(model_of_file("LICENSE_WEIGHTS.md"), None);
        assert_eq!(model_of_file("LICENSE"), None);
        assert_eq!(model_of_file("LICENSE.txt"), None);
        assert_eq!(model_of_file("MODEL_LICENSE"), None);
        assert_eq!(model_of_file("LICENSE-APACHE"), None);
    }

    #[test]
    fn sentence_subjects() {
        assert_eq!(
            models_in_sentence(
                "Qwen-72B, Qwen-14B, and Qwen-7B are licensed under the Tongyi Qianwen LICENSE AGREEMENT that can be found at …"
            ),
            ["Qwen-72B", "Qwen-14B", "Qwen-7B"]
        );
        assert_eq!(
            models_in_sentence(
                "Qwen-1.8B is licensed under the Tongyi Qianwen RESEARCH LICENSE AGREEMENT"
            ),
            ["Qwen-1.8B"]
        );
        assert_eq!(
            models_in_sentence(
                "codestral-22B-v0.1.tar has a custom non-commercial license, called Mistral AI Non-Production (MNPL) License"
            ),
            ["codestral-22B-v0.1"]
        );
        assert_eq!(
            models_in_sentence("The weights of SDXL-1.0 are available (subject to a CreativeML Open RAIL++-M license)"),
            ["SDXL-1.0"]
        );
        assert_eq!(
            models_in_sentence("Codestral 22B is released under the MNPL"),
            ["Codestral-22B"]
        );
        // A sentence about the code, or one with no model before the license, names none.
        assert!(
            models_in_sentence("This library is licensed under the Apache 2.0 License.").is_empty()
        );
        assert!(models_in_sentence("The model weights are licensed under CC-BY-NC-4.0").is_empty());
        assert!(
            models_in_sentence("Released under Apache-2.0 since v0.1 (2024-01-02).").is_empty()
        );
        assert!(models_in_sentence("Models are available under Apache-2.0").is_empty());
    }

    #[test]
    fn name_tokens() {
        assert_eq!(tokens("SDXL1.0"), tokens("SDXL-1.0"));
        assert_eq!(tokens("Qwen-1_8B"), tokens("Qwen-1.8B"));
        assert_ne!(tokens("Qwen-7B"), tokens("Qwen-72B"));
        assert_eq!(
            tokens("Llama-3.1-Tulu-3-8B"),
            ["llama", "3", "1", "tulu", "3", "8", "b"]
        );
    }
}
