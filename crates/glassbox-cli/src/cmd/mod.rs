//! One module per subcommand.

pub mod audit;
pub mod hash;
pub mod license;
pub mod scan;
