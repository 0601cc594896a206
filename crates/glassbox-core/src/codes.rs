//! Typed finding codes: every kind of [`Finding`](crate::Finding) glassbox reports, one enum
//! per area of the pipeline (docs/architecture.md), each code with a stable kebab-case id, a
//! default severity, a one-line description, why it matters and how to fix it.
//!
//! The ids are the report schema's `kind` strings and SARIF's `ruleId`s: they never change.
//! `docs/findings.md` is generated from this table ([`markdown`]; a test fails when it is
//! stale) and `glassbox explain CODE` prints one entry.
//!
//! ```
//! use glassbox_core::codes::{Code, ScanCode};
//!
//! let code: Code = ScanCode::UnsafeGlobal.into();
//! assert_eq!(code.id(), "unsafe-global");
//! assert_eq!("unsafe-global".parse::<Code>(), Ok(code));
//! ```

use crate::Severity;

macro_rules! codes {
    ($(
        $(#[doc = $area_doc:literal])*
        $area:ident($enum:ident, $area_id:literal) {
            $( $variant:ident = $id:literal, $sev:ident,
               $desc:literal, $why:literal, $fix:literal; )*
        }
    )*) => {
        $(
            $(#[doc = $area_doc])*
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
            pub enum $enum {
                $( #[doc = $desc] $variant, )*
            }

            impl From<$enum> for Code {
                fn from(c: $enum) -> Code {
                    Code::$area(c)
                }
            }

            impl $enum {
                /// The stable kebab-case id.
                pub fn id(self) -> &'static str {
                    Code::from(self).id()
                }
            }

            impl PartialEq<$enum> for Code {
                fn eq(&self, other: &$enum) -> bool {
                    *self == Code::from(*other)
                }
            }

            impl PartialEq<&str> for $enum {
                fn eq(&self, other: &&str) -> bool {
                    self.id() == *other
                }
            }

            impl std::fmt::Display for $enum {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str(self.id())
                }
            }
        )*

        /// The area of the pipeline a code belongs to.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Area {
            $( $(#[doc = $area_doc])* $area, )*
        }

        impl Area {
            /// Every area, in pipeline order.
            pub const ALL: &'static [Area] = &[$(Area::$area),*];

            /// The area's id (`source`, `license`, …).
            pub fn id(self) -> &'static str {
                match self { $( Area::$area => $area_id, )* }
            }

            /// One line on what the area covers.
            pub fn description(self) -> &'static str {
                match self { $( Area::$area => concat!($($area_doc),*).trim_ascii(), )* }
            }
        }

        /// A finding's kind.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $( $(#[doc = $area_doc])* $area($enum), )*
        }

        impl Code {
            /// Every code, grouped by area.
            pub const ALL: &'static [Code] = &[$( $( Code::$area($enum::$variant), )* )*];

            /// The stable kebab-case id.
            pub fn id(self) -> &'static str {
                match self { $( $( Code::$area($enum::$variant) => $id, )* )* }
            }

            /// The area the code belongs to.
            pub fn area(self) -> Area {
                match self { $( Code::$area(_) => Area::$area, )* }
            }

            /// The severity a finding of this kind usually has (a finding may say otherwise:
            /// the same limit matters more on a weight file than on a notebook).
            pub fn default_severity(self) -> Severity {
                match self { $( $( Code::$area($enum::$variant) => Severity::$sev, )* )* }
            }

            /// One line: what was found.
            pub fn description(self) -> &'static str {
                match self { $( $( Code::$area($enum::$variant) => $desc, )* )* }
            }

            /// Why it matters to someone choosing or publishing a release.
            pub fn why(self) -> &'static str {
                match self { $( $( Code::$area($enum::$variant) => $why, )* )* }
            }

            /// What to do about it.
            pub fn fix(self) -> &'static str {
                match self { $( $( Code::$area($enum::$variant) => $fix, )* )* }
            }
        }
    };
}

codes! {
    /// Reading a release: local folders, the Hugging Face Hub and its cache, git and linked
    /// repositories.
    Source(SourceCode, "source") {
        UnreadableFile = "unreadable-file", Medium,
            "A file of the release could not be read.",
            "What glassbox cannot read it cannot judge: a license or a weight file may be in it.",
            "Check the file's permissions and that it is not truncated; audit again.";
        BrokenSymlink = "broken-symlink", Low,
            "A symlink points nowhere (dangling, or a loop the system refused).",
            "The file it stands for is missing from the release as shipped.",
            "Ship the file itself, or remove the link.";
        SymlinkLoop = "symlink-loop", Low,
            "Symlinks form a loop; the walk stopped there.",
            "A loop hides whatever the links were meant to point at.",
            "Remove the loop from the release.";
        SymlinkOutside = "symlink-outside", Medium,
            "A symlink points outside the release; it was not followed.",
            "Following it would read files that are not part of the release (and could be anything on the machine).",
            "Ship the file inside the release instead of linking to it.";
        SymlinkSkipped = "symlink-skipped", Low,
            "A symlink was not followed (its kind of link is not read).",
            "The file behind it is not part of the audit.",
            "Ship regular files.";
        UnsafePath = "unsafe-path", Medium,
            "A file name that could escape the folder it is written to (`..`, an absolute path, a drive letter).",
            "Tools that extract or download the release could write outside their folder.",
            "Rename the file to a plain relative path.";
        LimitReached = "limit-reached", Medium,
            "A bound glassbox keeps (files, bytes, depth, time) was reached; the rest was not read.",
            "Evidence past the bound is not seen, so the verdict may miss something.",
            "Raise the bound (`--max-files` and friends) if the release is legitimately that large, or split it.";
        HubUnreachable = "hub-unreachable", Medium,
            "The Hugging Face Hub did not answer a request about this release.",
            "Facts that only the Hub knows (gating, the license tag, file hashes) are missing.",
            "Check the network, `HF_ENDPOINT`, proxies and `HF_TOKEN`; audit again.";
        HashMismatch = "hash-mismatch", High,
            "A file's content does not match the hash the Hub or its LFS pointer publishes.",
            "The bytes read are not the bytes published: a corrupt download or a tampered copy.",
            "Download the file again from the source and compare its sha256.";
        LinkNotFollowed = "link-not-followed", Info,
            "A repository or dataset the release links to was not read.",
            "Code or data published there is not part of the verdict.",
            "Audit without `--no-follow`, or audit the linked repository on its own.";
        MissingObject = "missing-object", Medium,
            "A git object the release's tree names is not in the clone (a partial or shallow copy).",
            "The file it holds was not read.",
            "Audit a complete clone, or let glassbox clone the repository itself.";
    }

    /// What the files of a release are: card metadata, configs, weight headers and shard
    /// indexes, data cards, gating.
    Artifact(ArtifactCode, "artifact") {
        InvalidCardMetadata = "invalid-card-metadata", Medium,
            "The model card's YAML front matter does not parse.",
            "The license, datasets and base model it declares are lost to every tool that reads it.",
            "Fix the YAML between the `---` lines at the top of README.md.";
        InvalidConfig = "invalid-config", Medium,
            "A `config.json` or similar configuration does not parse.",
            "The architecture cannot be read, and loaders will fail on it too.",
            "Fix the JSON.";
        InvalidIndex = "invalid-index", Medium,
            "A weight shard index (`*.index.json`) does not parse.",
            "The shards it lists cannot be checked, and loaders will fail on it too.",
            "Fix the index, or regenerate it with the tool that wrote the shards.";
        InvalidWeights = "invalid-weights", High,
            "A weight file's header does not parse as the format its name says.",
            "A file that is not what it claims cannot be loaded, and may hide something else.",
            "Re-export the weights with the format's own writer.";
        MissingShard = "missing-shard", High,
            "A shard the weight index lists is not in the release.",
            "The model cannot be loaded from what is published.",
            "Publish every shard the index names, or fix the index.";
        MissingDataCard = "missing-data-card", Low,
            "The training data is named but has no data card (datasheet) in reach.",
            "Frameworks grade data documentation separately from data availability.",
            "Publish a data card: sources, collection, filtering, licenses.";
        Gated = "gated", Info,
            "The release is gated: the Hub asks users to accept terms before download.",
            "Gated weights are not freely obtainable, whatever the license says.",
            "Remove the gate if the license allows anyone to download.";
    }

    /// A MOF claims record (`model.yml`) compared with what the release really ships.
    Claims(ClaimsCode, "claims") {
        ClaimsUnknownLicense = "claims-unknown-license", Low,
            "A MOF claims record names a license glassbox does not know.",
            "An unknown license cannot be graded, so the component counts as unlicensed.",
            "Use an SPDX id or a license name from the knowledge base (`glassbox license --list`).";
        ClaimsInvalid = "claims-invalid", High,
            "A MOF claims record does not validate against the MOF schema.",
            "A claim that does not validate is not evidence.",
            "Fix the record; `glassbox audit FILE --format mof` shows the expected shape.";
        ClaimFound = "claim-found", Info,
            "A component the claims record lists is in the release.",
            "The claim is backed by evidence.",
            "Nothing to do.";
        ClaimNotFound = "claim-not-found", Medium,
            "A component the claims record lists is not in the release.",
            "A claim without the component overstates the release's openness.",
            "Publish the component, link to where it is, or drop the claim.";
        ClaimMissing = "claim-missing", Low,
            "The release ships a component its claims record does not list.",
            "The record undersells the release; frameworks that read records miss it.",
            "Add the component to `model.yml`.";
        ClaimLicenseDiffers = "claim-license-differs", Medium,
            "A component's license in the claims record is not the license found in the release.",
            "Users relying on the record would accept terms that are not the real ones.",
            "Make the record name the license the release ships.";
    }

    /// License identification and scope: which license covers what, how it was found, and
    /// whether the texts agree.
    License(LicenseCode, "license") {
        LicenseConflict = "license-conflict", Medium,
            "Two sources in the release declare different licenses for the same thing.",
            "Users cannot tell which terms apply; the most restrictive one is used for the verdict.",
            "Make the card metadata, the LICENSE file and the README say the same.";
        LicenseModified = "license-modified", Medium,
            "A license text differs from the standard text in substance (not only in layout).",
            "A modified license is a different license: its terms must be read, not assumed.",
            "Ship the unmodified standard text, or name the changed license as your own.";
        LicenseClause = "license-clause", Medium,
            "A license text carries a clause that restricts use (field of use, user count, naming).",
            "Restrictive clauses make weights restricted rather than open.",
            "If the restriction is not intended, use a standard open license.";
        LicenseScope = "license-scope", Info,
            "A license statement covers only part of the release (code, weights or data).",
            "A license for the code is not a license for the weights.",
            "State the license of each component: code, weights, data.";
        LicenseSplit = "license-split", Info,
            "Different components of the release are under different licenses.",
            "Each component is graded by its own license.",
            "Nothing to fix if intended; state it plainly in the card.";
        LicenseThirdParty = "license-third-party", Info,
            "A license file belongs to third-party code bundled with the release.",
            "It does not license the release itself.",
            "Keep it; make sure the release's own license is stated too.";
        LicenseUnreadable = "license-unreadable", Medium,
            "A license file could not be read as text (binary, unknown encoding, a broken PDF).",
            "An unread license cannot be identified.",
            "Ship the license as plain UTF-8 text.";
        LicenseUnverified = "license-unverified", Low,
            "A license is declared (a tag, a name) but its text is not in the release.",
            "Without the text, what the declaration means rests on the name alone.",
            "Ship the license text in a LICENSE file.";
        Lineage = "lineage", Info,
            "The release derives from a base model whose license binds it.",
            "A derivative inherits its base model's terms (naming, use restrictions, notices).",
            "Ship the base model's license and follow its terms.";
    }

    /// Integrity of weight files against published hashes (`--verify`, `glassbox hash`).
    Integrity(IntegrityCode, "integrity") {
        IntegrityMismatch = "integrity-mismatch", High,
            "A weight file's sha256 differs from the published one.",
            "The file is not the one published: corrupted, replaced or tampered with.",
            "Download it again from the source; do not load it until the hashes agree.";
        IntegrityUnverifiable = "integrity-unverifiable", Medium,
            "A weight file has no published hash to compare with.",
            "Nobody can check that the copy they have is the one released.",
            "Publish sha256 hashes (LFS does this on the Hub; otherwise `glassbox hash`).";
        IntegrityVerified = "integrity-verified", Info,
            "A weight file's sha256 matches the published one.",
            "The copy read is the copy published.",
            "Nothing to do.";
    }

    /// The serialisation-safety scan of weight and container files: pickles, archives,
    /// GGUF, ONNX, Keras, TensorFlow, templates.
    Scan(ScanCode, "scan") {
        UnsafeGlobal = "unsafe-global", Critical,
            "A pickle imports a callable that can run code when the file is loaded (`os.system`, `eval`, `subprocess`, …).",
            "Loading the file with `torch.load` or `pickle.load` runs that code.",
            "Do not load it. Publish weights as safetensors or GGUF.";
        UnknownGlobal = "unknown-global", Medium,
            "A pickle imports a callable that is neither known safe nor known dangerous.",
            "Unknown callables may run code when the file is loaded.",
            "Review the import; prefer safetensors, which imports nothing.";
        AllowlistedGlobal = "allowlisted-global", Info,
            "A pickle imports a callable known to be safe (tensor rebuilding, collections).",
            "Nothing runs beyond building tensors.",
            "Nothing to do; safetensors still avoids pickle altogether.";
        UnresolvedGlobal = "unresolved-global", High,
            "A pickle imports a callable whose name is computed at load time (`STACK_GLOBAL` on values not seen).",
            "A computed name can hide any import from scanners.",
            "Do not load it; re-export the weights as safetensors.";
        ExtensionGlobal = "extension-global", High,
            "A pickle imports through the copyreg extension registry (`EXT1/2/4`).",
            "Extension codes hide which callable is imported.",
            "Do not load it; re-export the weights as safetensors.";
        AttributeLaundering = "attribute-laundering", High,
            "A pickle builds an attribute onto an imported callable (`BUILD` on a global).",
            "This is a known way to smuggle a dangerous call past allowlists.",
            "Do not load it; re-export the weights as safetensors.";
        FrameDifferential = "frame-differential", High,
            "A pickle's protocol-4 frames disagree with its opcodes.",
            "Loaders and scanners may read different things from the same bytes.",
            "Do not load it; re-export the weights.";
        NestedPickle = "nested-pickle", Medium,
            "A pickle carries another pickle inside it (as bytes loaded later).",
            "The inner pickle runs when the outer one is loaded and unpacked.",
            "Review what loads the inner pickle; prefer safetensors.";
        TrailingData = "trailing-data", Medium,
            "Bytes follow the end of a pickle (`STOP`).",
            "Some loaders read them as a second pickle; scanners may not.",
            "Re-export the file so it ends at its last opcode.";
        StructuralAnomaly = "structural-anomaly", Medium,
            "A file's structure is unusual in a way loaders tolerate but scanners may not (a misplaced protocol header, …).",
            "Unusual structure is how scanner evasion starts.",
            "Re-export the file with its format's standard writer.";
        ScanLimit = "scan-limit", Medium,
            "The scan stopped at a bound (opcodes, members, depth, bytes); the rest was not checked.",
            "What lies past the bound is not checked.",
            "Split very large containers, or review the remainder by hand.";
        UnscannableFile = "unscannable-file", High,
            "A file could not be scanned fully (unreadable, truncated, an unknown container).",
            "An unscanned weight file may hold anything.",
            "Fix or re-export the file; publish safetensors or GGUF.";
        UnscannableArchive = "unscannable-archive", High,
            "An archive inside the release could not be opened to scan its members.",
            "Its members may hold pickles that run code.",
            "Ship plain files or a standard zip/tar.";
        ZipBomb = "zip-bomb", High,
            "A container decompresses to far more than its size (ratio or total past the bound).",
            "Opening it can exhaust memory or disk.",
            "Do not extract it; ship uncompressed weights.";
        ZipTamper = "zip-tamper", High,
            "A zip's local headers and central directory disagree.",
            "Different tools will read different files from the same archive.",
            "Re-create the archive with a standard tool.";
        ZipNameMismatch = "zip-name-mismatch", High,
            "A zip member's name differs between its local header and the central directory.",
            "A scanner and a loader can be shown different files.",
            "Re-create the archive with a standard tool.";
        ZipDuplicateName = "zip-duplicate-name", High,
            "Two zip members have the same name.",
            "Which one a loader takes depends on the loader: a scanner may check the other.",
            "Re-create the archive with unique names.";
        Polyglot = "polyglot", High,
            "A file is valid as two formats at once (a zip that is also a pickle, …).",
            "A scanner may check one reading while the loader uses the other.",
            "Re-export the file in one format.";
        OnnxExternalDataEscape = "onnx-external-data-escape", High,
            "An ONNX model's external-data path leaves the model's folder.",
            "Loading the model reads files from elsewhere on the machine.",
            "Keep external data files beside the model, with relative names.";
        OnnxCustomDomain = "onnx-custom-domain", Medium,
            "An ONNX model uses operators from a custom domain.",
            "Custom operators run native code that ships outside the model.",
            "Review the custom operator library before loading.";
        LfsPointer = "lfs-pointer", Info,
            "A weight file is a Git LFS pointer, not the weights.",
            "The bytes were not downloaded, so they were not scanned.",
            "Fetch the LFS objects (`git lfs pull`) or audit with `--download`.";
        KerasLambda = "keras-lambda", High,
            "A Keras model has a `Lambda` layer, which stores Python code.",
            "Loading the model runs that code.",
            "Replace Lambda layers with built-in or registered layers.";
        KerasCustomModule = "keras-custom-module", High,
            "A Keras model names a custom Python module or function to import when it loads.",
            "Loading the model imports and runs that module.",
            "Use built-in layers, or ship the module's source for review.";
        TfRiskyOp = "tf-risky-op", High,
            "A TensorFlow graph uses an operation that reads or writes files or runs code (`ReadFile`, `PyFunc`, …).",
            "Running the graph does more than compute.",
            "Remove the operation, or publish the weights in a data-only format.";
        GgufTensorLayout = "gguf-tensor-layout", High,
            "A GGUF file's tensors overlap or lie outside the file.",
            "Loaders may read memory or data they should not.",
            "Re-export the GGUF with llama.cpp's writer.";
        GgufDuplicateKey = "gguf-duplicate-key", Medium,
            "A GGUF metadata key appears twice.",
            "Tools disagree on which value counts (a chat template, for one).",
            "Re-export the GGUF with unique keys.";
        ShardIndex = "shard-index", Medium,
            "A safetensors shard index disagrees with its shards (a tensor in the wrong shard, a missing or extra tensor).",
            "Loaders fail, or load a different model than the index describes.",
            "Regenerate the index with the tool that wrote the shards.";
        TemplateDunder = "template-dunder", High,
            "A chat template (Jinja) reaches Python internals (`__class__`, `__globals__`, …).",
            "Rendering the template in an unsandboxed engine runs code.",
            "Use a plain template; render templates in a sandbox.";
        TemplateAttrFilter = "template-attr-filter", High,
            "A chat template uses Jinja's `attr` filter, which reads arbitrary attributes.",
            "It is the way around sandboxes that filter `.` and `[]` (CVE-2025-27516 class).",
            "Remove the filter; templates need no attribute access by name.";
        TemplateGadget = "template-gadget", High,
            "A chat template calls a Jinja global known as a sandbox-escape gadget (`cycler`, `joiner`, `namespace`, …).",
            "Those globals lead from the template to Python objects.",
            "Remove the call; chat templates need none of them.";
        TemplateBuiltName = "template-built-name", High,
            "A chat template builds a name from pieces (`'__' ~ 'class__'`, escapes) so filters cannot see it.",
            "Only evasion needs to hide a name.",
            "Write names plainly, or better, drop them.";
        TemplateInvisibleChar = "template-invisible-char", Medium,
            "A chat template holds an invisible or bidirectional-override character.",
            "What a reviewer sees is not what the engine renders.",
            "Remove the character.";
    }
}

impl Code {
    /// Whether the code is about serialisation safety or integrity rather than openness:
    /// the scanner's codes, integrity checks, hashes that disagree, paths that escape.
    pub fn is_security(self) -> bool {
        matches!(self.area(), Area::Scan | Area::Integrity)
            || self == SourceCode::HashMismatch
            || self == SourceCode::UnsafePath
    }

    /// The code with this id.
    pub fn from_id(id: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.id() == id)
    }
}

/// An id that names no code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCode(pub String);

impl std::fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown finding code `{}`", self.0)
    }
}

impl std::error::Error for UnknownCode {}

impl std::str::FromStr for Code {
    type Err = UnknownCode;
    fn from_str(s: &str) -> Result<Code, UnknownCode> {
        Code::from_id(s).ok_or_else(|| UnknownCode(s.to_string()))
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.id() == other
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.id() == *other
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

impl<'de> serde::Deserialize<'de> for Code {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Code, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// `docs/findings.md`: every code by area, as `glassbox explain` prints it.
pub fn markdown() -> String {
    let mut out = String::from(
        "# Finding codes\n\n\
         <!-- Generated from crates/glassbox-core/src/codes.rs by \
         `cargo test -p glassbox-core --test findings_doc` with GLASSBOX_BLESS=1; do not edit. -->\n\n\
         Every finding glassbox reports has one of these codes: the `kind` of a finding in the \
         JSON report, the `ruleId` in SARIF. `glassbox explain CODE` prints one entry. The \
         severity is the usual one; a finding may carry another (a limit matters more on a \
         weight file than on a notebook).\n",
    );
    for area in Area::ALL {
        out.push_str(&format!(
            "\n## {} (`{}`)\n\n{}\n",
            capitalised(area.id()),
            area.id(),
            area.description()
        ));
        out.push_str("\n| code | severity | what |\n|---|---|---|\n");
        for c in Code::ALL.iter().filter(|c| c.area() == *area) {
            out.push_str(&format!(
                "| [`{id}`](#{id}) | {} | {} |\n",
                c.default_severity().as_str(),
                c.description(),
                id = c.id()
            ));
        }
        for c in Code::ALL.iter().filter(|c| c.area() == *area) {
            out.push_str(&format!(
                "\n### `{}`\n\n{}\n\n**Why it matters.** {}\n\n**How to fix.** {}\n",
                c.id(),
                c.description(),
                c.why(),
                c.fix()
            ));
        }
    }
    out
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_kebab_case_and_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for c in Code::ALL {
            let id = c.id();
            assert!(seen.insert(id), "{id} twice");
            assert!(
                !id.is_empty()
                    && id.split('-').all(|w| !w.is_empty()
                        && w.bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())),
                "{id} is not kebab-case"
            );
            assert_eq!(id.parse::<Code>(), Ok(*c));
            let json = serde_json::to_string(c).unwrap();
            assert_eq!(json, format!("\"{id}\""));
            assert_eq!(serde_json::from_str::<Code>(&json).unwrap(), *c);
        }
        assert!("no-such-code".parse::<Code>().is_err());
        assert!(serde_json::from_str::<Code>("\"no-such-code\"").is_err());
    }

    #[test]
    fn every_code_says_what_why_and_how() {
        for c in Code::ALL {
            for (what, text) in [
                ("description", c.description()),
                ("why", c.why()),
                ("fix", c.fix()),
            ] {
                assert!(
                    text.ends_with('.'),
                    "{c}: {what} is not a sentence: {text:?}"
                );
            }
        }
        for a in Area::ALL {
            assert!(!a.description().is_empty(), "{a:?}");
            assert!(
                Code::ALL.iter().any(|c| c.area() == *a),
                "{a:?} has no code"
            );
        }
    }
}
