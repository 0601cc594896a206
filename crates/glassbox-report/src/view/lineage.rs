//! How a lineage node reads in every renderer.

/// How a lineage node reads in every renderer: `finetune of org/base`, the license label, and
/// where the licenses came from (`model card`, `lineage table (Llama 3.1)`), plain text.
pub struct LineageLine {
    /// `finetune of ` or empty: how the model above was made from this one.
    pub relation: String,
    /// The licenses (`LicenseRef-Llama-3.1 (tier R)`), or `unknown`.
    pub licenses: String,
    /// Where the licenses were read.
    pub source: String,
}

/// The plain-text parts of one lineage node.
pub fn lineage_line(n: &glassbox_core::LineageNode) -> LineageLine {
    use glassbox_core::LineageSource;
    let source = match (n.source, &n.family) {
        (LineageSource::ModelCard, _) => "model card".to_string(),
        (LineageSource::LineageTable, Some(f)) => format!("lineage table ({f})"),
        (LineageSource::LineageTable, None) => "lineage table".to_string(),
        (LineageSource::Unknown, _) => "not known".to_string(),
    };
    LineageLine {
        relation: n
            .relation
            .as_deref()
            .map(|r| format!("{r} of "))
            .unwrap_or_default(),
        licenses: n.license_label(),
        source,
    }
}
