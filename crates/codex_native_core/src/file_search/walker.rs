//! The directory walk shared by the searches: ripgrep's defaults, run in parallel, with a time
//! budget. Unreadable entries are skipped silently, like `rg --no-messages`.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use ignore::overrides::OverrideBuilder;
use ignore::{
    DirEntry, ParallelVisitor, ParallelVisitorBuilder, WalkBuilder, WalkParallel, WalkState,
};

use super::FileSearchError;

/// Worker threads for walking and searching; more than a dozen only adds contention on the
/// file system.
pub(crate) fn worker_count() -> usize {
    std::thread::available_parallelism()
        .map_or(2, |count| count.get())
        .min(12)
}

/// Fails like Codex's `grep_files` when the root does not exist or cannot be inspected.
pub(crate) fn check_root(root: &Path) -> Result<(), FileSearchError> {
    std::fs::metadata(root)
        .map(|_| ())
        .map_err(|source| FileSearchError::RootNotAccessible {
            path: root.to_path_buf(),
            source,
        })
}

/// A walker over `root` with ripgrep's default filters. `include` is a `--glob`: globs with a
/// slash are matched relative to `glob_base` (ripgrep's current directory).
pub(crate) fn parallel_walker(
    root: &Path,
    include: Option<&str>,
    glob_base: &Path,
    threads: usize,
) -> Result<WalkParallel, FileSearchError> {
    let mut builder = WalkBuilder::new(root);
    builder
        .threads(threads)
        .add_custom_ignore_filename(".rgignore");
    if let Some(glob) = include {
        let invalid = |error: ignore::Error| FileSearchError::InvalidGlob {
            glob: glob.to_string(),
            message: error.to_string(),
        };
        let mut overrides = OverrideBuilder::new(glob_base);
        overrides.add(glob).map_err(invalid)?;
        builder.overrides(overrides.build().map_err(invalid)?);
    }
    Ok(builder.build_parallel())
}

/// An optional point in time after which a search gives up.
pub(crate) struct Deadline {
    budget: Option<(Instant, Duration)>,
}

impl Deadline {
    pub(crate) fn after(timeout: Option<Duration>) -> Self {
        Deadline {
            budget: timeout.map(|duration| (Instant::now() + duration, duration)),
        }
    }

    pub(crate) fn expired(&self) -> bool {
        self.budget.is_some_and(|(at, _)| Instant::now() >= at)
    }

    pub(crate) fn error(&self) -> FileSearchError {
        FileSearchError::TimedOut(self.budget.map_or(Duration::ZERO, |(_, duration)| duration))
    }
}

/// Walks in parallel and keeps what `select` returns for each entry (in no particular order).
pub(crate) fn collect_parallel<T, F>(
    walker: WalkParallel,
    deadline: &Deadline,
    select: F,
) -> Result<Vec<T>, FileSearchError>
where
    T: Send,
    F: Fn(&DirEntry) -> Option<T> + Sync,
{
    let shared = Mutex::new(Vec::new());
    let timed_out = AtomicBool::new(false);
    let mut builder = CollectorBuilder {
        shared: &shared,
        select: &select,
        deadline,
        timed_out: &timed_out,
    };
    walker.visit(&mut builder);
    if timed_out.load(Ordering::Relaxed) {
        return Err(deadline.error());
    }
    Ok(shared
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner()))
}

struct CollectorBuilder<'a, T, F> {
    shared: &'a Mutex<Vec<T>>,
    select: &'a F,
    deadline: &'a Deadline,
    timed_out: &'a AtomicBool,
}

impl<'a, T, F> ParallelVisitorBuilder<'a> for CollectorBuilder<'a, T, F>
where
    T: Send,
    F: Fn(&DirEntry) -> Option<T> + Sync,
{
    fn build(&mut self) -> Box<dyn ParallelVisitor + 'a> {
        Box::new(Collector {
            found: Vec::new(),
            shared: self.shared,
            select: self.select,
            deadline: self.deadline,
            timed_out: self.timed_out,
        })
    }
}

/// One walker thread's findings; merged into the shared list once, when the thread ends.
struct Collector<'a, T, F> {
    found: Vec<T>,
    shared: &'a Mutex<Vec<T>>,
    select: &'a F,
    deadline: &'a Deadline,
    timed_out: &'a AtomicBool,
}

impl<T, F> ParallelVisitor for Collector<'_, T, F>
where
    T: Send,
    F: Fn(&DirEntry) -> Option<T> + Sync,
{
    fn visit(&mut self, entry: Result<DirEntry, ignore::Error>) -> WalkState {
        if self.deadline.expired() {
            self.timed_out.store(true, Ordering::Relaxed);
            return WalkState::Quit;
        }
        if let Ok(entry) = entry {
            if let Some(value) = (self.select)(&entry) {
                self.found.push(value);
            }
        }
        WalkState::Continue
    }
}

impl<T, F> Drop for Collector<'_, T, F> {
    fn drop(&mut self) {
        let mut shared = self
            .shared
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        shared.append(&mut self.found);
    }
}

/// True for what ripgrep searches: regular files found by the walk, and anything that is not a
/// directory when the user named it explicitly (depth 0), symlinks included.
pub(crate) fn is_searchable(entry: &DirEntry) -> bool {
    if entry.depth() == 0 {
        return !entry.path().is_dir();
    }
    entry
        .file_type()
        .is_some_and(|file_type| file_type.is_file())
}
