//! One module per subcommand.

pub mod audit;
pub mod badge;
pub mod hash;
pub mod license;
pub mod render;
pub mod scan;
