//! glassbox-scan
