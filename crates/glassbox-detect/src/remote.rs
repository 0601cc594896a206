//! Weights published elsewhere: checkpoint URLs in the package (`_MODELS = {…}`), download
//! scripts, Hub downloads in code, checkpoint links and model-host pages in any Markdown file,
//! magnet links and "request access" forms.
//!
//! About 1,000 lines without its tests: every kind of hit (URL tables, scripts, Hub calls,
//! links, magnets, forms) goes through the same identity judgement, kept in one file so that
//! the rules cannot drift apart.
//!
//! Each hit is judged against the release's [`Identity`]: weights named after the release (or
//! listed in a "Download"/"Checkpoints" section) are its own and count as present; other
//! models' weights that it merely loads or mentions count as partial, with low confidence and
//! a detail saying why, so a training library or an API client still comes out without weights.

use glassbox_core::codes::ArtifactCode;
use glassbox_core::Release;
use glassbox_core::{ArtifactKind, Component, Evidence, Finding, Location, Severity, Status};

use crate::identity::Identity;
use crate::weights::ev;

/// Extensions of checkpoint files in URLs.
const WEIGHT_EXT: &[&str] = &[
    ".pt",
    ".pth",
    ".ckpt",
    ".bin",
    ".safetensors",
    ".gguf",
    ".msgpack",
    ".npz",
    ".h5",
    ".onnx",
    ".tflite",
    ".keras",
    ".nemo",
    ".torrent",
];
const ARCHIVE_EXT: &[&str] = &[
    ".tar", ".tar.gz", ".tgz", ".zip", ".7z", ".tar.zst", ".tar.xz",
];
/// Words in an archive URL or its line that say it holds a model.
const MODEL_WORDS: &[&str] = &[
    "model",
    "checkpoint",
    "ckpt",
    "weight",
    "pretrained",
    "pre-trained",
    "params",
];
/// Model hosts and the path prefix of their model pages.
const HOSTS: &[(&str, &str)] = &[
    ("kaggle.com", "/models/"),
    ("modelscope.cn", "/models/"),
    ("modelscope.ai", "/models/"),
    ("civitai.com", "/models/"),
    ("ollama.com", "/library/"),
    ("wisemodel.cn", "/models/"),
    ("openxlab.org.cn", "/models/"),
    ("catalog.ngc.nvidia.com", "/orgs/"),
    ("tfhub.dev", "/"),
    ("pytorch.org", "/hub/"),
];
/// Headings of sections that hand out the release's own weights.
const OWN_SECTIONS: &[&str] = &[
    "download",
    "checkpoint",
    "weights",
    "pretrained model",
    "pre-trained model",
    "released model",
    "model zoo",
    "model release",
    "models",
    "model card",
    "getting the model",
];
/// Phrases that introduce other models' weights.
const OTHERS: &[&str] = &[
    "base model",
    "built with",
    "trained with",
    "built on",
    "based on",
    "at own risk",
    "at your own risk",
    "community",
    "third-party",
    "third party",
    "other models",
    "supported models",
    "compatible",
    "convert",
];
/// Well-known model families: a checkpoint named after one of them, and not after the release,
/// is another model's weights (`gpt2_124M.bin` in a training library).
const FAMILIES: &[&str] = &[
    "gpt2",
    "gptj",
    "gptneo",
    "llama",
    "bert",
    "roberta",
    "t5",
    "pythia",
    "mistral",
    "mixtral",
    "qwen",
    "gemma",
    "falcon",
    "bloom",
    "clip",
    "whisper",
    "vicuna",
    "alpaca",
    "resnet",
    "stablediffusion",
    "sdxl",
    "deberta",
    "electra",
    "olmo",
    "deepseek",
];

/// Phrases of weights obtainable on request (gated access).
const ON_REQUEST: &[&str] = &[
    "request access",
    "requesting access",
    "access request",
    "request form",
    "fill out the form",
    "fill out this form",
    "filling the form",
    "filling out the form",
    "fill in the form",
    "fill the form",
    "apply for access",
    "application form",
    "available upon request",
    "available on request",
    "upon request",
    "signed url",
    "presigned url",
    "accept our license",
    "accept the license",
    "acknowledging the license",
    "accept the terms",
    "accepted the terms",
    "register to download",
    "gated",
];
/// Calls in code that fetch weights from a hub by id.
const HUB_CALLS: &[&str] = &[
    "from_pretrained(",
    "hf_hub_download(",
    "snapshot_download(",
    "kagglehub.model_download(",
    "torch.hub.load(",
    "load_state_dict_from_url(",
    "huggingface-cli download",
    "hf download",
    "\"repo_id\":",
    "'repo_id':",
    "repo_id=",
    "hf_hub=",
];
/// Commands that fetch files.
const FETCHERS: &[&str] = &[
    "wget ",
    "curl ",
    "requests.get(",
    "urllib.request",
    "urlretrieve(",
    "urlopen(",
    "hf_hub_download(",
    "snapshot_download(",
    "huggingface-cli download",
    "hf download",
    "gsutil ",
    "aws s3 cp",
    "azcopy",
    "git lfs",
    "download_url(",
];

/// What a weights location is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    /// A checkpoint file URL (`…/ViT-B-32.pt`).
    File,
    /// An archive of a checkpoint (`…/uncased_L-12_H-768_A-12.zip`).
    Archive,
    /// A model page on a model host (Hub, Kaggle, ModelScope, …).
    HostPage,
    /// A bucket path of checkpoints (`gs://…/pretrained_models/…`).
    Bucket,
    /// A magnet or torrent link.
    Magnet,
}

/// One place that hands out weights, before it is judged.
struct Hit {
    rule: &'static str,
    path: String,
    line: u32,
    url: Option<String>,
    /// The URL, id or text that names the weights (judged against the identity).
    what: String,
    /// The line holds it among others' weights ("base model", "built with").
    others_line: bool,
    /// It sits in a section that hands out the release's weights.
    own_section: Option<String>,
    /// It says the weights are gated / on request.
    gated: bool,
}

/// Vendored dependencies, tests and hidden folders: not the release's own material.
pub(crate) fn vendored(lower: &str) -> bool {
    lower.split('/').rev().skip(1).any(|d| {
        matches!(
            d,
            "dependencies"
                | "third_party"
                | "thirdparty"
                | "3rdparty"
                | "vendor"
                | "vendored"
                | "external"
                | "node_modules"
                | "tests"
                | "test"
                | "testdata"
                | "test_data"
                | "fixtures"
                | "site-packages"
        ) || d.starts_with('.')
    })
}

/// URLs (http, gs, s3, magnet) in a line, trimmed of Markdown and quoting.
fn urls(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    for scheme in ["https://", "http://", "gs://", "s3://", "magnet:?"] {
        let mut rest = line;
        while let Some(i) = rest.find(scheme) {
            let tail = &rest[i..];
            let end = tail
                .find(|c: char| c.is_whitespace() || "\"'<>`)]|,".contains(c))
                .unwrap_or(tail.len());
            let u = tail[..end].trim_end_matches(['.', ';', ':', '*']);
            if u.len() > scheme.len() + 2 {
                out.push(u.to_string());
            }
            rest = &tail[end.max(1)..];
        }
    }
    out
}

/// Whether a URL is an organisation's page on the Hub (`https://huggingface.co/org`).
fn is_hub_org_page(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .split_once("://")
        .map_or(lower.as_str(), |(_, r)| r)
        .trim_start_matches("www.");
    let Some(path) = rest
        .strip_prefix("huggingface.co/")
        .or_else(|| rest.strip_prefix("hf.co/"))
    else {
        return false;
    };
    let path = path.split(['?', '#']).next().unwrap_or("");
    path.split('/').filter(|s| !s.is_empty()).count() == 1
}

/// What a URL points at, when it is weights.
fn classify(url: &str, line_lower: &str) -> Option<Kind> {
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("magnet:") || lower.ends_with(".torrent") {
        return Some(Kind::Magnet);
    }
    let no_query = lower.split(['?', '#']).next().unwrap_or(&lower);
    let (host, path) = match no_query.split_once("://") {
        Some((_, r)) => match r.find('/') {
            Some(i) => (r[..i].trim_start_matches("www."), &r[i..]),
            None => (r.trim_start_matches("www."), ""),
        },
        None => ("", no_query),
    };
    let hub = host == "huggingface.co" || host == "hf.co";
    // Files in Hub dataset repositories are data, not a model's parameters.
    if hub && path.starts_with("/datasets/") {
        return None;
    }
    if WEIGHT_EXT.iter().any(|e| path.ends_with(e)) {
        return Some(Kind::File);
    }
    if ARCHIVE_EXT.iter().any(|e| path.ends_with(e)) {
        return MODEL_WORDS
            .iter()
            .any(|w| path.contains(w) || line_lower.contains(w))
            .then_some(Kind::Archive);
    }
    if lower.starts_with("gs://")
        || lower.starts_with("s3://")
        || host.ends_with("console.cloud.google.com")
    {
        return ["checkpoint", "pretrained", "ckpt", "models/", "weights"]
            .iter()
            .any(|w| path.contains(w) || (lower.starts_with("gs://") && lower.contains(w)))
            .then_some(Kind::Bucket);
    }
    if hub {
        let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let first = segs.first().copied().unwrap_or("");
        if matches!(
            first,
            "spaces"
                | "docs"
                | "blog"
                | "papers"
                | "models"
                | "collections"
                | "settings"
                | "join"
                | "login"
                | "pricing"
                | "organizations"
                | "learn"
                | "tasks"
                | "api"
                | "datasets"
                | "new"
                | "search"
        ) {
            return None;
        }
        // A file inside a model repository that is not weights (a config, a text file).
        if segs.len() > 2 && matches!(segs[2], "resolve" | "blob" | "raw") {
            return None;
        }
        if segs.get(1).is_some_and(|n| n.contains("tokenizer")) {
            return None;
        }
        return match segs.len() {
            0 => None,
            // An organisation page counts only where the line speaks of weights or models.
            1 => ["weights", "model", "checkpoint", "download"]
                .iter()
                .any(|w| line_lower.contains(w))
                .then_some(Kind::HostPage),
            _ => Some(Kind::HostPage),
        };
    }
    HOSTS
        .iter()
        .any(|(h, p)| {
            (host == *h || host.ends_with(&format!(".{h}")))
                && path.starts_with(p)
                && path.len() > p.len()
        })
        .then_some(Kind::HostPage)
}

/// A Hub id given as the first string literal after `call` on the line (`"org/name"`).
fn literal_id(line: &str, call: &str) -> Option<String> {
    let i = line.find(call)? + call.len();
    let rest = &line[i..];
    let q = rest.find(['"', '\''])?;
    let before = rest[..q].trim();
    // Only the first argument or a keyword argument naming the repository.
    let names_repo = before.is_empty()
        || before.ends_with("repo_id=")
        || before.ends_with("pretrained_model_name_or_path=")
        || before.ends_with("hf_hub=")
        || before.ends_with(':');
    let cli = call.starts_with("huggingface-cli") || call.starts_with("hf download");
    if !(names_repo || cli) {
        return None;
    }
    let quote = rest[q..].chars().next()?;
    let body = &rest[q + 1..];
    let v = body.split(quote).next()?;
    let ok = !v.is_empty()
        && v.len() < 120
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c))
        && !v.starts_with('.')
        && !v.starts_with('/');
    ok.then(|| v.trim_start_matches("hf-hub:").to_string())
}

/// `org/name` of a Hub model URL.
fn hub_model_id(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://huggingface.co/")
        .or_else(|| url.strip_prefix("https://hf.co/"))?;
    let segs: Vec<&str> = rest.split(['?', '#']).next()?.split('/').collect();
    (segs.len() >= 2 && !segs[0].is_empty() && !segs[1].is_empty())
        .then(|| format!("{}/{}", segs[0], segs[1]))
}

/// The model family a checkpoint name or id points at, when it is not the release's own.
fn names_other_family(what: &str, identity: &Identity) -> Option<&'static str> {
    let last = what.rsplit('/').next().unwrap_or(what);
    let n = crate::identity::norm(last);
    FAMILIES.iter().copied().find(|f| {
        n.starts_with(f)
            && !identity
                .names
                .iter()
                .any(|x| x.contains(f) || f.contains(x.as_str()))
    })
}

/// A bare `huggingface-cli download org/name` id.
fn cli_id(line: &str) -> Option<String> {
    for cmd in ["huggingface-cli download ", "hf download "] {
        if let Some(i) = line.find(cmd) {
            let id = line[i + cmd.len()..].split_whitespace().next()?;
            if id.contains('/') && !id.starts_with('-') {
                return Some(id.trim_matches(['"', '\'']).to_string());
            }
        }
    }
    None
}

/// Whether a download script fetching from `url` names checkpoint files somewhere (so the
/// base URL is where the weights are).
fn identity_hint(_url: &str, text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    WEIGHT_EXT
        .iter()
        .filter(|e| **e != ".bin")
        .any(|e| lower.contains(e))
        || lower.contains("model.ckpt")
        || lower.contains("pytorch_model")
        || lower.contains("consolidated.")
}

fn is_download_script(lower_name: &str) -> bool {
    let stem = lower_name
        .rsplit_once('.')
        .map(|(s, _)| s)
        .unwrap_or(lower_name);
    (stem.contains("download")
        || stem.starts_with("get_weights")
        || stem.starts_with("fetch_model")
        || stem.starts_with("get_model")
        || stem.starts_with("get_ckpt")
        || stem.starts_with("get_checkpoint"))
        && [".sh", ".py", ".bash"]
            .iter()
            .any(|e| lower_name.ends_with(e))
}

/// Text lines of a Markdown file with the heading each line sits under.
fn sections(text: &str) -> Vec<(u32, &str, String)> {
    let mut heading = String::new();
    let mut fence = false;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let t = line.trim_start();
        if t.starts_with("```") {
            fence = !fence;
        }
        if !fence && t.starts_with('#') {
            heading = t.trim_start_matches('#').trim().to_ascii_lowercase();
        } else if let Some(h) = t
            .strip_prefix("<h")
            .and_then(|r| r.split_once('>'))
            .map(|(_, r)| r)
        {
            heading = h.to_ascii_lowercase();
        }
        out.push((i as u32 + 1, line, heading.clone()));
    }
    out
}

fn own_section(heading: &str) -> Option<String> {
    OWN_SECTIONS
        .iter()
        .any(|s| heading.contains(s))
        .then(|| heading.chars().take(60).collect())
}

fn others_line(lower: &str) -> bool {
    OTHERS.iter().any(|o| lower.contains(o))
}

/// Models a data pipeline uses (a fastText quality classifier, a KenLM model), named on a
/// checkpoint link's line or the one before: tools of the pipeline, not the release's model.
const AUXILIARY: &[&str] = &[
    "classifier",
    "fasttext",
    "kenlm",
    "language identification",
    "quality filter",
    "lid.176",
];

/// Whether `phrase` occurs in `text` starting a word ("gated" in "gated access", not in
/// "ungated").
fn has_word(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(i, _)| {
        !text[..i]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric())
    })
}

fn markdown(path: &str, text: &str, hits: &mut Vec<Hit>) {
    let mut prev = String::new();
    for (line, raw, heading) in sections(text) {
        let lower = raw.to_ascii_lowercase();
        let section = own_section(&heading);
        let auxiliary = AUXILIARY
            .iter()
            .any(|a| has_word(&lower, a) || has_word(&prev, a));
        // "## Pretrained Models / Pretrained models are uploaded to\n[Hugging Face](…/org):
        // `m-130m`, …": the sentence and its heading say what an organisation link is for.
        let context = format!("{lower} {prev} {heading}");
        prev.clone_from(&lower);
        let others = others_line(&lower) || others_line(&heading) || auxiliary;
        for u in urls(raw) {
            let Some(kind) = classify(&u, &context) else {
                continue;
            };
            let rule = match kind {
                Kind::File | Kind::Archive => "weights.checkpoint-link",
                Kind::HostPage => "weights.model-host-link",
                Kind::Bucket => "weights.bucket-link",
                Kind::Magnet => "weights.magnet-link",
            };
            hits.push(Hit {
                rule,
                path: path.to_string(),
                line,
                url: Some(u.clone()),
                what: u,
                others_line: others,
                own_section: section.clone(),
                gated: false,
            });
        }
        if let Some(id) = cli_id(raw) {
            hits.push(Hit {
                rule: "weights.hub-download",
                path: path.to_string(),
                line,
                url: Some(format!("https://huggingface.co/{id}")),
                what: id,
                others_line: others,
                own_section: section.clone(),
                gated: false,
            });
        }
        let speaks_of_weights = [
            "weight",
            "model",
            "checkpoint",
            "download",
            "llama",
            "parameters",
        ]
        .iter()
        .any(|w| lower.contains(w) || heading.contains(w));
        if speaks_of_weights {
            if let Some(p) = ON_REQUEST.iter().find(|p| has_word(&lower, p)) {
                // "gated" alone is too loose outside a sentence about access.
                if *p != "gated" || lower.contains("access") {
                    hits.push(Hit {
                        rule: "weights.on-request",
                        path: path.to_string(),
                        line,
                        url: None,
                        what: if lower.contains(" our ") || lower.contains("we ") {
                            "our".into()
                        } else {
                            raw.trim().chars().take(200).collect()
                        },
                        others_line: false,
                        own_section: section.clone(),
                        gated: true,
                    });
                }
            }
        }
    }
}

/// URL prefixes a file keeps in a constant (`REMOTE_PREFIX = 'https://host/'`), by name.
fn url_constants(text: &str) -> Vec<(&str, &str)> {
    text.lines()
        .filter_map(|l| {
            let (name, value) = l.trim().split_once('=')?;
            let name = name.trim();
            let value = value.trim().trim_end_matches(';').trim();
            let valid = !name.is_empty()
                && name.len() <= 64
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && !name.starts_with(|c: char| c.is_ascii_digit());
            let q = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
            let inner = value.strip_prefix(q)?.strip_suffix(q)?;
            (valid && (inner.starts_with("https://") || inner.starts_with("http://")))
                .then_some((name, inner))
        })
        .collect()
}

/// URLs a line builds from a constant: `PREFIX + 'jukebox/models/5b/vqvae.pth.tar'`,
/// `f"{PREFIX}models/x.pt"`.
fn joined_urls(line: &str, consts: &[(&str, &str)]) -> Vec<String> {
    let mut out = Vec::new();
    for (name, prefix) in consts {
        for (i, _) in line.match_indices(name) {
            let before_ok = !line[..i]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
            let rest = &line[i + name.len()..];
            if before_ok {
                let tail = rest.trim_start();
                if let Some(t) = tail.strip_prefix('+') {
                    let t = t.trim_start();
                    if let Some(q) = t.chars().next().filter(|c| *c == '"' || *c == '\'') {
                        if let Some(end) = t[1..].find(q) {
                            out.push(format!("{prefix}{}", &t[1..1 + end]));
                        }
                    }
                }
            }
            // An f-string placeholder: `{PREFIX}` followed by the rest of the string.
            if line[..i].ends_with('{') && rest.starts_with('}') {
                let t = &rest[1..];
                let end = t.find(['"', '\'']).unwrap_or(t.len());
                out.push(format!("{prefix}{}", &t[..end]));
            }
        }
    }
    out
}

/// `filename=` arguments that fetch a data file, not weights.
const DATA_FILE_ARGS: &[&str] = &[
    ".csv\"",
    ".csv'",
    ".jsonl\"",
    ".jsonl'",
    ".parquet\"",
    ".parquet'",
    ".tsv\"",
    ".tsv'",
];

/// A Hub repository of a tokenizer (`allenai/dolma2-tokenizer`): no weights.
fn is_tokenizer_repo(id: &str) -> bool {
    id.rsplit('/')
        .next()
        .is_some_and(|n| n.to_ascii_lowercase().contains("tokenizer"))
}

/// Code: checkpoint URL tables, Hub downloads, download scripts.
fn code(path: &str, text: &str, hits: &mut Vec<Hit>) {
    let consts = url_constants(text);
    let lines: Vec<&str> = text.lines().collect();
    let lower_path = path.to_ascii_lowercase();
    let name = lower_path.rsplit('/').next().unwrap_or("");
    let script = is_download_script(name);
    let fetches = FETCHERS.iter().any(|f| text.contains(f));
    let mut in_doc = false;
    // A line inside a dict or list literal (`_MODELS = {`, `MODEL_PATHS = [`).
    let mut in_table = 0i32;
    // A script that only fetches from Hub dataset repositories downloads data, not weights.
    let all_urls: Vec<String> = text.lines().flat_map(urls).collect();
    // A downloader for any model (`snapshot_download(repo_id, …)` with the id from its
    // arguments, and no id written in it) fetches whatever its user names, not this release.
    let generic = script
        && HUB_CALLS.iter().any(|c| text.contains(c))
        && !text.lines().any(|l| {
            HUB_CALLS
                .iter()
                .any(|c| l.contains(c) && literal_id(l, c).is_some_and(|id| id.contains('/')))
        });
    let data_only = !all_urls.is_empty()
        && all_urls
            .iter()
            .all(|u| u.contains("huggingface.co/datasets/") || u.contains("hf.co/datasets/"));
    for (i, raw) in text.lines().enumerate() {
        let line = i as u32 + 1;
        let t = raw.trim_start();
        let quotes = t.matches("\"\"\"").count();
        if quotes % 2 == 1 {
            in_doc = !in_doc;
        }
        if in_doc || t.starts_with('#') && !name.ends_with(".ipynb") {
            continue;
        }
        let lower = raw.to_ascii_lowercase();
        if (t.contains("= {") || t.contains("= [") || t.contains("=[") || t.contains("={"))
            && !t.contains('}')
            && !t.contains(']')
        {
            in_table = 1;
        } else if in_table > 0 && (t.starts_with('}') || t.starts_with(']')) {
            in_table = 0;
        }
        let mut found = urls(raw);
        found.extend(joined_urls(raw, &consts));
        for u in found {
            let kind = classify(&u, &lower);
            // A fastText or KenLM model a data tagger downloads is a tool, not the release's.
            let auxiliary = AUXILIARY
                .iter()
                .any(|a| has_word(&lower, a) || u.to_ascii_lowercase().contains(a));
            // A download script's base URL under the release's name (`…/gpt-2/` + file names).
            if kind.is_none()
                && script
                && !generic
                && !data_only
                && !u.contains("/datasets/")
                && identity_hint(&u, text)
            {
                hits.push(Hit {
                    rule: "weights.download-script",
                    path: path.to_string(),
                    line,
                    url: Some(u.clone()),
                    what: u,
                    others_line: false,
                    own_section: None,
                    gated: false,
                });
                continue;
            }
            let Some(kind) = kind else {
                continue;
            };
            let rule = if kind == Kind::Magnet {
                "weights.magnet-link"
            } else if script || (fetches && name.contains("download")) {
                "weights.download-script"
            } else if in_table > 0 {
                "weights.url-table"
            } else if kind == Kind::HostPage {
                "weights.model-host-link"
            } else {
                "weights.checkpoint-url"
            };
            hits.push(Hit {
                rule,
                path: path.to_string(),
                line,
                url: Some(u.clone()),
                what: u,
                others_line: auxiliary,
                own_section: None,
                gated: false,
            });
        }
        for call in HUB_CALLS {
            if !raw.contains(call) {
                continue;
            }
            // The call's other arguments may sit on the lines around (`repo_type="dataset"`,
            // `filename="….csv"` a line below `repo_id=`).
            let window = lines[i.saturating_sub(3)..(i + 6).min(lines.len())]
                .join("\n")
                .to_ascii_lowercase();
            if window.contains("repo_type=\"dataset")
                || window.contains("repo_type='dataset")
                || raw.contains("load_dataset(")
                || DATA_FILE_ARGS.iter().any(|a| window.contains(a))
            {
                break;
            }
            // `AutoTokenizer.from_pretrained(…)` loads no weights.
            if *call == "from_pretrained("
                && raw
                    .find(call)
                    .is_some_and(|k| crate::code::loads_no_weights(&raw[..k]))
            {
                break;
            }
            let id = literal_id(raw, call).or_else(|| cli_id(raw));
            let Some(id) = id.filter(|id| !id.starts_with("http") && !is_tokenizer_repo(id)) else {
                continue;
            };
            hits.push(Hit {
                rule: "weights.hub-download",
                path: path.to_string(),
                line,
                url: id
                    .contains('/')
                    .then(|| format!("https://huggingface.co/{id}")),
                what: id,
                others_line: false,
                own_section: None,
                gated: false,
            });
            break;
        }
        if script {
            // A download script that fetches files named like checkpoints from a URL built at
            // run time (`${PRESIGNED_URL/'*'/"…/consolidated.00.pth"}`, a base URL + names).
            let names_ckpt = WEIGHT_EXT
                .iter()
                .filter(|e| **e != ".bin")
                .any(|e| lower.contains(e))
                || lower.contains("pytorch_model")
                || lower.contains("model.ckpt")
                || lower.contains("consolidated.");
            if names_ckpt && fetches && !data_only && !generic && urls(raw).is_empty() {
                hits.push(Hit {
                    rule: "weights.download-script",
                    path: path.to_string(),
                    line,
                    url: None,
                    what: raw.trim().chars().take(160).collect(),
                    others_line: false,
                    own_section: None,
                    gated: false,
                });
            }
            if lower.contains("presigned_url")
                || lower.contains("url from email")
                || lower.contains("signed url")
            {
                hits.push(Hit {
                    rule: "weights.on-request",
                    path: path.to_string(),
                    line,
                    url: None,
                    what: "our".into(),
                    others_line: false,
                    own_section: Some(format!("download script {name}")),
                    gated: true,
                });
            }
        }
    }
}

/// Finds weights published elsewhere and turns each place into evidence.
pub(crate) fn detect(
    release: &Release,
    identity: &Identity,
    out: &mut Vec<Evidence>,
    findings: &mut Vec<Finding>,
) {
    let mut hits = Vec::new();
    for f in &release.files {
        let path = &f.artifact.path;
        let lower = path.to_ascii_lowercase();
        if vendored(&lower) {
            continue;
        }
        let Some(text) = f.text() else { continue };
        let markdown_file =
            lower.ends_with(".md") || lower.ends_with(".rst") || lower.ends_with(".mdx");
        if markdown_file {
            markdown(path, &text, &mut hits);
        } else if f.artifact.kind == ArtifactKind::Code {
            code(path, &text, &mut hits);
        }
    }
    // Scripts the documentation points users to hand out the release's weights.
    let readme: String = release
        .files
        .iter()
        .filter(|f| {
            let l = f.artifact.path.to_ascii_lowercase();
            l.ends_with(".md") || l.ends_with(".rst")
        })
        .filter_map(|f| f.text().map(|t| t.into_owned()))
        .collect::<Vec<_>>()
        .join("\n");
    let mut seen: Vec<(String, &'static str, bool)> = Vec::new();
    let mut gated_noted = false;
    for h in hits {
        let script_named = h.rule == "weights.download-script"
            && readme.contains(h.path.rsplit('/').next().unwrap_or(&h.path));
        let hub_id = h.url.as_deref().and_then(hub_model_id);
        let own_name = if h.what == "our" {
            true
        } else if h.rule == "weights.hub-download" {
            identity.owns_id(&h.what)
        } else if let Some(id) = &hub_id {
            identity.owns_id(id)
        } else {
            identity.owns(&h.what)
        };
        let other_family = names_other_family(&h.what, identity);
        // Another organisation's page (`huggingface.co/NousResearch`) lists its own models.
        let other_org = !own_name && h.url.as_deref().is_some_and(is_hub_org_page);
        let (status, confidence, why) = if own_name && !h.others_line {
            (
                Status::Present,
                0.8,
                format!("named after the release ({})", identity.describe()),
            )
        } else if h.others_line || other_family.is_some() {
            (
                Status::Partial,
                0.3,
                format!(
                    "not this release's weights ({}){}",
                    identity.describe(),
                    match other_family {
                        Some(f) => format!(": names another model family (`{f}`)"),
                        None => ": listed among other models (base model, built with, …)".into(),
                    }
                ),
            )
        } else if let Some(s) = h.own_section.as_ref().filter(|_| !other_org) {
            (
                Status::Present,
                0.5,
                format!(
                    "in \"{s}\", not named after the release ({})",
                    identity.describe()
                ),
            )
        } else if script_named {
            (
                Status::Present,
                0.5,
                "a download script the README points to".to_string(),
            )
        } else {
            (
                Status::Partial,
                0.3,
                format!(
                    "not named after the release ({}): may be another model's weights it loads or mentions",
                    identity.describe(),
                ),
            )
        };
        // One piece of evidence per rule, file and judgement: the first place.
        let key = (h.path.clone(), h.rule, status == Status::Present);
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        let what = match h.rule {
            "weights.url-table" => "a table of checkpoint URLs in the code",
            "weights.download-script" => "a download script fetches checkpoints",
            "weights.hub-download" => "weights downloaded from a model hub",
            "weights.checkpoint-link" => "a link to a checkpoint file",
            "weights.checkpoint-url" => "a checkpoint URL in the code",
            "weights.model-host-link" => "a link to a model page on a model host",
            "weights.bucket-link" => "a storage bucket of checkpoints",
            "weights.magnet-link" => "a magnet / torrent link to the weights",
            _ => "weights obtainable on request (gated)",
        };
        let target = if h.gated || h.url.is_some() || h.what == "our" {
            String::new()
        } else {
            format!(" `{}`", h.what)
        };
        let target = if h.rule == "weights.hub-download" {
            format!(" `{}`", h.what)
        } else {
            target
        };
        let mut at = Location::line(&h.path, h.line);
        if let Some(u) = &h.url {
            at = at.with_url(u.chars().take(300).collect::<String>());
        }
        if h.gated && status == Status::Present && !gated_noted {
            gated_noted = true;
            findings.push(Finding::new(
                ArtifactCode::Gated,
                Severity::Info,
                "weights are obtainable on request only (an access form, a license to accept or a signed URL): gated",
                at.clone(),
            ));
        }
        let component = if h.url.as_deref().is_some_and(|u| {
            u.contains("/step") || u.contains("intermediate") || u.contains("stage1-step")
        }) {
            Component::ModelParametersIntermediate
        } else {
            Component::ModelParametersFinal
        };
        out.push(ev(
            component,
            status,
            at,
            h.rule,
            confidence,
            format!("{what}{target}; {why}"),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_kinds() {
        assert_eq!(
            classify("https://x.net/clip/models/abc/ViT-B-32.pt", ""),
            Some(Kind::File)
        );
        assert_eq!(
            classify("https://huggingface.co/org/name", ""),
            Some(Kind::HostPage)
        );
        assert_eq!(
            classify(
                "https://huggingface.co/datasets/o/d/resolve/main/gpt2.bin",
                ""
            ),
            None
        );
        assert_eq!(
            classify("https://huggingface.co/o/d/resolve/main/data.jsonl.xz", ""),
            None
        );
        assert_eq!(
            classify("https://www.kaggle.com/models/google/gemma-4/", ""),
            Some(Kind::HostPage)
        );
        assert_eq!(
            classify(
                "https://storage.googleapis.com/b/uncased_L-12_H-768_A-12.zip",
                "bert model"
            ),
            Some(Kind::Archive)
        );
        assert_eq!(classify("https://example.org/data.zip", "the corpus"), None);
        assert_eq!(classify("magnet:?xt=urn:btih:abc", ""), Some(Kind::Magnet));
        assert_eq!(
            classify("gs://t5-data/pretrained_models/base", ""),
            Some(Kind::Bucket)
        );
        assert_eq!(
            classify(
                "https://huggingface.co/meta-llama",
                "we provide downloads of the models"
            ),
            Some(Kind::HostPage)
        );
        assert_eq!(classify("https://huggingface.co/docs/hub", ""), None);
    }

    #[test]
    fn ids_in_code() {
        assert_eq!(
            literal_id(
                "m = AutoModel.from_pretrained(\"org/name\")",
                "from_pretrained("
            )
            .as_deref(),
            Some("org/name")
        );
        assert_eq!(
            literal_id(
                "hf_hub_download(repo_id='suno/bark', filename=f)",
                "hf_hub_download("
            )
            .as_deref(),
            Some("suno/bark")
        );
        assert_eq!(
            literal_id(
                "m.from_pretrained(path, cache_dir='x/y')",
                "from_pretrained("
            ),
            None
        );
        assert_eq!(
            cli_id("huggingface-cli download xai-org/grok-1 --repo-type model").as_deref(),
            Some("xai-org/grok-1")
        );
        assert_eq!(
            urls("see [x](https://a.b/c.pt), or <https://d.e/f.bin>."),
            vec!["https://a.b/c.pt", "https://d.e/f.bin"]
        );
    }
}
