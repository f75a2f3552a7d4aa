//! `reverie::conversation_insights`: ranked excerpts of one conversation.

mod reverie_support;

use codex_native_core::reverie::{conversation_insights, InsightsOptions, ReverieError, Role};
use reverie_support::*;

#[test]
fn excerpts_are_ranked_by_relevance_then_file_order() {
    let home = tempfile::tempdir().unwrap();
    let path = write_session(
        home.path(),
        1,
        10,
        &[
            user("the cache is slow"),
            agent("the cache eviction policy evicts the cache too often, so the cache misses"),
            tool("cat cache.rs", "fn cache() {}"),
            user("and the eviction logs?"),
            agent("unrelated answer"),
        ],
    );
    let excerpts =
        conversation_insights(&path, "cache eviction", &InsightsOptions { limit: 50 }).unwrap();
    let texts: Vec<&str> = excerpts
        .iter()
        .map(|excerpt| excerpt.text.as_str())
        .collect();
    assert_eq!(texts.len(), 5, "{texts:?}");
    assert!(
        texts[0].starts_with("the cache eviction policy"),
        "{texts:?}"
    );
    assert_eq!(
        excerpts.last().unwrap().role,
        Role::Tool,
        "tool traffic ranks last"
    );
    assert!(excerpts
        .windows(2)
        .all(|pair| pair[0].score >= pair[1].score));
    let limited =
        conversation_insights(&path, "cache eviction", &InsightsOptions { limit: 2 }).unwrap();
    assert_eq!(limited.len(), 2);
    assert_eq!(limited[0], excerpts[0]);
}

#[test]
fn a_missing_file_is_an_unreadable_error() {
    let home = tempfile::tempdir().unwrap();
    let error = conversation_insights(
        &home.path().join("nope.jsonl"),
        "x",
        &InsightsOptions { limit: 5 },
    )
    .unwrap_err();
    assert!(matches!(error, ReverieError::Unreadable { .. }));
    assert!(!error.is_invalid_input());
}
