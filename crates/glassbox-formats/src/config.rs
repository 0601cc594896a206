//! `config.json`: the architecture facts a transformers-style repository declares.

use serde_json::Value;

use crate::FormatError;

/// `config.json` files bigger than this are not model configs.
pub const MAX_CONFIG_SIZE: usize = 16 << 20;

/// What glassbox reads from a `config.json`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ModelConfig {
    /// `architectures`, e.g. `["LlamaForCausalLM"]`.
    pub architectures: Vec<String>,
    /// `model_type`, e.g. `llama`.
    pub model_type: Option<String>,
    /// `torch_dtype` / `dtype`.
    pub dtype: Option<String>,
    /// `_name_or_path`, which often names the base model.
    pub name_or_path: Option<String>,
    /// `auto_map` entries: custom modeling code shipped in the repository.
    pub auto_map: Vec<String>,
}

/// Parses a `config.json`.
pub fn parse(bytes: &[u8]) -> Result<ModelConfig, FormatError> {
    if bytes.len() > MAX_CONFIG_SIZE {
        return Err(FormatError::TooLarge {
            what: "config.json".into(),
            value: bytes.len() as u64,
            limit: MAX_CONFIG_SIZE as u64,
        });
    }
    let v: Value = serde_json::from_slice(bytes)
        .map_err(|e| FormatError::Invalid(format!("config.json is not valid JSON: {e}")))?;
    let obj = v
        .as_object()
        .ok_or_else(|| FormatError::Invalid("config.json is not a JSON object".into()))?;
    let s = |k: &str| obj.get(k).and_then(Value::as_str).map(str::to_string);
    Ok(ModelConfig {
        architectures: obj
            .get("architectures")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default(),
        model_type: s("model_type"),
        dtype: s("torch_dtype").or_else(|| s("dtype")),
        name_or_path: s("_name_or_path").filter(|n| !n.is_empty()),
        auto_map: obj
            .get("auto_map")
            .and_then(Value::as_object)
            .map(|m| {
                m.values()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_architecture_and_rejects_garbage() {
        let c = parse(br#"{"architectures":["LlamaForCausalLM"],"model_type":"llama","torch_dtype":"bfloat16"}"#).unwrap();
        assert_eq!(c.architectures, vec!["LlamaForCausalLM"]);
        assert_eq!(c.model_type.as_deref(), Some("llama"));
        assert!(matches!(parse(b"{not json"), Err(FormatError::Invalid(_))));
        assert!(matches!(parse(b"[1,2]"), Err(FormatError::Invalid(_))));
    }
}
