//! Cuts the window of a message shown as an excerpt and locates the matches inside it.

use super::MatchRange;

/// Characters of context kept before the first match.
const CONTEXT_BEFORE: usize = 80;
/// Length of an excerpt window, in characters.
const WINDOW_CHARS: usize = 240;
const ELLIPSIS: &str = "…";

/// Byte offset `count` characters before `from` (or 0).
fn back_chars(text: &str, from: usize, count: usize) -> usize {
    text[..from]
        .char_indices()
        .rev()
        .nth(count.saturating_sub(1))
        .map_or(0, |(index, _)| index)
}

/// Byte offset `count` characters after `from` (or the end).
fn forward_chars(text: &str, from: usize, count: usize) -> usize {
    text[from..]
        .char_indices()
        .nth(count)
        .map_or(text.len(), |(index, _)| from + index)
}

fn utf16_len(text: &str) -> u32 {
    text.encode_utf16().count() as u32
}

/// The window of `text` around the first of `spans` (byte ranges of matched words, in order),
/// with "…" where text was cut, and the spans that fall inside it as UTF-16 ranges.
pub fn cut(text: &str, spans: &[(usize, usize)]) -> (String, Vec<MatchRange>) {
    let first = spans.first().map_or(0, |span| span.0);
    let mut start = if first == 0 {
        0
    } else {
        back_chars(text, first, CONTEXT_BEFORE)
    };
    let mut end = forward_chars(text, start, WINDOW_CHARS);
    if end == text.len() {
        // Short tail: spend the unused budget on more leading context.
        let used = text[start..end].chars().count();
        start = back_chars(text, start, WINDOW_CHARS.saturating_sub(used));
        if start == 0 {
            end = forward_chars(text, 0, WINDOW_CHARS);
        }
    }
    let mut window = String::with_capacity(end - start + 2 * ELLIPSIS.len());
    if start > 0 {
        window.push_str(ELLIPSIS);
    }
    let prefix_units = utf16_len(&window);
    window.push_str(&text[start..end]);
    if end < text.len() {
        window.push_str(ELLIPSIS);
    }
    let mut matches = Vec::new();
    let mut units = prefix_units;
    let mut cursor = start;
    for &(span_start, span_end) in spans {
        if span_start < start || span_end > end {
            continue;
        }
        units += utf16_len(&text[cursor..span_start]);
        let length = utf16_len(&text[span_start..span_end]);
        matches.push(MatchRange {
            start: units,
            end: units + length,
        });
        units += length;
        cursor = span_end;
    }
    (window, matches)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slice_utf16(text: &str, range: MatchRange) -> String {
        let units: Vec<u16> = text.encode_utf16().collect();
        String::from_utf16(&units[range.start as usize..range.end as usize]).unwrap()
    }

    #[test]
    fn short_text_is_kept_whole() {
        let (window, matches) = cut("fix the JWT bug", &[(8, 11)]);
        assert_eq!(window, "fix the JWT bug");
        assert_eq!(matches, vec![MatchRange { start: 8, end: 11 }]);
    }

    #[test]
    fn long_text_is_cut_around_the_match_with_utf16_offsets() {
        let text = format!("{}é😀 token here {}", "a".repeat(500), "b".repeat(500));
        let start = text.find("token").unwrap();
        let (window, matches) = cut(&text, &[(start, start + 5)]);
        assert!(window.starts_with(ELLIPSIS) && window.ends_with(ELLIPSIS));
        assert_eq!(window.chars().count(), WINDOW_CHARS + 2);
        assert_eq!(matches.len(), 1);
        assert_eq!(slice_utf16(&window, matches[0]), "token");
    }

    #[test]
    fn matches_outside_the_window_are_dropped() {
        let text = format!("word {} word", "x ".repeat(400));
        let last = text.rfind("word").unwrap();
        let (_, matches) = cut(&text, &[(0, 4), (last, last + 4)]);
        assert_eq!(matches.len(), 1);
    }
}
