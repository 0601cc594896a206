//! The report's lineage tree ([`glassbox_core::LineageNode`]) from the `base_model` chain that
//! [`crate::follow`] walked: a base whose card was read carries the card's licenses, graded by
//! the license knowledge base and cited at the card's pinned Hub URL; a base that was not looked
//! up (`--no-follow`, offline without it in the cache, a bound, a cycle, a fetch error) carries
//! its family's license from the knowledge base's lineage table, cited where the base is named.

use glassbox_core::{LineageLicense, LineageNode as Node, LineageSource, Location};
use glassbox_licenses::kb;

use crate::follow::{card_url, LineageNode};

/// The report tree for the walked lineage; `endpoint` is the Hub the cards were read from.
pub fn report_tree(nodes: &[LineageNode], endpoint: &str) -> Vec<Node> {
    nodes.iter().map(|n| node(n, endpoint)).collect()
}

fn node(n: &LineageNode, endpoint: &str) -> Node {
    let family = kb().lineage(&n.id);
    let read = n.note.is_none();
    let (source, licenses, location) = if read {
        let licenses = n
            .licenses
            .iter()
            .map(|stated| card_license(stated, n.license_name.as_deref()))
            .collect();
        let location = Location {
            url: Some(card_url(endpoint, &n.id, n.revision.as_deref())),
            field: Some("card:license".into()),
            ..Default::default()
        };
        (LineageSource::ModelCard, licenses, location)
    } else if let Some(m) = &family {
        let license = LineageLicense {
            stated: m.license.id.clone(),
            id: Some(m.license.id.clone()),
            name: Some(m.license.name.clone()),
            tier: Some(m.license.tier),
        };
        (
            LineageSource::LineageTable,
            vec![license],
            n.named_at.clone(),
        )
    } else {
        (LineageSource::Unknown, Vec::new(), n.named_at.clone())
    };
    Node {
        model: n.id.clone(),
        relation: n.relation.clone(),
        licenses,
        source,
        location,
        family: family.map(|m| m.family),
        revision: n.revision.clone(),
        note: n.note.clone(),
        bases: n.bases.iter().map(|b| node(b, endpoint)).collect(),
    }
}

/// One `license:` value of a card, with the knowledge base's id, name and tier when it knows
/// it (`other` is looked up by the card's `license_name`).
fn card_license(stated: &str, license_name: Option<&str>) -> LineageLicense {
    let info = kb()
        .from_hf(stated, license_name)
        .or_else(|| kb().resolve(stated));
    let name = match (&info, stated) {
        (Some(i), _) => Some(i.name.clone()),
        (None, "other") => license_name.map(str::to_string),
        (None, _) => None,
    };
    LineageLicense {
        stated: stated.to_string(),
        id: info.as_ref().map(|i| i.id.clone()),
        name,
        tier: info.map(|i| i.tier),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use glassbox_core::Tier;

    const HUB: &str = "https://hub.example";

    fn named() -> Location {
        Location::line("README.md", 3).with_field("card:base_model")
    }

    fn read(id: &str, licenses: &[&str], rev: &str, bases: Vec<LineageNode>) -> LineageNode {
        LineageNode {
            id: id.into(),
            relation: None,
            licenses: licenses.iter().map(|s| s.to_string()).collect(),
            license_name: None,
            revision: Some(rev.into()),
            bases,
            note: None,
            named_at: named(),
        }
    }

    fn cut(id: &str, note: &str) -> LineageNode {
        LineageNode {
            id: id.into(),
            relation: None,
            licenses: Vec::new(),
            license_name: None,
            revision: None,
            bases: Vec::new(),
            note: Some(note.into()),
            named_at: named(),
        }
    }

    #[test]
    fn merge_with_two_bases_one_read_one_from_the_table() {
        let mut merge = read(
            "org/merged",
            &["apache-2.0"],
            "abc123",
            vec![
                read("org/left", &["mit"], "def456", Vec::new()),
                cut("meta-llama/Llama-3.1-8B", "offline and not in the cache"),
            ],
        );
        merge.bases[0].relation = Some("merge".into());
        merge.bases[1].relation = Some("merge".into());
        let tree = report_tree(&[merge], HUB);
        assert_eq!(tree.len(), 1);
        let top = &tree[0];
        assert_eq!(top.source, LineageSource::ModelCard);
        assert_eq!(
            top.location.url.as_deref(),
            Some("https://hub.example/org/merged/resolve/abc123/README.md")
        );
        assert_eq!(top.licenses[0].id.as_deref(), Some("Apache-2.0"));
        assert_eq!(top.licenses[0].tier, Some(Tier::P));
        assert_eq!(top.bases.len(), 2, "a merge keeps both bases");

        let left = &top.bases[0];
        assert_eq!(left.relation.as_deref(), Some("merge"));
        assert_eq!(left.licenses[0].id.as_deref(), Some("MIT"));
        assert_eq!(left.source, LineageSource::ModelCard);

        let llama = &top.bases[1];
        assert_eq!(llama.source, LineageSource::LineageTable);
        assert_eq!(llama.family.as_deref(), Some("Llama 3.1"));
        assert_eq!(llama.licenses[0].tier, Some(Tier::R));
        assert_eq!(llama.location, named(), "cited where it is named");
        assert_eq!(llama.note.as_deref(), Some("offline and not in the cache"));
    }

    #[test]
    fn depth_limited_chain_ends_in_a_cut_node() {
        let chain = read(
            "org/b0",
            &["mit"],
            "r0",
            vec![read(
                "org/b1",
                &["other"],
                "r1",
                vec![cut("org/b2", "not followed: lineage bound reached")],
            )],
        );
        let tree = report_tree(&[chain], HUB);
        let mut depths = Vec::new();
        Node::walk(&tree, &mut |d, n| {
            depths.push((d, n.model.clone(), n.source))
        });
        assert_eq!(
            depths,
            vec![
                (0, "org/b0".to_string(), LineageSource::ModelCard),
                (1, "org/b1".to_string(), LineageSource::ModelCard),
                (2, "org/b2".to_string(), LineageSource::Unknown),
            ]
        );
        let b1 = &tree[0].bases[0];
        assert_eq!(b1.licenses[0].stated, "other");
        assert_eq!(
            b1.licenses[0].tier, None,
            "`other` without a name is not graded"
        );
        let b2 = &b1.bases[0];
        assert!(b2.licenses.is_empty() && b2.bases.is_empty());
        assert_eq!(
            b2.note.as_deref(),
            Some("not followed: lineage bound reached")
        );
    }

    #[test]
    fn other_license_named_on_the_card() {
        let l = card_license("other", Some("house terms"));
        assert_eq!(l.stated, "other");
        assert_eq!(l.name.as_deref(), Some("house terms"));
        assert_eq!(l.tier, None);
        let l = card_license("llama3.1", None);
        assert_eq!(l.tier, Some(Tier::R), "{l:?}");
    }
}
