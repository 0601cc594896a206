//! A release's `base_model` lineage: the models it was made from, each with its licenses and
//! where they were read, as a tree (a merge has several bases).

use serde::{Deserialize, Serialize};

use crate::evidence::Location;
use crate::license::Tier;

/// One model in the lineage, with the bases it was made from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LineageNode {
    /// Hub model id (`meta-llama/Llama-3.1-8B`), as the child's card names it.
    pub model: String,
    /// How the child was made from this model, from the child card's `base_model_relation`
    /// (`finetune`, `adapter`, `quantized`, `merge`), when stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relation: Option<String>,
    /// Its licenses as found, in the order found.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub licenses: Vec<LineageLicense>,
    /// What the licenses were read from.
    pub source: LineageSource,
    /// Where: the model's card on the Hub (pinned to `revision`) for `model-card`, else the card
    /// line that names the model.
    pub location: Location,
    /// The license family of the knowledge base's lineage table the id belongs to (`Llama 3.1`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    /// The commit of the model's repository that was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision: Option<String>,
    /// Why the model was not looked up or its bases were cut (`--no-follow`, offline, a bound,
    /// a cycle, a fetch error).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The models this one was made from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bases: Vec<LineageNode>,
}

/// One license of a lineage node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LineageLicense {
    /// As stated (`llama3.1`, `apache-2.0`, `other`), or the table's license id.
    pub stated: String,
    /// The knowledge base's id for it, when it knows the license.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The knowledge base's name for it (or the card's `license_name` for `other`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Its tier, when the knowledge base knows the license.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<Tier>,
}

/// Where a lineage node's licenses come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LineageSource {
    /// The model's own card metadata (the Hub or the Hugging Face cache).
    ModelCard,
    /// Not looked up: the knowledge base's lineage table, by the model id's family.
    LineageTable,
    /// Neither: the model is named, its licenses are unknown.
    Unknown,
}

impl LineageSource {
    /// Kebab-case name, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            LineageSource::ModelCard => "model-card",
            LineageSource::LineageTable => "lineage-table",
            LineageSource::Unknown => "unknown",
        }
    }
}

impl LineageNode {
    /// Visits the tree depth-first, parents before their bases, with each node's depth (0 for
    /// the release's own bases).
    pub fn walk<'a>(nodes: &'a [LineageNode], f: &mut impl FnMut(usize, &'a LineageNode)) {
        fn go<'a>(n: &'a LineageNode, depth: usize, f: &mut impl FnMut(usize, &'a LineageNode)) {
            f(depth, n);
            for b in &n.bases {
                go(b, depth + 1, f);
            }
        }
        for n in nodes {
            go(n, 0, f);
        }
    }

    /// The licenses as one short label: `llama3.1 (tier R) AND mit (tier P)`; `no license
    /// stated` for a card read without one, `unknown` when nothing was read.
    pub fn license_label(&self) -> String {
        if self.licenses.is_empty() {
            return match self.source {
                LineageSource::ModelCard => "no license stated".into(),
                _ => "unknown".into(),
            };
        }
        self.licenses
            .iter()
            .map(|l| {
                let id = l.id.as_deref().unwrap_or(&l.stated);
                let mut s = id.to_string();
                if let Some(name) = l.name.as_deref().filter(|_| l.stated == "other") {
                    s = format!("other: {name}");
                }
                match l.tier {
                    Some(t) => format!("{s} (tier {})", t.as_str()),
                    None => s,
                }
            })
            .collect::<Vec<_>>()
            .join(" AND ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(model: &str, bases: Vec<LineageNode>) -> LineageNode {
        LineageNode {
            model: model.into(),
            relation: None,
            licenses: Vec::new(),
            source: LineageSource::Unknown,
            location: Location::default(),
            family: None,
            revision: None,
            note: None,
            bases,
        }
    }

    #[test]
    fn walk_is_depth_first_with_depths() {
        let tree = vec![node(
            "a",
            vec![node("b", vec![node("c", vec![])]), node("d", vec![])],
        )];
        let mut seen = Vec::new();
        LineageNode::walk(&tree, &mut |d, n| seen.push((d, n.model.clone())));
        assert_eq!(
            seen,
            [(0, "a"), (1, "b"), (2, "c"), (1, "d")].map(|(d, m)| (d, m.to_string()))
        );
    }

    #[test]
    fn labels_and_serialised_shape() {
        let mut n = node("org/base", vec![]);
        assert_eq!(n.license_label(), "unknown");
        n.licenses = vec![
            LineageLicense {
                stated: "llama3.1".into(),
                id: Some("LicenseRef-Llama-3.1".into()),
                name: None,
                tier: Some(Tier::R),
            },
            LineageLicense {
                stated: "other".into(),
                id: None,
                name: Some("house license".into()),
                tier: None,
            },
        ];
        n.source = LineageSource::LineageTable;
        assert_eq!(
            n.license_label(),
            "LicenseRef-Llama-3.1 (tier R) AND other: house license"
        );
        let v = serde_json::to_value(&n).unwrap();
        assert_eq!(v["source"], "lineage-table");
        assert!(v.get("bases").is_none() && v.get("note").is_none());
        let back: LineageNode = serde_json::from_value(v).unwrap();
        assert_eq!(back, n);
    }
}
