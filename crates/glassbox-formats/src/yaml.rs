//! YAML with a budget: alias expansion, nesting, node count and input size are all bounded, so a
//! "billion laughs" document fails fast with a clear error instead of eating memory.

use serde_json::Value;

use crate::FormatError;

/// Largest YAML document glassbox reads.
pub const MAX_YAML_BYTES: usize = 4 << 20;

/// Parses YAML into a JSON value under a strict budget.
pub fn parse(text: &str, what: &str) -> Result<Value, FormatError> {
    if text.len() > MAX_YAML_BYTES {
        return Err(FormatError::TooLarge {
            what: what.to_string(),
            value: text.len() as u64,
            limit: MAX_YAML_BYTES as u64,
        });
    }
    let mut budget = serde_saphyr::Budget::default();
    budget.max_aliases = 1_000;
    budget.max_anchors = 1_000;
    budget.max_nodes = 250_000;
    budget.max_events = 1_000_000;
    budget.max_depth = 64;
    budget.max_documents = 1;
    budget.max_total_scalar_bytes = MAX_YAML_BYTES;
    budget.max_recorded_anchor_events = 100_000;
    budget.max_recorded_anchor_bytes = 1 << 20;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    if text.trim().is_empty() {
        return Ok(Value::Null);
    }
    serde_saphyr::from_str_with_options::<Value>(text, options).map_err(|e| {
        let msg = e.to_string();
        let first = msg.lines().next().unwrap_or("").to_string();
        FormatError::Invalid(format!("{what}: {first}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn billion_laughs_is_refused_quickly() {
        let mut doc = String::from(
            "a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        for i in 1..10 {
            let p = i - 1;
            doc.push_str(&format!(
                "a{i}: &a{i} [*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p}]\n"
            ));
        }
        let start = std::time::Instant::now();
        assert!(parse(&doc, "bomb.yaml").is_err());
        assert!(start.elapsed().as_secs() < 5);
    }

    #[test]
    fn plain_yaml_parses() {
        let v = parse("license: mit\ndatasets:\n  - a/b\n", "card").unwrap();
        assert_eq!(v["license"], "mit");
        assert_eq!(v["datasets"][0], "a/b");
    }
}
