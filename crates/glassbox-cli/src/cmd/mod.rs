//! One module per subcommand.

pub mod audit;
pub mod badge;
pub mod check;
pub mod hash;
pub mod init;
pub mod license;
pub mod render;
pub mod scan;
pub mod sources;
