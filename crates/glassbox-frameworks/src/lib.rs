//! glassbox-frameworks
