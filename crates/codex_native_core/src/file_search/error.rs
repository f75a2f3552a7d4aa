use std::path::PathBuf;
use std::time::Duration;

/// Why a search could not run. Everything but `TimedOut` is caused by the caller's input.
#[derive(Debug, thiserror::Error)]
pub enum FileSearchError {
    /// The regular expression does not parse; the message is the regex engine's.
    #[error("{0}")]
    InvalidPattern(String),
    #[error("invalid glob `{glob}`: {message}")]
    InvalidGlob { glob: String, message: String },
    /// The root does not exist or cannot be read (worded as Codex words it).
    #[error("unable to access `{}`: {source}", path.display())]
    RootNotAccessible {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("search timed out after {} seconds", .0.as_secs_f64())]
    TimedOut(Duration),
}

impl FileSearchError {
    /// True for errors caused by the arguments (as opposed to the time budget running out).
    pub fn is_invalid_input(&self) -> bool {
        !matches!(self, FileSearchError::TimedOut(_))
    }
}
