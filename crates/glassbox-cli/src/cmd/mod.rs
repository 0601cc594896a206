//! One module per subcommand.

pub mod audit;
pub mod license;
pub mod hash;
pub mod scan;
