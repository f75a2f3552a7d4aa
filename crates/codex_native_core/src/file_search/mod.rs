//! File search with ripgrep's defaults: `.gitignore` (inside git repositories), `.ignore` and
//! `.rgignore` files are honoured, hidden files are skipped, symlinks are not followed.
//!
//! [`grep_files`] answers `rg --files-with-matches --sortr=modified` (the `grep_files` tool);
//! [`list_files`] answers `rg --files`. Both walk in parallel with ripgrep's own crates.

mod error;
mod grep;
mod list;
mod walker;

pub use error::FileSearchError;
pub use grep::{grep_files, GrepOptions};
pub use list::{list_files, ListOptions};

#[cfg(test)]
mod tests;
