//! What an extractor reports for one file, before the values are read as targets.

/// A model named literally in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Raw {
    /// 1-based line of the value.
    pub line: u32,
    /// The value as written (`org/name`, `hf.co/org/name:tag`, `./models/x`).
    pub value: String,
    /// A literal revision pin beside it (`revision="…"`).
    pub revision: Option<String>,
    /// Found under a generic key (`model`): only `org/name` ids count there, since a bare word
    /// is as likely an API model name ("gpt-4o") as a legacy Hub id.
    pub generic: bool,
    /// What named it (`from_pretrained`, `model_name_or_path`, `FROM`), for notes.
    pub what: String,
}

/// Everything an extractor found in one file.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Hits {
    /// Literal model references.
    pub models: Vec<Raw>,
    /// References built at run time: line and what could not be read.
    pub unresolved: Vec<(u32, String)>,
}

impl Hits {
    /// Records a literal model reference.
    pub fn model(&mut self, line: u32, value: String, revision: Option<String>, what: &str) {
        self.models.push(Raw {
            line,
            value,
            revision,
            generic: false,
            what: what.to_string(),
        });
    }

    /// Records a reference that is built at run time.
    pub fn unresolved(&mut self, line: u32, message: String) {
        self.unresolved.push((line, message));
    }
}
