//! N-API surface of `codex_native_core::file_search`. Searches run as async work on libuv's
//! thread pool (no tokio runtime), so the event loop stays free while the disk is walked. The
//! entry points only move their options into a task; `compute` holds the panic guard.

use std::path::PathBuf;
use std::time::Duration;

use codex_native_core::file_search::{
    grep_files, list_files, FileSearchError, GrepOptions, ListOptions,
};
use napi::bindgen_prelude::AsyncTask;
use napi::{Env, Error, Result, Status, Task};
use napi_derive::napi;

use super::panic_guard::contain_panic;

/// Options of `grepFiles`.
#[napi(object)]
pub struct BindingGrepFilesOptions {
    /// Directory or file to search.
    pub root: String,
    /// Regular expression (ripgrep syntax).
    pub pattern: String,
    /// A ripgrep `--glob` limiting the files searched.
    pub include: Option<String>,
    /// Directory that globs with a slash are relative to (ripgrep's cwd); defaults to `root`.
    pub glob_base: Option<String>,
    /// Maximum number of paths returned.
    pub limit: u32,
    /// Time budget in milliseconds; none when absent.
    pub timeout_ms: Option<u32>,
}

/// Options of `listFiles`.
#[napi(object)]
pub struct BindingListFilesOptions {
    /// Directory or file to list.
    pub root: String,
    /// A ripgrep `--glob` limiting the files listed.
    pub include: Option<String>,
    /// Directory that globs with a slash are relative to; defaults to `root`.
    pub glob_base: Option<String>,
    /// Maximum number of paths returned.
    pub limit: Option<u32>,
    /// Time budget in milliseconds; none when absent.
    pub timeout_ms: Option<u32>,
}

// Bad input rejects with code `InvalidArg`, a spent time budget with `Cancelled`.
fn to_napi_error(error: FileSearchError) -> Error {
    let status = if error.is_invalid_input() {
        Status::InvalidArg
    } else {
        Status::Cancelled
    };
    Error::new(status, error.to_string())
}

// JavaScript strings cannot hold non-UTF-8 paths; like Codex's grep_files, such paths are dropped.
fn into_strings(paths: Vec<PathBuf>) -> Vec<String> {
    paths
        .into_iter()
        .filter_map(|path| path.into_os_string().into_string().ok())
        .collect()
}

fn timeout(milliseconds: Option<u32>) -> Option<Duration> {
    milliseconds.map(|value| Duration::from_millis(u64::from(value)))
}

pub struct GrepFilesTask(GrepOptions);

impl Task for GrepFilesTask {
    type Output = Vec<String>;
    type JsValue = Vec<String>;

    fn compute(&mut self) -> Result<Self::Output> {
        contain_panic("grepFilesAsync", || {
            grep_files(&self.0).map(into_strings).map_err(to_napi_error)
        })
    }

    fn resolve(&mut self, _env: Env, output: Self::Output) -> Result<Self::JsValue> {
        Ok(output)
    }
}

pub struct ListFilesTask(ListOptions);

impl Task for ListFilesTask {
    type Output = Vec<String>;
    type JsValue = Vec<String>;

    fn compute(&mut self) -> Result<Self::Output> {
        contain_panic("listFilesAsync", || {
            list_files(&self.0).map(into_strings).map_err(to_napi_error)
        })
    }

    fn resolve(&mut self, _env: Env, output: Self::Output) -> Result<Self::JsValue> {
        Ok(output)
    }
}

/// Files under `root` whose contents match `pattern`, newest first (`rg --files-with-matches
/// --sortr=modified`), honouring ignore files and skipping hidden and binary files.
#[napi(ts_return_type = "Promise<Array<string>>")]
pub fn grep_files_async(options: BindingGrepFilesOptions) -> AsyncTask<GrepFilesTask> {
    AsyncTask::new(GrepFilesTask(GrepOptions {
        root: PathBuf::from(options.root),
        pattern: options.pattern,
        include: options.include,
        glob_base: options.glob_base.map(PathBuf::from),
        limit: options.limit as usize,
        timeout: timeout(options.timeout_ms),
    }))
}

/// Files under `root` that ripgrep would search (`rg --files`), sorted by path.
#[napi(ts_return_type = "Promise<Array<string>>")]
pub fn list_files_async(options: BindingListFilesOptions) -> AsyncTask<ListFilesTask> {
    AsyncTask::new(ListFilesTask(ListOptions {
        root: PathBuf::from(options.root),
        include: options.include,
        glob_base: options.glob_base.map(PathBuf::from),
        limit: options.limit.map(|value| value as usize),
        timeout: timeout(options.timeout_ms),
    }))
}
