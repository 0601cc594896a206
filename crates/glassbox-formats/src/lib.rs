//! Pure, bounded parsers: bytes in, typed facts out. Nothing here opens files or executes
//! anything from a release; every length read from input is checked against a limit before it
//! is used to allocate.

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
