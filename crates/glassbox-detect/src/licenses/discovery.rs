//! Which files of a release are licenses (issue #11 item 4): every file named like one
//! (`glassbox_core::classify::is_license_name`, any depth, PDFs read through
//! `glassbox_sources::pdf`), and every other text under 1 MB whose opening reads like a license
//! or policy to the knowledge base.

use glassbox_core::codes::LicenseCode;
use glassbox_licenses::Method;
use std::borrow::Cow;

use glassbox_core::{ArtifactKind, Finding, LicenseKind, Location, Severity};
use glassbox_core::{Release, ReleaseFile};
use glassbox_formats::pdf;
use glassbox_licenses::kb;

/// Texts larger than this are not sniffed for a license by content.
pub const MAX_SNIFF_SIZE: u64 = 1 << 20;
/// The opening of a text that is sniffed.
const OPENING: usize = 4_000;
/// Most files sniffed by content in one release (bounded time on huge documentation trees).
const MAX_SNIFFED: usize = 2_000;

/// How a license file was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FoundBy {
    /// Its name (or its folder) says it is a license (rule `license.file-name`).
    Name,
    /// Its opening reads like a license or policy (rule `license.file-content`).
    Content,
}

impl FoundBy {
    /// The rule id, as cited in the evidence.
    pub fn rule(self) -> &'static str {
        match self {
            FoundBy::Name => "license.file-name",
            FoundBy::Content => "license.file-content",
        }
    }
}

/// One license file and its text.
pub struct LicenseFile<'r> {
    /// The file.
    pub file: &'r ReleaseFile,
    /// Its text (extracted from the PDF for PDFs).
    pub text: Cow<'r, str>,
    /// How it was found.
    pub found_by: FoundBy,
}

impl LicenseFile<'_> {
    /// The path in the release.
    pub fn path(&self) -> &str {
        &self.file.artifact.path
    }
}

fn is_pdf_file(f: &ReleaseFile) -> bool {
    f.artifact.path.to_ascii_lowercase().ends_with(".pdf")
        || f.content.as_deref().is_some_and(pdf::is_pdf)
}

/// Whether a file that is not named like a license may be sniffed for one by content: a text
/// document or an extension-less file, not the card, small enough.
fn sniffable(f: &ReleaseFile) -> bool {
    let lower = f.artifact.path.to_ascii_lowercase();
    let name = lower.rsplit('/').next().unwrap_or(&lower);
    let kind_ok = match f.artifact.kind {
        ArtifactKind::Document => !name.ends_with(".pdf"),
        ArtifactKind::Other => !name.contains('.'),
        _ => false,
    };
    kind_ok
        && f.artifact.size < MAX_SNIFF_SIZE
        && f.content.as_deref().is_some_and(|c| !c.contains(&0))
        && !name.starts_with("readme")
        && !name.starts_with("changelog")
}

/// The opening of a text, cut at a character boundary.
fn opening(text: &str) -> &str {
    let mut end = text.len().min(OPENING);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The license files of a release, by path order. A license PDF that cannot be read is a
/// `license-unreadable` finding naming the file (and is left out).
pub fn license_files<'r>(
    release: &'r Release,
    findings: &mut Vec<Finding>,
) -> Vec<LicenseFile<'r>> {
    let mut out = Vec::new();
    let mut sniffed = 0usize;
    for f in &release.files {
        if f.artifact.kind == ArtifactKind::License {
            if is_pdf_file(f) {
                let Some(bytes) = f.content.as_deref() else {
                    continue;
                };
                let result = if f.content_truncated {
                    Err(format!(
                        "PDF larger than the {}-byte read limit; not parsed",
                        bytes.len()
                    ))
                } else {
                    pdf::text(bytes)
                };
                match result {
                    Ok(t) => out.push(LicenseFile {
                        file: f,
                        text: Cow::Owned(t),
                        found_by: FoundBy::Name,
                    }),
                    Err(why) => findings.push(Finding::new(
                        LicenseCode::LicenseUnreadable,
                        Severity::Medium,
                        format!(
                            "{} looks like a license file but its text cannot be read ({why}); review it by hand",
                            f.artifact.path
                        ),
                        Location::file(&f.artifact.path),
                    )),
                }
                continue;
            }
            if let Some(text) = f.text() {
                out.push(LicenseFile {
                    file: f,
                    text,
                    found_by: FoundBy::Name,
                });
            }
        } else if sniffable(f) && sniffed < MAX_SNIFFED {
            sniffed += 1;
            let Some(text) = f.text() else { continue };
            let id = kb().identify_text(opening(&text));
            // The opening must be license text, not a document that names a license in its
            // title or a notice (usage docs that link the model license, READMEs of demos).
            let text_match = !matches!(
                id.method,
                Method::TitlePhrase
                    | Method::NoticePhrase
                    | Method::SpdxId
                    | Method::CopyrightNotice
                    | Method::None
                    | Method::Empty
                    | Method::Binary
            );
            if matches!(id.kind, LicenseKind::License | LicenseKind::Policy) && text_match {
                out.push(LicenseFile {
                    file: f,
                    text,
                    found_by: FoundBy::Content,
                });
            }
        }
    }
    out
}
