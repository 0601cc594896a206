//! glassbox-detect
