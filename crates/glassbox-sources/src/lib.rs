//! glassbox-sources
