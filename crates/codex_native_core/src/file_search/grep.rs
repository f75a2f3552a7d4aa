//! `rg --files-with-matches --sortr=modified`: files whose contents match a regex, newest first.
//!
//! Like ripgrep, every candidate file is collected and sorted by modification time before any
//! search, so the answer is the first `limit` matching files in that order. That order lets the
//! search stop early without losing correctness: workers claim candidates in sorted order, so
//! once `limit` matches are found the claimed candidates form a prefix of the order that holds at
//! least `limit` matches, and no unclaimed (older) file can displace them.

use std::cmp::Ordering as CmpOrdering;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use grep_regex::{RegexMatcher, RegexMatcherBuilder};
use grep_searcher::{BinaryDetection, Searcher, SearcherBuilder, Sink, SinkMatch};

use super::walker::{
    check_root, collect_parallel, is_searchable, parallel_walker, worker_count, Deadline,
};
use super::FileSearchError;

/// What to search for.
#[derive(Debug, Clone)]
pub struct GrepOptions {
    /// Directory (or single file) to search.
    pub root: PathBuf,
    /// Regular expression (ripgrep syntax); it never matches across lines.
    pub pattern: String,
    /// A ripgrep `--glob` limiting the files searched (`*.rs`, `*.{ts,tsx}`, `!vendor/**`).
    pub include: Option<String>,
    /// Directory that globs containing a slash are relative to; defaults to `root`.
    pub glob_base: Option<PathBuf>,
    /// Return at most this many paths.
    pub limit: usize,
    /// Give up with [`FileSearchError::TimedOut`] after this long.
    pub timeout: Option<Duration>,
}

struct Candidate {
    path: PathBuf,
    modified: Option<SystemTime>,
    /// Named by the caller rather than found by the walk: searched even if binary.
    explicit: bool,
}

/// Paths of the files under `options.root` whose contents match `options.pattern`, most recently
/// modified first (ties by path), at most `options.limit` of them. Binary files found by the walk
/// are skipped; unreadable files count as not matching.
pub fn grep_files(options: &GrepOptions) -> Result<Vec<PathBuf>, FileSearchError> {
    check_root(&options.root)?;
    let matcher = build_matcher(&options.pattern)?;
    let glob_base = options.glob_base.as_deref().unwrap_or(&options.root);
    let threads = worker_count();
    let walker = parallel_walker(
        &options.root,
        options.include.as_deref(),
        glob_base,
        threads,
    )?;
    if options.limit == 0 {
        return Ok(Vec::new());
    }
    let deadline = Deadline::after(options.timeout);
    let mut candidates = collect_parallel(walker, &deadline, |entry| {
        is_searchable(entry).then(|| Candidate {
            path: entry.path().to_path_buf(),
            // Follows symlinks, as ripgrep's sort does.
            modified: std::fs::metadata(entry.path())
                .and_then(|metadata| metadata.modified())
                .ok(),
            explicit: entry.depth() == 0,
        })
    })?;
    candidates.sort_unstable_by(newest_first);
    let matched = search_in_order(&candidates, &matcher, options.limit, threads, &deadline)?;
    Ok(matched
        .into_iter()
        .map(|index| candidates[index].path.clone())
        .collect())
}

/// ripgrep's matcher settings: a line terminator, so patterns cannot span lines.
fn build_matcher(pattern: &str) -> Result<RegexMatcher, FileSearchError> {
    RegexMatcherBuilder::new()
        .line_terminator(Some(b'\n'))
        .build(pattern)
        .map_err(|error| FileSearchError::InvalidPattern(error.to_string()))
}

/// Newest first; files without a readable time last; ties by path so results are stable.
fn newest_first(left: &Candidate, right: &Candidate) -> CmpOrdering {
    let by_time = match (left.modified, right.modified) {
        (Some(left_time), Some(right_time)) => right_time.cmp(&left_time),
        (Some(_), None) => CmpOrdering::Less,
        (None, Some(_)) => CmpOrdering::Greater,
        (None, None) => CmpOrdering::Equal,
    };
    by_time.then_with(|| left.path.cmp(&right.path))
}

/// Indices (in order) of the first `limit` candidates that match.
fn search_in_order(
    candidates: &[Candidate],
    matcher: &RegexMatcher,
    limit: usize,
    threads: usize,
    deadline: &Deadline,
) -> Result<Vec<usize>, FileSearchError> {
    let next = AtomicUsize::new(0);
    let found = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let timed_out = AtomicBool::new(false);
    let matched = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..threads.clamp(1, candidates.len().max(1)) {
            scope.spawn(|| {
                let mut walked_searcher = searcher(BinaryDetection::quit(b'\x00'));
                let mut local = Vec::new();
                while !stop.load(Ordering::Acquire) {
                    if deadline.expired() {
                        timed_out.store(true, Ordering::Relaxed);
                        stop.store(true, Ordering::Release);
                        break;
                    }
                    let index = next.fetch_add(1, Ordering::AcqRel);
                    let Some(candidate) = candidates.get(index) else {
                        break;
                    };
                    let is_match = if candidate.explicit {
                        // ripgrep searches files named explicitly even when they look binary.
                        file_matches(
                            &mut searcher(BinaryDetection::convert(b'\x00')),
                            matcher,
                            &candidate.path,
                        )
                    } else {
                        file_matches(&mut walked_searcher, matcher, &candidate.path)
                    };
                    if is_match {
                        local.push(index);
                        if found.fetch_add(1, Ordering::AcqRel) + 1 >= limit {
                            stop.store(true, Ordering::Release);
                        }
                    }
                }
                matched
                    .lock()
                    .unwrap_or_else(|poisoned| poisoned.into_inner())
                    .append(&mut local);
            });
        }
    });
    if timed_out.load(Ordering::Relaxed) {
        return Err(deadline.error());
    }
    let mut matched = matched
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    matched.sort_unstable();
    matched.truncate(limit);
    Ok(matched)
}

fn searcher(binary_detection: BinaryDetection) -> Searcher {
    SearcherBuilder::new()
        .binary_detection(binary_detection)
        .line_number(false)
        .build()
}

fn file_matches(searcher: &mut Searcher, matcher: &RegexMatcher, path: &Path) -> bool {
    let mut sink = FirstMatch { found: false };
    // A read error after the first match cannot happen (the sink stops there); before it, the
    // file counts as not matching, as with `rg --no-messages`.
    let _ = searcher.search_path(matcher, path, &mut sink);
    sink.found
}

/// Stops the search at the first matching line.
struct FirstMatch {
    found: bool,
}

impl Sink for FirstMatch {
    type Error = std::io::Error;

    fn matched(
        &mut self,
        _searcher: &Searcher,
        _match: &SinkMatch<'_>,
    ) -> Result<bool, Self::Error> {
        self.found = true;
        Ok(false)
    }
}
