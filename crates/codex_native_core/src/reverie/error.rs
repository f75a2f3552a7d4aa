use std::path::PathBuf;

/// Why a reverie call failed.
#[derive(Debug, thiserror::Error)]
pub enum ReverieError {
    /// The query holds no searchable word.
    #[error("the query has no searchable words (letters or digits)")]
    EmptyQuery,
    /// The rollout file given to `conversation_insights` cannot be opened or read.
    #[error("cannot read `{}`: {source}", path.display())]
    Unreadable {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl ReverieError {
    /// True for errors caused by the arguments.
    pub fn is_invalid_input(&self) -> bool {
        matches!(self, ReverieError::EmptyQuery)
    }
}
