//! Ranking, excerpts and tolerance of `reverie::search_conversations` over generated trees.

mod reverie_support;

use std::fs;
use std::path::Path;

use codex_native_core::reverie::{
    search_conversations, ConversationHit, ReverieError, Role, SearchOptions,
};
use reverie_support::*;

fn search(home: &Path, query: &str, limit: usize) -> Vec<ConversationHit> {
    search_conversations(
        home,
        query,
        &SearchOptions {
            limit,
            max_excerpts: 3,
        },
    )
    .unwrap()
}

fn names(hits: &[ConversationHit]) -> Vec<u32> {
    // The day of the month identifies each generated conversation.
    hits.iter()
        .map(|hit| {
            let name = hit.path.file_name().unwrap().to_str().unwrap();
            name["rollout-2025-01-".len()..][..2].parse().unwrap()
        })
        .collect()
}

fn utf16_slice(text: &str, start: u32, end: u32) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16(&units[start as usize..end as usize]).unwrap()
}

#[test]
fn more_occurrences_in_messages_rank_first_and_tool_output_weighs_less() {
    let home = tempfile::tempdir().unwrap();
    write_session(
        home.path(),
        1,
        10,
        &with_filler(vec![user(
            "the JWT refresh fails; JWT expiry and refresh token rotation",
        )]),
    );
    write_session(
        home.path(),
        2,
        10,
        &with_filler(vec![agent("I checked the JWT middleware")]),
    );
    write_session(
        home.path(),
        3,
        10,
        &with_filler(vec![tool("grep -r JWT", "src/auth.rs: verify JWT")]),
    );
    write_session(home.path(), 4, 10, &small_talk());
    let hits = search(home.path(), "jwt refresh", 10);
    assert_eq!(names(&hits), vec![1, 2, 3]);
    assert!(hits[0].score > hits[1].score && hits[1].score > hits[2].score);
    let hits = search(home.path(), "JWT", 10);
    assert_eq!(names(&hits)[2], 3, "tool-only mentions rank last");
}

#[test]
fn a_rare_term_outweighs_a_common_one() {
    let home = tempfile::tempdir().unwrap();
    for day in 1..=6 {
        write_session(
            home.path(),
            day,
            10,
            &with_filler(vec![user("deploy deploy deploy the service")]),
        );
    }
    write_session(
        home.path(),
        7,
        10,
        &with_filler(vec![user("deploy the flamingo service")]),
    );
    let hits = search(home.path(), "deploy flamingo", 3);
    assert_eq!(names(&hits)[0], 7);
    assert_eq!(hits.len(), 3, "limit is honoured");
}

#[test]
fn recency_breaks_ties() {
    let home = tempfile::tempdir().unwrap();
    let same = with_filler(vec![user("rotate the signing keys")]);
    write_session(home.path(), 3, 10, &same);
    write_session(home.path(), 9, 10, &same);
    write_session(home.path(), 5, 10, &same);
    let hits = search(home.path(), "signing keys", 10);
    assert_eq!(names(&hits), vec![9, 5, 3]);
    assert_eq!(hits[0].score, hits[2].score);
}

#[test]
fn excerpts_point_at_the_matching_line_and_words() {
    let home = tempfile::tempdir().unwrap();
    let long = format!(
        "{} the Kubernetes ingress returns 502 {}",
        "context ".repeat(60),
        "more ".repeat(60)
    );
    let path = write_session(
        home.path(),
        1,
        10,
        &[
            user("hello there"),
            agent(&long),
            user("is the kubernetes fix merged?"),
        ],
    );
    let hits = search(home.path(), "kubernetes", 5);
    assert_eq!(hits.len(), 1);
    let excerpts = &hits[0].excerpts;
    assert_eq!(excerpts.len(), 2);
    // The short user message holds the term at a higher density, so it ranks first.
    assert_eq!(excerpts[0].role, Role::User);
    assert_eq!(excerpts[0].text, "is the kubernetes fix merged?");
    assert_eq!(excerpts[1].role, Role::Agent);
    assert!(excerpts[1].text.starts_with('…') && excerpts[1].text.ends_with('…'));
    for excerpt in excerpts {
        assert_eq!(excerpt.matches.len(), 1);
        let word = utf16_slice(
            &excerpt.text,
            excerpt.matches[0].start,
            excerpt.matches[0].end,
        );
        assert_eq!(word.to_lowercase(), "kubernetes");
        let bytes = fs::read(&path).unwrap();
        let offset = excerpt.byte_offset as usize;
        assert!(
            offset == 0 || bytes[offset - 1] == b'\n',
            "offset starts a line"
        );
        let text = std::str::from_utf8(&bytes).unwrap();
        let line = text.lines().nth(excerpt.line as usize - 1).unwrap();
        assert!(text[offset..].starts_with(line));
        assert!(
            line.contains("\"event_msg\""),
            "the event copy of the message is the one indexed"
        );
        assert_eq!(
            excerpt.timestamp.as_deref(),
            Some("2025-01-01T10:00:00.000Z")
        );
    }
}

#[test]
fn words_match_whole_and_case_insensitively_and_injected_context_is_ignored() {
    let home = tempfile::tempdir().unwrap();
    write_session(
        home.path(),
        1,
        10,
        &with_filler(vec![user("the AUTHOR field is empty")]),
    );
    write_session(
        home.path(),
        2,
        10,
        &with_filler(vec![user(
            "<environment_context>auth</environment_context>",
        )[..1]
            .to_vec()]),
    );
    write_session(home.path(), 3, 10, &with_filler(vec![agent("Fixed Auth.")]));
    assert_eq!(names(&search(home.path(), "auth", 10)), vec![3]);
}

#[test]
fn without_events_the_response_items_are_indexed() {
    let home = tempfile::tempdir().unwrap();
    write_session(
        home.path(),
        1,
        10,
        &[user("migrate the database")[..1].to_vec()],
    );
    let hits = search(home.path(), "database", 10);
    assert_eq!(hits.len(), 1);
    assert!(hits[0].excerpts[0].text.contains("migrate the database"));
}

#[test]
fn damaged_files_are_searched_around_the_damage() {
    let home = tempfile::tempdir().unwrap();
    let path = write_session(home.path(), 1, 10, &[user("first mention of zeppelin")]);
    let mut bytes = fs::read(&path).unwrap();
    bytes.extend_from_slice(b"{not json at all zeppelin\n");
    // A message with bytes that are not UTF-8 keeps its readable text.
    let broken = line(
        "event_msg",
        serde_json::json!({"type": "agent_message", "message": "zeppelin XX landed"}),
    );
    bytes.extend(
        broken
            .bytes()
            .map(|byte| if byte == b'X' { 0xff } else { byte }),
    );
    bytes.push(b'\n');
    // A torn last line: a write cut short.
    let torn = line(
        "event_msg",
        serde_json::json!({"type": "user_message", "message": "zeppelin again"}),
    );
    bytes.extend_from_slice(&torn.as_bytes()[..torn.len() / 2]);
    fs::write(&path, &bytes).unwrap();
    let hits = search(home.path(), "zeppelin", 10);
    assert_eq!(hits.len(), 1);
    let texts: Vec<&str> = hits[0]
        .excerpts
        .iter()
        .map(|excerpt| excerpt.text.as_str())
        .collect();
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert!(texts.contains(&"first mention of zeppelin"));
    assert!(texts.contains(&"zeppelin \u{fffd}\u{fffd} landed"));
}

#[test]
fn files_being_appended_to_are_searched_without_errors() {
    let home = tempfile::tempdir().unwrap();
    let path = write_session(home.path(), 1, 10, &[user("harbor start")]);
    for day in 2..6 {
        write_session(home.path(), day, 10, &with_filler(vec![agent("unrelated")]));
    }
    let writer_path = path.clone();
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        let mut file = fs::OpenOptions::new()
            .append(true)
            .open(&writer_path)
            .unwrap();
        for index in 0..2000 {
            let text = line(
                "event_msg",
                serde_json::json!({"type": "agent_message", "message": format!("harbor step {index}")}),
            );
            // Two writes per line, so readers regularly see half a line at the end.
            let (head, tail) = text.as_bytes().split_at(text.len() / 2);
            file.write_all(head).unwrap();
            file.flush().unwrap();
            file.write_all(tail).unwrap();
            file.write_all(b"\n").unwrap();
        }
    });
    let mut searches = 0;
    while !writer.is_finished() || searches == 0 {
        let hits = search(home.path(), "harbor", 10);
        assert_eq!(hits.len(), 1);
        assert!(!hits[0].excerpts.is_empty());
        searches += 1;
    }
    writer.join().unwrap();
    let hits = search(home.path(), "harbor", 10);
    assert_eq!(hits[0].excerpts.len(), 3);
}

#[test]
fn missing_home_has_no_results_and_empty_queries_are_rejected() {
    let home = tempfile::tempdir().unwrap();
    assert!(search(&home.path().join("absent"), "anything", 5).is_empty());
    let error = search_conversations(
        home.path(),
        " ?! ",
        &SearchOptions {
            limit: 5,
            max_excerpts: 3,
        },
    )
    .unwrap_err();
    assert!(matches!(error, ReverieError::EmptyQuery));
    assert!(error.is_invalid_input());
}
