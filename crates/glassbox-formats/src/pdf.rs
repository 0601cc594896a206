//! Text of PDF license files (`model_licenses/*.pdf`): extracted with `pdf-extract`, bounded in
//! input size, output size and time, and never panicking into the caller.

use std::sync::mpsc;
use std::time::Duration;

/// PDFs larger than this are not parsed (the source reads at most `max_text_bytes` anyway).
pub const MAX_PDF_BYTES: usize = 8 << 20;
/// Extracted text kept (a license is far shorter).
pub const MAX_TEXT_BYTES: usize = 1 << 20;
/// Time allowed for one PDF.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// Whether bytes look like a PDF (`%PDF-` near the start, as readers accept it).
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes
        .get(..1024.min(bytes.len()))
        .is_some_and(|h| h.windows(5).any(|w| w == b"%PDF-"))
}

/// The text of a PDF, or why it cannot be read (not a PDF, too large, encrypted, damaged,
/// too slow, or the extractor failed). The extraction runs on its own thread: a panic in the
/// extractor is an error here, and a PDF that takes longer than [`TIMEOUT`] is given up on.
pub fn text(bytes: &[u8]) -> Result<String, String> {
    if !is_pdf(bytes) {
        return Err("not a PDF (no %PDF- header)".into());
    }
    if bytes.len() > MAX_PDF_BYTES {
        return Err(format!("PDF larger than {MAX_PDF_BYTES} bytes; not parsed"));
    }
    let owned = bytes.to_vec();
    let (tx, rx) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("glassbox-pdf".into())
        .spawn(move || {
            let r = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem(&owned));
            let _ = tx.send(r);
        });
    if let Err(e) = spawned {
        return Err(format!("cannot start the PDF reader: {e}"));
    }
    match rx.recv_timeout(TIMEOUT) {
        Ok(Ok(Ok(mut s))) => {
            if s.len() > MAX_TEXT_BYTES {
                let mut cut = MAX_TEXT_BYTES;
                while !s.is_char_boundary(cut) {
                    cut -= 1;
                }
                s.truncate(cut);
            }
            if s.trim().is_empty() {
                Err("PDF holds no extractable text (scanned image?)".into())
            } else {
                Ok(s)
            }
        }
        Ok(Ok(Err(e))) => Err(format!("PDF cannot be read: {e}")),
        Ok(Err(_)) => Err("PDF cannot be read: the extractor failed on it".into()),
        Err(mpsc::RecvTimeoutError::Timeout) => Err(format!(
            "PDF not read within {} s; given up",
            TIMEOUT.as_secs()
        )),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            Err("PDF cannot be read: the extractor stopped".into())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal one-page PDF showing `line` in Helvetica, with a correct xref table.
    pub(crate) fn tiny_pdf(line: &str) -> Vec<u8> {
        let stream = format!("BT /F1 12 Tf 72 720 Td ({line}) Tj ET");
        let objs = [
            "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_string(),
            format!("<< /Length {} >>\nstream\n{stream}\nendstream", stream.len()),
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_string(),
        ];
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (i, o) in objs.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
        }
        let xref = out.len();
        out.extend_from_slice(
            format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes(),
        );
        for off in offsets {
            out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
                objs.len() + 1
            )
            .as_bytes(),
        );
        out
    }

    #[test]
    fn text_is_extracted() {
        let t = text(&tiny_pdf("Permission is hereby granted, free of charge")).unwrap();
        assert!(t.contains("Permission is hereby granted"), "{t:?}");
    }

    #[test]
    fn damaged_and_foreign_bytes_are_errors_not_panics() {
        assert!(text(b"hello").is_err());
        assert!(text(b"%PDF-1.7\n\x00\x01garbage").is_err());
        let mut cut = tiny_pdf("abc");
        cut.truncate(cut.len() / 2);
        assert!(text(&cut).is_err());
        assert!(text(&[]).is_err());
    }
}
