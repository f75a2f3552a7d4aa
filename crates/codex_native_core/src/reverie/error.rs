use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};
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
    /// A bug: the scan panicked. Reported instead of unwinding into the caller (Node).
    #[error("reverie {operation} panicked: {message}")]
    Panicked {
        operation: &'static str,
        message: String,
    },
}

impl ReverieError {
    /// True for errors caused by the arguments.
    pub fn is_invalid_input(&self) -> bool {
        matches!(self, ReverieError::EmptyQuery)
    }
}

fn panic_message(payload: &(dyn Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|text| (*text).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_owned())
}

/// Runs `work`, turning a panic (in it or in a scanning thread it joined) into
/// `ReverieError::Panicked` for `operation`.
pub fn catch_panics<T>(
    operation: &'static str,
    work: impl FnOnce() -> Result<T, ReverieError>,
) -> Result<T, ReverieError> {
    catch_unwind(AssertUnwindSafe(work)).unwrap_or_else(|payload| {
        Err(ReverieError::Panicked {
            operation,
            message: panic_message(payload.as_ref()),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panics_become_errors_that_name_the_operation() {
        let error = catch_panics::<()>("search", || panic!("boom {}", 7)).unwrap_err();
        assert_eq!(error.to_string(), "reverie search panicked: boom 7");
        assert!(!error.is_invalid_input());
        let from_thread = catch_panics::<()>("insights", || {
            std::thread::scope(|scope| {
                let worker = scope.spawn(|| panic!("worker"));
                std::panic::resume_unwind(worker.join().unwrap_err())
            })
        })
        .unwrap_err();
        assert_eq!(from_thread.to_string(), "reverie insights panicked: worker");
    }
}
