//! The 17 components of the Model Openness Framework: the vocabulary every framework maps onto.

use serde::{Deserialize, Serialize};

/// What a component is made of; frameworks pick licenses by it (code, data, documents).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ContentType {
    /// Source code.
    Code,
    /// Data, including model parameters.
    Data,
    /// Documentation and papers.
    Document,
}

/// One of the 17 MOF components, in the order of the MOF specification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Component {
    /// Model architecture (class III, code).
    #[serde(rename = "Model architecture")]
    ModelArchitecture,
    /// Final model parameters (class III, data).
    #[serde(rename = "Model parameters (Final)")]
    ModelParametersFinal,
    /// Evaluation results (class III, document).
    #[serde(rename = "Evaluation results")]
    EvaluationResults,
    /// Model card (class III, document).
    #[serde(rename = "Model card")]
    ModelCard,
    /// Data card (class III, document).
    #[serde(rename = "Data card")]
    DataCard,
    /// Technical report (class III, document).
    #[serde(rename = "Technical report")]
    TechnicalReport,
    /// Sample model outputs (class III, document, optional).
    #[serde(rename = "Sample model outputs")]
    SampleModelOutputs,
    /// Training code (class II, code).
    #[serde(rename = "Training code")]
    TrainingCode,
    /// Inference code (class II, code).
    #[serde(rename = "Inference code")]
    InferenceCode,
    /// Evaluation code (class II, code).
    #[serde(rename = "Evaluation code")]
    EvaluationCode,
    /// Evaluation data (class II, data).
    #[serde(rename = "Evaluation data")]
    EvaluationData,
    /// Supporting libraries and tools (class II, code, optional).
    #[serde(rename = "Supporting libraries and tools")]
    SupportingLibraries,
    /// Training datasets (class I, data).
    #[serde(rename = "Datasets")]
    Datasets,
    /// Data preprocessing code (class I, code).
    #[serde(rename = "Data preprocessing code")]
    DataPreprocessingCode,
    /// Intermediate model parameters / checkpoints (class I, data).
    #[serde(rename = "Model parameters (Intermediate)")]
    ModelParametersIntermediate,
    /// Research paper (class I, document).
    #[serde(rename = "Research paper")]
    ResearchPaper,
    /// Model metadata (class I, data, optional).
    #[serde(rename = "Model metadata")]
    ModelMetadata,
}

impl Component {
    /// All 17 components in MOF order.
    pub const ALL: [Component; 17] = [
        Component::ModelArchitecture,
        Component::ModelParametersFinal,
        Component::EvaluationResults,
        Component::ModelCard,
        Component::DataCard,
        Component::TechnicalReport,
        Component::SampleModelOutputs,
        Component::TrainingCode,
        Component::InferenceCode,
        Component::EvaluationCode,
        Component::EvaluationData,
        Component::SupportingLibraries,
        Component::Datasets,
        Component::DataPreprocessingCode,
        Component::ModelParametersIntermediate,
        Component::ResearchPaper,
        Component::ModelMetadata,
    ];

    /// The MOF name, as written in DESIGN.md and the MOF model.yml.
    pub fn name(self) -> &'static str {
        match self {
            Component::ModelArchitecture => "Model architecture",
            Component::ModelParametersFinal => "Model parameters (Final)",
            Component::EvaluationResults => "Evaluation results",
            Component::ModelCard => "Model card",
            Component::DataCard => "Data card",
            Component::TechnicalReport => "Technical report",
            Component::SampleModelOutputs => "Sample model outputs",
            Component::TrainingCode => "Training code",
            Component::InferenceCode => "Inference code",
            Component::EvaluationCode => "Evaluation code",
            Component::EvaluationData => "Evaluation data",
            Component::SupportingLibraries => "Supporting libraries and tools",
            Component::Datasets => "Datasets",
            Component::DataPreprocessingCode => "Data preprocessing code",
            Component::ModelParametersIntermediate => "Model parameters (Intermediate)",
            Component::ResearchPaper => "Research paper",
            Component::ModelMetadata => "Model metadata",
        }
    }

    /// Parses a MOF component name (case-insensitive; MOT spellings accepted).
    pub fn from_name(name: &str) -> Option<Component> {
        let n = name.trim().to_ascii_lowercase();
        let alias = match n.as_str() {
            "supporting libraries & tools" | "libraries and tools" => {
                "supporting libraries and tools"
            }
            "sample model outputs (optional)" => "sample model outputs",
            "model metadata (optional)" => "model metadata",
            "supporting libraries and tools (optional)" => "supporting libraries and tools",
            "training dataset" | "training datasets" => "datasets",
            other => other,
        };
        Component::ALL
            .into_iter()
            .find(|c| c.name().eq_ignore_ascii_case(alias))
    }

    /// The MOF class (3, 2 or 1) whose requirements include this component.
    pub fn mof_class(self) -> u8 {
        use Component::*;
        match self {
            ModelArchitecture | ModelParametersFinal | EvaluationResults | ModelCard | DataCard
            | TechnicalReport | SampleModelOutputs => 3,
            TrainingCode | InferenceCode | EvaluationCode | EvaluationData
            | SupportingLibraries => 2,
            Datasets
            | DataPreprocessingCode
            | ModelParametersIntermediate
            | ResearchPaper
            | ModelMetadata => 1,
        }
    }

    /// Whether the MOF marks the component optional.
    pub fn optional(self) -> bool {
        matches!(
            self,
            Component::SampleModelOutputs
                | Component::SupportingLibraries
                | Component::ModelMetadata
        )
    }

    /// Code, data or document.
    pub fn content_type(self) -> ContentType {
        use Component::*;
        match self {
            ModelArchitecture
            | TrainingCode
            | InferenceCode
            | EvaluationCode
            | SupportingLibraries
            | DataPreprocessingCode => ContentType::Code,
            ModelParametersFinal
            | EvaluationData
            | Datasets
            | ModelParametersIntermediate
            | ModelMetadata => ContentType::Data,
            EvaluationResults | ModelCard | DataCard | TechnicalReport | SampleModelOutputs
            | ResearchPaper => ContentType::Document,
        }
    }
}

impl std::fmt::Display for Component {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_classes_count() {
        for c in Component::ALL {
            assert_eq!(Component::from_name(c.name()), Some(c));
            let json = serde_json::to_string(&c).unwrap();
            assert_eq!(json, format!("\"{}\"", c.name()));
        }
        let per_class = |k| Component::ALL.iter().filter(|c| c.mof_class() == k).count();
        assert_eq!((per_class(3), per_class(2), per_class(1)), (7, 5, 5));
        assert_eq!(
            Component::from_name("Supporting libraries & tools"),
            Some(Component::SupportingLibraries)
        );
    }
}
