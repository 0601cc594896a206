//! Errors every parser returns: what is wrong, in words a user can act on.

/// A parse failure. The caller adds the file name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    /// The input ended before a structure was complete.
    #[error("truncated: {0}")]
    Truncated(String),
    /// A length or count in the input exceeds a limit glassbox enforces.
    #[error("{what} is {value} bytes, over the limit of {limit}")]
    TooLarge {
        /// What was too large.
        what: String,
        /// The value read from the input.
        value: u64,
        /// The limit.
        limit: u64,
    },
    /// The input is not what it claims to be.
    #[error("invalid: {0}")]
    Invalid(String),
}
