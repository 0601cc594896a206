//! Bad claims input: a clear error naming the field path, within bounded time and memory, and
//! agreement with the MOF JSON schema on what is valid.

mod common;

use std::time::Instant;

use glassbox_sources::claims::{self, ClaimsError};
use proptest::prelude::*;
use serde_json::{json, Value};

fn base() -> Value {
    json!({
        "framework": {"name": "Model Openness Framework", "version": "1.0", "date": "2024-12-15"},
        "release": {
            "name": "m", "version": "1", "date": "2025-01-02", "type": "language", "architecture": "decoder",
            "treatment": "pre-trained", "origin": "o", "producer": "p", "contact": "c",
            "license": {"distribution": {"name": "Apache-2.0", "path": null}, "code": {"name": null, "path": null}},
            "components": [
                {"name": "Model architecture", "description": "d", "license": "MIT", "license_path": "L", "component_path": "p"},
                {"name": "Datasets"}
            ]
        }
    })
}

/// Every field path the schema constrains, for mutation.
const PATHS: &[&[&str]] = &[
    &["framework"],
    &["framework", "name"],
    &["framework", "version"],
    &["framework", "date"],
    &["release"],
    &["release", "name"],
    &["release", "version"],
    &["release", "date"],
    &["release", "type"],
    &["release", "architecture"],
    &["release", "treatment"],
    &["release", "origin"],
    &["release", "producer"],
    &["release", "contact"],
    &["release", "license"],
    &["release", "license", "distribution"],
    &["release", "license", "distribution", "name"],
    &["release", "license", "code", "path"],
    &["release", "components"],
    &["release", "components", "0"],
    &["release", "components", "0", "description"],
    &["release", "components", "0", "license"],
    &["release", "components", "0", "license_path"],
    &["release", "components", "0", "component_path"],
];

fn replacement() -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        Just(None),
        Just(Some(Value::Null)),
        any::<bool>().prop_map(|b| Some(json!(b))),
        any::<i32>().prop_map(|n| Some(json!(n))),
        Just(Some(json!(""))),
        Just(Some(json!("2024-02-30"))),
        Just(Some(json!("2024-02-29"))),
        Just(Some(json!("language"))),
        Just(Some(json!("Model Openness Framework"))),
        Just(Some(json!("chat fine-tuned"))),
        "[a-z ]{0,8}".prop_map(|s| Some(json!(s))),
        Just(Some(json!([]))),
        Just(Some(json!({}))),
        Just(Some(json!({"name": "x"}))),
    ]
}

/// Replaces (or with `None` removes) the value at `path`; a path that no longer exists after an
/// earlier mutation is left alone.
fn set(v: &mut Value, path: &[&str], new: Option<Value>) {
    let (last, parents) = path.split_last().unwrap();
    let mut cur = v;
    for p in parents {
        let next = match cur {
            Value::Object(m) => m.get_mut(*p),
            Value::Array(a) => p.parse::<usize>().ok().and_then(|i| a.get_mut(i)),
            _ => None,
        };
        match next {
            Some(n) => cur = n,
            None => return,
        }
    }
    match (cur, new) {
        (Value::Object(m), Some(n)) => {
            m.insert(last.to_string(), n);
        }
        (Value::Object(m), None) => {
            m.remove(*last);
        }
        (Value::Array(a), new) => {
            let Some(i) = last.parse::<usize>().ok().filter(|i| *i < a.len()) else {
                return;
            };
            match new {
                Some(n) => a[i] = n,
                None => {
                    a.remove(i);
                }
            }
        }
        _ => {}
    }
}

fn schema() -> Option<jsonschema::Validator> {
    let dir = glassbox_testkit::shared("the MOF schema validation of claims records")?;
    let path = std::path::Path::new(&dir).join("data/mof/mof_schema.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .ok()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// The reader accepts a record exactly when the MOF schema does, except where it is stricter on
    /// purpose (component names must be the 17 MOF names, once each).
    #[test]
    fn reader_agrees_with_the_schema(mutations in proptest::collection::vec((0..PATHS.len(), replacement()), 1..4)) {
        let Some(validator) = schema() else { return Ok(()) };
        let mut v = base();
        for (i, r) in mutations {
            set(&mut v, PATHS[i], r);
        }
        let text = serde_json::to_string_pretty(&v).unwrap();
        let ours = claims::parse(&text, "m.yml");
        let theirs = validator.validate(&v).map_err(|e| format!("{}: {e}", e.instance_path()));
        match (&ours, &theirs) {
            (Ok(_), Ok(_)) => {}
            (Err(ClaimsError::Schema { path, .. }), Err(_)) => prop_assert!(!path.is_empty()),
            (Err(ClaimsError::Schema { message, .. }), Ok(_)) => {
                prop_assert!(message.contains("unknown component") || message.contains("listed twice") || message.contains("required field missing"), "{message}");
            }
            _ => prop_assert!(false, "reader {:?} vs schema {:?}\n{}", ours, theirs, text),
        }
    }

    /// Arbitrary text never panics and always answers quickly.
    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        let _ = claims::parse(&text, "fuzz.yml");
    }

    /// Arbitrary YAML-ish structure never panics.
    #[test]
    fn yamlish_text_never_panics(lines in proptest::collection::vec("( {0,4})(framework|release|name|license|components|- name)?: ?[&*!|>\\[\\]{}a-z0-9' -]{0,12}", 0..30)) {
        let _ = claims::parse(&lines.join("\n"), "fuzz.yml");
    }
}

fn schema_error(text: &str) -> (String, String) {
    match claims::parse(text, "m.yml") {
        Err(ClaimsError::Schema { path, message, .. }) => (path, message),
        other => panic!("expected a schema error, got {other:?}"),
    }
}

#[test]
fn wrong_types_and_missing_fields_name_the_path() {
    let mut v = base();
    set(
        &mut v,
        &["release", "components", "1", "license"],
        Some(json!(["MIT"])),
    );
    let (p, m) = schema_error(&v.to_string());
    assert_eq!(p, "release.components[1].license");
    assert_eq!(m, "expected a string, found a list");

    let mut v = base();
    set(&mut v, &["framework", "version"], None);
    assert_eq!(schema_error(&v.to_string()).0, "framework.version");

    let mut v = base();
    set(&mut v, &["release", "components"], Some(json!("Datasets")));
    assert_eq!(
        schema_error(&v.to_string()),
        (
            "release.components".into(),
            "expected a list, found a string".into()
        )
    );

    let mut v = base();
    let many: Vec<Value> = (0..18).map(|i| json!({"name": format!("c{i}")})).collect();
    set(&mut v, &["release", "components"], Some(Value::Array(many)));
    assert!(schema_error(&v.to_string()).1.contains("at most 17"));

    let text = "framework:\n  name: Model Openness Framework\n  version: '1.0'\n  date: '2024-12-15'\nrelease:\n  name: m\n  producer: p\n  license: {}\n  components:\n    - name: Weights\n";
    let (p, m) = schema_error(text);
    assert_eq!(p, "release.components[0].name");
    assert!(m.contains("unknown component `Weights`"));
    let err = claims::parse(text, "dir/model.yml")
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("dir/model.yml: release.components[0].name: unknown component"),
        "{err}"
    );
}

#[test]
fn invalid_yaml_is_a_clear_error() {
    let err = claims::parse("framework:\n  name: [\n", "broken.yml").unwrap_err();
    assert!(matches!(err, ClaimsError::Yaml { .. }));
    assert!(err.to_string().contains("broken.yml"), "{err}");
    let err = claims::parse("\tframework: 1\n", "tab.yml").unwrap_err();
    assert!(err.to_string().contains("tab.yml"), "{err}");
}

#[test]
fn alias_bombs_and_deep_nesting_are_refused_quickly() {
    let mut bomb = String::from("framework: &a0 [lol,lol,lol,lol,lol,lol,lol,lol,lol,lol]\n");
    for i in 1..15 {
        bomb.push_str(&format!(
            "k{i}: &a{i} [*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p}]\n",
            p = i - 1
        ));
    }
    bomb.push_str("release: *a14\n");
    let start = Instant::now();
    let err = claims::parse(&bomb, "bomb.yml").unwrap_err();
    assert!(matches!(err, ClaimsError::Yaml { .. }), "{err:?}");
    let deep = format!("{}1{}", "[".repeat(10_000), "]".repeat(10_000));
    assert!(claims::parse(&deep, "deep.yml").is_err());
    let wide = format!(
        "release: {{{}}}",
        (0..300_000)
            .map(|i| format!("k{i}: 1"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    assert!(claims::parse(&wide, "wide.yml").is_err());
    // Generous bound: only catches a hang, never a slow machine.
    assert!(start.elapsed().as_secs() < 30);
}

#[test]
fn oversized_file_is_refused_before_parsing() {
    let dir = tempfile_dir();
    let path = dir.join("big.yml");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(claims::MAX_CLAIMS_BYTES + 10).unwrap();
    let err = claims::read_file(&path).unwrap_err().to_string();
    assert!(err.contains("larger than the limit"), "{err}");
    let err = claims::read_file(&dir.join("missing.yml"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("missing.yml"), "{err}");
    std::fs::remove_dir_all(dir).ok();
}

fn tempfile_dir() -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("glassbox-claims-test-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn test_vectors_are_schema_valid_for_both_readers() {
    let Some(dir) = common::mof_data("test_vectors_are_schema_valid_for_both_readers") else {
        return;
    };
    let v = schema().unwrap();
    for e in std::fs::read_dir(dir.join("mot-test-vectors")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_none_or(|x| x != "yml") {
            continue;
        }
        let text = std::fs::read_to_string(&p).unwrap();
        let value = glassbox_formats::yaml::parse(&text, "v").unwrap();
        assert!(v.is_valid(&value), "{}", p.display());
        claims::parse(&text, &p.display().to_string()).unwrap();
    }
    let sample = std::fs::read_to_string(dir.join("sample_model.yml")).unwrap();
    claims::parse(&sample, "sample_model.yml").unwrap();
}
