//! The exit codes of policyc, named once (DESIGN.md §4).

/// Success (for `diff`: no material change).
pub const SUCCESS: u8 = 0;
/// Findings: lint errors, a material change, a missing notice.
pub const FINDINGS: u8 = 1;
/// Bad input or usage; the message on stderr names the file, line and column.
pub const BAD_INPUT: u8 = 2;
