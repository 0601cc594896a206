//! Linked artifacts against the mock Hub: datasets as linked releases, the base_model lineage
//! with licenses (and a cycle), arXiv ids recorded, and links to file:// or private addresses
//! never followed.

mod common;

use common::mock_hub::{MockHub, MockRepo};
use common::{fixture_files, opts};
use glassbox_core::{LineageNode, LineageSource};
use glassbox_sources::{resolve_with, Limits, Relation};

fn card(license: &str, base: Option<&str>) -> Vec<(String, Vec<u8>)> {
    let base = base
        .map(|b| format!("base_model: {b}\n"))
        .unwrap_or_default();
    vec![
        (
            "README.md".into(),
            format!("---\nlicense: {license}\n{base}---\n# model\n").into_bytes(),
        ),
        ("config.json".into(), b"{}".to_vec()),
    ]
}

fn hub_with_links() -> MockHub {
    let mock = MockHub::start();
    mock.add_model("org/tiny", MockRepo::new(fixture_files()));
    mock.add_model(
        "org/base",
        MockRepo::new(card("llama3.1", Some("org/root"))),
    );
    mock.add_model("org/root", MockRepo::new(card("mit", Some("org/base"))));
    mock.add_dataset(
        "org/data",
        MockRepo::new(vec![
            (
                "README.md".into(),
                b"---\nlicense: cc-by-4.0\n---\n# Data card\n".to_vec(),
            ),
            (
                "LICENSE".into(),
                b"Creative Commons Attribution 4.0\n".to_vec(),
            ),
            ("train.jsonl".into(), b"{\"text\": \"x\"}\n".repeat(500)),
        ]),
    );
    mock
}

#[test]
fn follows_datasets_lineage_and_records_papers() {
    let mock = hub_with_links();
    let mut o = opts(&mock.endpoint, None);
    o.follow.enabled = true;
    o.follow.max_code_repos = 0; // tests never clone public hosts
    let r = resolve_with("hf:org/tiny", &o, &Limits::default()).unwrap();

    let data = r
        .linked
        .iter()
        .find(|l| l.relation == Relation::Dataset && l.id == "org/data")
        .unwrap();
    let rel = data.release.as_ref().expect("dataset fetched");
    assert_eq!(rel.target.name, "datasets/org/data");
    assert!(rel
        .file("README.md")
        .unwrap()
        .text()
        .unwrap()
        .contains("cc-by-4.0"));
    assert!(rel.file("LICENSE").unwrap().content.is_some());
    assert!(
        rel.file("train.jsonl").unwrap().content.is_none(),
        "data files inventoried, not read"
    );
    assert_eq!(mock.bytes_for("train.jsonl"), 0);
    // A card link to a dataset page on the Hub is a dataset too (missing here: noted).
    let data2 = r.linked.iter().find(|l| l.id == "org/data2").unwrap();
    assert!(data2.release.is_none() && data2.note.as_deref().unwrap().contains("not found"));

    let papers: Vec<_> = r
        .linked
        .iter()
        .filter(|l| l.relation == Relation::Paper)
        .map(|l| l.id.as_str())
        .collect();
    assert_eq!(papers, vec!["2307.09288", "2401.00001"]);
    assert!(mock
        .state
        .log
        .lock()
        .unwrap()
        .iter()
        .all(|l| !l.contains("arxiv")));

    assert_eq!(r.lineage.len(), 1);
    let base = &r.lineage[0];
    assert_eq!(
        (
            base.id.as_str(),
            base.licenses.clone(),
            base.relation.as_deref()
        ),
        ("org/base", vec!["llama3.1".to_string()], Some("finetune"))
    );
    let root = &base.bases[0];
    assert_eq!(
        (root.id.as_str(), root.licenses.clone()),
        ("org/root", vec!["mit".to_string()])
    );
    assert_eq!(
        root.bases[0].note.as_deref(),
        Some("cycle in base_model chain")
    );
    assert_eq!(
        base.revision.as_deref(),
        Some(mock.sha("models", "org/base").as_str())
    );
}

#[test]
fn private_and_file_links_are_never_followed() {
    let mock = hub_with_links();
    let mut o = opts(&mock.endpoint, None);
    o.follow.enabled = true;
    o.follow.max_code_repos = 0;
    let r = resolve_with("hf:org/tiny", &o, &Limits::default()).unwrap();
    let code: Vec<_> = r
        .linked
        .iter()
        .filter(|l| l.relation == Relation::CodeRepository)
        .collect();
    let note = |id: &str| {
        code.iter()
            .find(|l| l.id.contains(id))
            .and_then(|l| l.note.clone())
            .unwrap_or_default()
    };
    assert!(
        note("file:///srv/repo.git").contains("only https://"),
        "{code:?}"
    );
    assert!(
        note("192.168.1.5").contains("private, loopback or local address"),
        "{code:?}"
    );
    assert!(note("127.0.0.1:9").contains("only https://"), "{code:?}");
    assert!(
        note("github.com/org/tiny-train").starts_with("not followed"),
        "{code:?}"
    );
    assert!(code.iter().all(|l| l.release.is_none()));
    assert!(r
        .release
        .problems
        .iter()
        .any(|p| p.kind == "link-not-followed"));
}

#[test]
fn no_follow_fetches_nothing_linked() {
    let mock = hub_with_links();
    let o = opts(&mock.endpoint, None);
    let r = resolve_with("hf:org/tiny", &o, &Limits::default()).unwrap();
    assert!(r.linked.iter().all(|l| l.release.is_none()));
    assert!(r
        .lineage
        .iter()
        .all(|n| n.note.as_deref() == Some("not followed (--no-follow)")));
    assert_eq!(mock.requests_matching("org/base"), 0);
    assert_eq!(mock.requests_matching("datasets/org/data"), 0);
}

#[test]
fn lineage_is_bounded() {
    let mock = MockHub::start();
    let mut files = fixture_files();
    files[0].1 = b"---\nlicense: mit\nbase_model: org/b0\n---\n".to_vec();
    mock.add_model("org/top", MockRepo::new(files));
    for i in 0..10 {
        mock.add_model(
            &format!("org/b{i}"),
            MockRepo::new(card("mit", Some(&format!("org/b{}", i + 1)))),
        );
    }
    let mut o = opts(&mock.endpoint, None);
    o.follow.enabled = true;
    o.follow.max_lineage_depth = 3;
    let r = resolve_with("hf:org/top", &o, &Limits::default()).unwrap();
    let mut depth = 0;
    let mut n = &r.lineage[0];
    while let Some(b) = n.bases.first() {
        depth += 1;
        n = b;
    }
    assert_eq!(depth, 3);
    assert_eq!(
        n.note.as_deref(),
        Some("not followed: lineage bound reached")
    );
    assert_eq!(mock.requests_matching("/api/models/org/b"), 3);

    // The report tree keeps the same shape: three cards read, then the cut node.
    let mut seen = Vec::new();
    LineageNode::walk(&r.lineage_tree(), &mut |d, n| {
        seen.push((d, n.model.clone(), n.source, n.license_label()))
    });
    let read = |d: usize| {
        (
            d,
            format!("org/b{d}"),
            LineageSource::ModelCard,
            "MIT (tier P)".to_string(),
        )
    };
    assert_eq!(
        seen,
        vec![
            read(0),
            read(1),
            read(2),
            (
                3,
                "org/b3".to_string(),
                LineageSource::Unknown,
                "unknown".to_string()
            )
        ]
    );
}

#[test]
fn a_merge_lists_every_base_in_the_tree() {
    let mock = MockHub::start();
    let mut files = fixture_files();
    files[0].1 = b"---\nlicense: apache-2.0\nbase_model:\n  - org/left\n  - org/gone\nbase_model_relation: merge\n---\n# merged\n".to_vec();
    mock.add_model("org/merged", MockRepo::new(files));
    mock.add_model("org/left", MockRepo::new(card("apache-2.0", None)));
    let mut o = opts(&mock.endpoint, None);
    o.follow.enabled = true;
    o.follow.max_code_repos = 0;
    let r = resolve_with("hf:org/merged", &o, &Limits::default()).unwrap();
    let tree = r.lineage_tree();
    assert_eq!(tree.len(), 2);
    assert!(tree.iter().all(|n| n.relation.as_deref() == Some("merge")));
    let sha = mock.sha("models", "org/left");
    assert_eq!(tree[0].model, "org/left");
    assert_eq!(tree[0].source, LineageSource::ModelCard);
    assert_eq!(tree[0].licenses[0].id.as_deref(), Some("Apache-2.0"));
    assert_eq!(
        tree[0].location.url.as_deref(),
        Some(format!("{}/org/left/resolve/{sha}/README.md", mock.endpoint).as_str())
    );
    assert_eq!(tree[1].model, "org/gone");
    assert_eq!(tree[1].source, LineageSource::Unknown);
    assert!(
        tree[1].note.as_deref().unwrap_or("").contains("not found"),
        "{:?}",
        tree[1].note
    );
    assert_eq!(tree[1].location.path.as_deref(), Some("README.md"));
}
