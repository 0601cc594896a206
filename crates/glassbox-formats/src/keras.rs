//! Keras model configs (`config.json` in a `.keras` zip, `model_config` in a legacy `.h5`) and
//! TensorFlow SavedModel graphs, inspected for layers and ops that run code or touch files.

use std::io::Read;

use serde_json::Value;

use crate::onnx::{Field, Wire};
use crate::FormatError;

/// Largest config read.
pub const MAX_CONFIG: u64 = 64 << 20;

/// Something in a Keras config that runs code when the model is loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KerasIssue {
    /// JSON path of the layer (`config.layers[3]`).
    pub path: String,
    /// `lambda-layer` or `custom-module`.
    pub kind: &'static str,
    /// What was found.
    pub message: String,
}

/// Module prefixes Keras itself deserialises from.
const KERAS_MODULES: &[&str] = &[
    "keras",
    "keras_nlp",
    "keras_hub",
    "keras_cv",
    "tf_keras",
    "tensorflow.keras",
    "builtins",
];

/// Inspects a model config.
pub fn inspect_config(json: &[u8]) -> Result<Vec<KerasIssue>, FormatError> {
    if json.len() as u64 > MAX_CONFIG {
        return Err(FormatError::TooLarge {
            what: "Keras config".into(),
            value: json.len() as u64,
            limit: MAX_CONFIG,
        });
    }
    let v: Value = serde_json::from_slice(json)
        .map_err(|e| FormatError::Invalid(format!("Keras config is not JSON: {e}")))?;
    let mut out = Vec::new();
    walk(&v, "config".into(), &mut out);
    Ok(out)
}

fn walk(v: &Value, path: String, out: &mut Vec<KerasIssue>) {
    match v {
        Value::Object(o) => {
            let class = o.get("class_name").and_then(Value::as_str);
            if class == Some("Lambda") {
                let marshalled = o
                    .get("config")
                    .and_then(|c| c.get("function"))
                    .is_some_and(|f| {
                        f.to_string().contains("__lambda__") || f.is_array() || f.is_string()
                    });
                out.push(KerasIssue {
                    path: path.clone(),
                    kind: "lambda-layer",
                    message: format!(
                        "Lambda layer{}: its Python code runs when the model is loaded (safe_mode off) or deserialised by older Keras",
                        if marshalled { " with marshalled bytecode" } else { "" }
                    ),
                });
            }
            if let Some(m) = o.get("module").and_then(Value::as_str) {
                let inside = KERAS_MODULES
                    .iter()
                    .any(|k| m == *k || m.starts_with(&format!("{k}.")));
                if !inside && class.is_some() {
                    out.push(KerasIssue {
                        path: path.clone(),
                        kind: "custom-module",
                        message: format!(
                            "`{}` is deserialised from module `{m}`, outside Keras: loading imports it (CVE-2025-1550 class)",
                            o.get("registered_name").and_then(Value::as_str).or(class).unwrap_or("?")
                        ),
                    });
                }
            }
            for (k, c) in o {
                walk(c, format!("{path}.{k}"), out);
            }
        }
        Value::Array(a) => {
            for (i, c) in a.iter().enumerate() {
                walk(c, format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

/// TensorFlow ops that read or write files or call back into Python.
pub const RISKY_TF_OPS: &[&str] = &[
    "ReadFile",
    "WriteFile",
    "MatchingFiles",
    "MergeV2Checkpoints",
    "Save",
    "SaveV2",
    "SaveSlices",
    "PyFunc",
    "PyFuncStateless",
    "EagerPyFunc",
    "ImmutableConst",
    "DebugIdentityV3",
];

/// Op names used by a SavedModel (`saved_model.pb`): graph nodes and function bodies.
pub fn saved_model_ops<R: Read>(r: R, len: u64) -> Result<Vec<String>, FormatError> {
    let mut w = Wire { r, pos: 0, len };
    let mut ops = Vec::new();
    let mut meta_graphs = 0;
    while let Some((num, f)) = w.field(len)? {
        match (num, f) {
            (2, Field::Len(n)) => {
                meta_graphs += 1;
                let e = w.pos + n;
                while let Some((k, f)) = w.field(e)? {
                    match (k, f) {
                        (2, Field::Len(m)) => {
                            let ge = w.pos + m;
                            graph_def(&mut w, ge, &mut ops)?;
                        }
                        (_, Field::Len(m)) => w.skip(m)?,
                        _ => {}
                    }
                }
            }
            (_, Field::Len(n)) => w.skip(n)?,
            _ => {}
        }
    }
    if meta_graphs == 0 {
        return Err(FormatError::Invalid(
            "not a SavedModel (no meta graph)".into(),
        ));
    }
    ops.sort();
    ops.dedup();
    Ok(ops)
}

fn graph_def<R: Read>(w: &mut Wire<R>, end: u64, ops: &mut Vec<String>) -> Result<(), FormatError> {
    while let Some((num, f)) = w.field(end)? {
        match (num, f) {
            (1, Field::Len(n)) => {
                let e = w.pos + n;
                node_def(w, e, ops)?;
            }
            (2, Field::Len(n)) => {
                // FunctionDefLibrary.function (1) → FunctionDef.node_def (3).
                let le = w.pos + n;
                while let Some((k, f)) = w.field(le)? {
                    match (k, f) {
                        (1, Field::Len(m)) => {
                            let fe = w.pos + m;
                            while let Some((j, f)) = w.field(fe)? {
                                match (j, f) {
                                    (3, Field::Len(x)) => {
                                        let ne = w.pos + x;
                                        node_def(w, ne, ops)?;
                                    }
                                    (_, Field::Len(x)) => w.skip(x)?,
                                    _ => {}
                                }
                            }
                        }
                        (_, Field::Len(m)) => w.skip(m)?,
                        _ => {}
                    }
                }
            }
            (_, Field::Len(n)) => w.skip(n)?,
            _ => {}
        }
    }
    Ok(())
}

fn node_def<R: Read>(w: &mut Wire<R>, end: u64, ops: &mut Vec<String>) -> Result<(), FormatError> {
    while let Some((num, f)) = w.field(end)? {
        match (num, f) {
            (2, Field::Len(n)) => {
                let op = w.string(n)?;
                if ops.len() < 100_000 {
                    ops.push(op);
                }
            }
            (_, Field::Len(n)) => w.skip(n)?,
            _ => {}
        }
    }
    Ok(())
}

/// A SavedModel holding one graph with the given ops (tests and corpus).
pub fn write_saved_model(ops: &[&str]) -> Vec<u8> {
    use crate::onnx::encode::{bytes, uint};
    let mut g = Vec::new();
    for (i, op) in ops.iter().enumerate() {
        let mut n = Vec::new();
        bytes(1, format!("n{i}").as_bytes(), &mut n);
        bytes(2, op.as_bytes(), &mut n);
        bytes(1, &n, &mut g);
    }
    let mut mg = Vec::new();
    bytes(2, &g, &mut mg);
    let mut sm = Vec::new();
    uint(1, 1, &mut sm);
    bytes(2, &mg, &mut sm);
    sm
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lambda_and_custom_modules() {
        let cfg = br#"{"class_name":"Functional","config":{"layers":[
            {"class_name":"InputLayer","module":"keras.layers","config":{}},
            {"class_name":"Lambda","module":"keras.layers","config":{"function":{"class_name":"__lambda__","config":{"code":"4wEAAAAA"}}}},
            {"class_name":"Evil","module":"os","registered_name":"system","config":{}}]}}"#;
        let found = inspect_config(cfg).unwrap();
        let kinds: Vec<_> = found.iter().map(|i| (i.kind, i.path.as_str())).collect();
        assert_eq!(
            kinds,
            [
                ("lambda-layer", "config.config.layers[1]"),
                ("custom-module", "config.config.layers[2]")
            ]
        );
        let benign = br#"{"class_name":"Sequential","module":"keras","config":{"layers":[{"class_name":"Dense","module":"keras.layers","config":{"units":2}}]}}"#;
        assert!(inspect_config(benign).unwrap().is_empty());
    }

    #[test]
    fn saved_model_ops_round_trip() {
        let sm = write_saved_model(&["Const", "ReadFile", "Identity"]);
        assert_eq!(
            saved_model_ops(&sm[..], sm.len() as u64).unwrap(),
            ["Const", "Identity", "ReadFile"]
        );
        assert!(saved_model_ops(&b"\x08\x01"[..], 2).is_err());
    }

    proptest::proptest! {
        #[test]
        fn never_panics(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300)) {
            let _ = inspect_config(&bytes);
            let _ = saved_model_ops(&bytes[..], bytes.len() as u64);
        }
    }
}
