//! Pure, bounded parsers: bytes in, typed facts out. Nothing here opens files or executes
//! anything from a release; every length read from input is checked against a limit before it
//! is used to allocate.
//!
//! ```
//! // A Git LFS pointer: the weights are elsewhere, and the pointer says what they hash to.
//! let ptr = glassbox_formats::lfs::parse_pointer(
//!     b"version https://git-lfs.github.com/spec/v1\n\
//!       oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\n\
//!       size 12345\n",
//! )
//! .expect("an LFS pointer");
//! assert_eq!(ptr.size, 12345);
//! ```

#![warn(missing_docs)]

pub mod card;
pub mod config;
pub mod error;
pub mod gguf;
pub mod gitmodules;
pub mod keras;
pub mod lfs;
pub mod numpy;
pub mod onnx;
pub mod pdf;
pub mod pickle;
pub mod pytorch;
pub mod safetensors;
pub mod yaml;
pub mod zip;

pub use error::FormatError;
