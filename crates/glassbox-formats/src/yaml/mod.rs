//! YAML with a budget: alias expansion, nesting, node count and input size are all bounded, so a
//! "billion laughs" document fails fast with a clear error instead of eating memory.

use serde_json::Value;

use crate::FormatError;

/// Largest YAML document glassbox reads.
pub const MAX_YAML_BYTES: usize = 4 << 20;

mod fast;

/// Parses YAML into a JSON value under a strict budget.
pub fn parse(text: &str, what: &str) -> Result<Value, FormatError> {
    if text.len() > MAX_YAML_BYTES {
        return Err(FormatError::TooLarge {
            what: what.to_string(),
            value: text.len() as u64,
            limit: MAX_YAML_BYTES as u64,
        });
    }
    if text.trim().is_empty() {
        return Ok(Value::Null);
    }
    let budget = budget();
    let limits = fast::Limits {
        depth: budget.max_depth,
        nodes: budget.max_nodes,
    };
    let mut parser = serde_saphyr::granit_parser::Options::default();
    parser.simple_key_max_lookahead = budget.simple_key_max_lookahead;
    parser.flow_nesting_limit = budget.flow_nesting_limit;
    parser.block_nesting_limit = parser.block_nesting_limit.max(budget.max_depth + 1);
    let resolve = |scalar: &str| full(scalar).ok();
    if let Some(v) = fast::parse(text, parser, &limits, resolve) {
        return Ok(v);
    }
    full(text).map_err(|e| {
        let msg = e.to_string();
        let first = msg.lines().next().unwrap_or("").to_string();
        FormatError::Invalid(format!("{what}: {first}"))
    })
}

fn budget() -> serde_saphyr::Budget {
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
    budget
}

/// serde-saphyr under the budget: the reference every fast-path result must equal.
fn full(text: &str) -> Result<Value, serde_saphyr::Error> {
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget());
    serde_saphyr::from_str_with_options::<Value>(text, options)
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

    /// The fast path's value, checked against serde-saphyr's: equal when the fast path answers,
    /// and no answer where serde-saphyr fails.
    fn fast(text: &str) -> Option<Value> {
        let budget = budget();
        let limits = fast::Limits {
            depth: budget.max_depth,
            nodes: budget.max_nodes,
        };
        let got = fast::parse(
            text,
            serde_saphyr::granit_parser::Options::default(),
            &limits,
            |s| full(s).ok(),
        );
        match (&got, full(text)) {
            // Compared as text: map equality ignores key order, the report does not.
            (Some(v), Ok(reference)) => {
                assert_eq!(v.to_string(), reference.to_string(), "{text:?}")
            }
            (Some(v), Err(e)) => panic!("fast path accepted {text:?} as {v} but: {e}"),
            (None, _) => {}
        }
        got
    }

    #[test]
    fn fast_path_takes_plain_trees() {
        let doc = "framework:\n  name: 'Model Openness Framework'\n  version: '1.0'\nrelease:\n  name: m\n  date: 2024-12-15\n  components:\n    - name: Training code\n      license: Apache-2.0\n    - {name: \"Model card\", license: CC-BY-4.0}\n  note: |\n    two\n    lines\n  empty:\n  version: 1.0\n  flag: yes\n  count: 0x1F\n";
        let v = fast(doc).expect("a plain tree takes the fast path");
        assert_eq!(v["release"]["components"][1]["license"], "CC-BY-4.0");
        assert_eq!(v["release"]["flag"], true);
        assert_eq!(v["release"]["count"], 31);
        assert_eq!(v["release"]["empty"], Value::Null);
        assert_eq!(v["release"]["note"], "two\nlines\n");
    }

    #[test]
    fn fast_path_leaves_the_rest_to_serde_saphyr() {
        for doc in [
            "a: &x 1\nb: *x\n",
            "a: !!str 1\n",
            "base: &b {x: 1}\nd:\n  <<: *b\n",
            "a: 1\na: 2\n",
            "1: a\n",
            "? [a, b]\n: c\n",
            "a: 1\n---\nb: 2\n",
            "a: [1, 2\n",
            "a:\tb: c\n",
        ] {
            assert!(fast(doc).is_none(), "{doc:?}");
        }
    }

    use proptest::prelude::*;

    #[test]
    fn fast_path_equals_serde_saphyr_on_the_shared_yaml_files() {
        let Some(shared) = glassbox_testkit::shared("the shared YAML comparison") else {
            return;
        };
        let mut dirs = vec![shared.join("data")];
        let (mut files, mut taken) = (0, 0);
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "yml" || e == "yaml") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    files += 1;
                    taken += usize::from(fast(&text).is_some());
                }
            }
        }
        assert!(files > 0, "no YAML file under $GLASSBOX_SHARED/data");
        // The MOF test vectors are plain trees: the fast path must answer for them.
        assert!(
            taken * 2 > files,
            "fast path answered {taken} of {files} files"
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]
        #[test]
        fn fast_path_equals_serde_saphyr(doc in yaml_doc()) {
            fast(&doc);
        }

        #[test]
        fn fast_path_answers_documents_with_distinct_plain_keys(v in prop::sample::select(vec!["a", "0x1F", "yes", "'q'", "", "1e999"])) {
            let doc = format!("k: {v}\nl: [{v}]\n");
            prop_assert!(fast(&doc).is_some() || v == "1e999", "{}", doc);
        }
    }

    fn yaml_doc() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let scalar = prop::sample::select(vec![
            "word",
            "two words",
            "Apache-2.0",
            "yes",
            "No",
            "ON",
            "y",
            "n",
            "true",
            "False",
            "null",
            "NULL",
            "~",
            "",
            "0",
            "012",
            "0x1F",
            "0o17",
            "0X1F",
            "1_000",
            "1e3",
            "-1.5",
            "+1",
            ".inf",
            "-.INF",
            ".nan",
            "-.nan",
            "nan",
            "inf",
            "Infinity",
            "2024-12-15",
            "1.0.0",
            "-x",
            "a:b",
            "'q'",
            "\"dq\\n\"",
            "'it''s'",
            "\"1\"",
            "é",
            "x#y",
            "99999999999999999999",
            "-99999999999999999999",
            "1e999",
            "0.5",
            "nUll",
            "Yes!",
        ]);
        let key = prop::sample::select(vec!["a", "b", "name", "'k'", "\"k2\"", "yes", "1", "x y"]);
        let entry = (key, scalar.clone(), 0..3usize).prop_map(|(k, v, shape)| match shape {
            0 => format!("{k}: {v}\n"),
            1 => format!("{k}:\n  - {v}\n  - {v}\n"),
            _ => format!("{k}: [{v}, {{c: {v}}}]\n"),
        });
        // Mostly distinct keys, so that most documents take the fast path.
        prop::collection::vec((any::<bool>(), entry), 1..6).prop_map(|e| {
            let mut seen = std::collections::HashSet::new();
            e.into_iter()
                .filter(|(dup, line)| {
                    *dup || seen.insert(line.split(':').next().map(str::to_owned))
                })
                .map(|(_, line)| line)
                .collect()
        })
    }
}
