//! N-API surface of `codex_native_core::reverie`. Searches run as async work on libuv's thread
//! pool (the scan itself fans out over its own threads), so the event loop stays free. A panic
//! inside the scan rejects the promise with a `GenericFailure` instead of aborting Node.

use std::path::PathBuf;

use codex_native_core::reverie::{
    catch_panics, conversation_insights, search_conversations, ConversationHit, Excerpt,
    InsightsOptions, ReverieError, SearchOptions,
};
use napi::bindgen_prelude::AsyncTask;
use napi::{Env, Error, Result, Status, Task};
use napi_derive::napi;

/// A query-word occurrence in an excerpt, in UTF-16 code units (end exclusive).
#[napi(object)]
pub struct BindingReverieMatch {
    pub start: u32,
    pub end: u32,
}

/// A matching passage of one message.
#[napi(object)]
pub struct BindingReverieExcerpt {
    pub text: String,
    /// `user`, `agent` or `tool`.
    pub role: String,
    /// 1-based line number of the record in the rollout file.
    pub line: i64,
    /// Byte offset of that line.
    pub byte_offset: i64,
    pub timestamp: Option<String>,
    pub score: f64,
    pub matches: Vec<BindingReverieMatch>,
}

/// A conversation that matches the query.
#[napi(object)]
pub struct BindingReverieHit {
    pub path: String,
    pub score: f64,
    pub excerpts: Vec<BindingReverieExcerpt>,
}

fn to_binding_excerpt(excerpt: Excerpt) -> BindingReverieExcerpt {
    BindingReverieExcerpt {
        text: excerpt.text,
        role: excerpt.role.as_str().to_owned(),
        line: excerpt.line as i64,
        byte_offset: excerpt.byte_offset as i64,
        timestamp: excerpt.timestamp,
        score: excerpt.score,
        matches: excerpt
            .matches
            .into_iter()
            .map(|range| BindingReverieMatch {
                start: range.start,
                end: range.end,
            })
            .collect(),
    }
}

// JavaScript strings cannot hold non-UTF-8 paths; such files are dropped from the results.
fn to_binding_hit(hit: ConversationHit) -> Option<BindingReverieHit> {
    Some(BindingReverieHit {
        path: hit.path.into_os_string().into_string().ok()?,
        score: hit.score,
        excerpts: hit.excerpts.into_iter().map(to_binding_excerpt).collect(),
    })
}

// Bad input rejects with code `InvalidArg`; unreadable files and panics with `GenericFailure`.
fn to_napi_error(error: ReverieError) -> Error {
    let status = if error.is_invalid_input() {
        Status::InvalidArg
    } else {
        Status::GenericFailure
    };
    Error::new(status, error.to_string())
}

/// Search of every session under `codex_home`, panics caught (the async task's work).
pub fn reverie_search_impl(
    codex_home: PathBuf,
    query: &str,
    limit: usize,
    max_excerpts: usize,
) -> Result<Vec<BindingReverieHit>> {
    let options = SearchOptions {
        limit,
        max_excerpts,
    };
    let hits = catch_panics("search", || {
        search_conversations(&codex_home, query, &options)
    })
    .map_err(to_napi_error)?;
    Ok(hits.into_iter().filter_map(to_binding_hit).collect())
}

/// Ranked excerpts of the rollout at `path`.
pub fn reverie_insights_impl(
    path: PathBuf,
    query: &str,
    limit: usize,
) -> Result<Vec<BindingReverieExcerpt>> {
    let options = InsightsOptions { limit };
    let excerpts = catch_panics("insights", || conversation_insights(&path, query, &options))
        .map_err(to_napi_error)?;
    Ok(excerpts.into_iter().map(to_binding_excerpt).collect())
}

pub struct ReverieSearchTask {
    codex_home: PathBuf,
    query: String,
    limit: usize,
    max_excerpts: usize,
}

impl Task for ReverieSearchTask {
    type Output = Vec<BindingReverieHit>;
    type JsValue = Vec<BindingReverieHit>;

    fn compute(&mut self) -> Result<Self::Output> {
        reverie_search_impl(
            self.codex_home.clone(),
            &self.query,
            self.limit,
            self.max_excerpts,
        )
    }

    fn resolve(&mut self, _env: Env, output: Self::Output) -> Result<Self::JsValue> {
        Ok(output)
    }
}

pub struct ReverieInsightsTask {
    path: PathBuf,
    query: String,
    limit: usize,
}

impl Task for ReverieInsightsTask {
    type Output = Vec<BindingReverieExcerpt>;
    type JsValue = Vec<BindingReverieExcerpt>;

    fn compute(&mut self) -> Result<Self::Output> {
        reverie_insights_impl(self.path.clone(), &self.query, self.limit)
    }

    fn resolve(&mut self, _env: Env, output: Self::Output) -> Result<Self::JsValue> {
        Ok(output)
    }
}

/// Conversations under `codexHome/sessions` ranked by BM25F relevance to `query` (user and
/// agent messages weigh 1, tool traffic 0.3; newer first on equal scores).
#[napi(ts_return_type = "Promise<Array<BindingReverieHit>>")]
pub fn reverie_search_async(
    codex_home: String,
    query: String,
    limit: u32,
    max_excerpts: u32,
) -> AsyncTask<ReverieSearchTask> {
    AsyncTask::new(ReverieSearchTask {
        codex_home: PathBuf::from(codex_home),
        query,
        limit: limit as usize,
        max_excerpts: max_excerpts as usize,
    })
}

/// The messages of the rollout at `path` that match `query`, best first, at most `limit`.
#[napi(ts_return_type = "Promise<Array<BindingReverieExcerpt>>")]
pub fn reverie_insights_async(
    path: String,
    query: String,
    limit: u32,
) -> AsyncTask<ReverieInsightsTask> {
    AsyncTask::new(ReverieInsightsTask {
        path: PathBuf::from(path),
        query,
        limit: limit as usize,
    })
}
