//! Splitting text around special-token strings (tiktoken's `allowed_special="all"`).

/// A run of ordinary text, or one special token found in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Segment<'a> {
    Text(&'a str),
    Special(u32),
}

/// Every special token of the encodings we ship starts with this, so one substring search
/// finds all candidates.
const SPECIAL_TOKEN_OPENER: &str = "<|";

/// Yields text segments (never empty) and special tokens in order. Like tiktoken's regex search,
/// the leftmost special token wins; no special token is a prefix of another, so that is unique.
pub(crate) struct SpecialTokenSplit<'a> {
    text: &'a str,
    special_tokens: &'static [(&'static str, u32)],
    position: usize,
    pending_special: Option<(usize, &'static str, u32)>,
}

impl<'a> SpecialTokenSplit<'a> {
    pub(crate) fn new(text: &'a str, special_tokens: &'static [(&'static str, u32)]) -> Self {
        Self {
            text,
            special_tokens,
            position: 0,
            pending_special: None,
        }
    }

    /// The next special token at or after `from`: (start, text, id).
    fn find_special(&self, from: usize) -> Option<(usize, &'static str, u32)> {
        let mut search_from = from;
        while let Some(offset) = self.text[search_from..].find(SPECIAL_TOKEN_OPENER) {
            let start = search_from + offset;
            let rest = &self.text[start..];
            if let Some((token, id)) = self
                .special_tokens
                .iter()
                .find(|(token, _)| rest.starts_with(token))
            {
                return Some((start, token, *id));
            }
            // `<` and `|` are ASCII, so start + 1 is a char boundary.
            search_from = start + 1;
        }
        None
    }
}

impl<'a> Iterator for SpecialTokenSplit<'a> {
    type Item = Segment<'a>;

    fn next(&mut self) -> Option<Segment<'a>> {
        if let Some((start, token, id)) = self.pending_special.take() {
            self.position = start + token.len();
            return Some(Segment::Special(id));
        }
        if self.position >= self.text.len() {
            return None;
        }
        match self.find_special(self.position) {
            Some((start, token, id)) if start == self.position => {
                self.position = start + token.len();
                Some(Segment::Special(id))
            }
            Some(found) => {
                let text = &self.text[self.position..found.0];
                self.pending_special = Some(found);
                Some(Segment::Text(text))
            }
            None => {
                let text = &self.text[self.position..];
                self.position = self.text.len();
                Some(Segment::Text(text))
            }
        }
    }
}
