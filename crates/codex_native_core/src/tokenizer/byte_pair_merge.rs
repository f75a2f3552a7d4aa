//! tiktoken's byte-pair merge: start from single bytes and repeatedly merge the adjacent pair
//! whose concatenation has the lowest rank (leftmost first on ties) until no pair is a token.
//! Same merge order as tiktoken's `byte_pair_merge`, hence the same tokens; a heap over a
//! linked list of parts keeps long pieces (minified code, base64) at O(n log n) where
//! tiktoken's rescan is quadratic.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::vocabulary::Vocabulary;

const NONE: usize = usize::MAX;

/// Token ids of `piece`, a pre-tokenized piece that is not itself a token. Appends to `tokens`.
pub(crate) fn encode_piece(vocabulary: &Vocabulary, piece: &[u8], tokens: &mut Vec<u32>) {
    let boundaries = merge(vocabulary, piece);
    for window in boundaries.windows(2) {
        let bytes = &piece[window[0]..window[1]];
        tokens.push(vocabulary.rank(bytes).expect("every byte is a token, so every part is"));
    }
}

/// Token count of `piece` (same as the length of [`encode_piece`]'s output).
pub(crate) fn count_piece(vocabulary: &Vocabulary, piece: &[u8]) -> usize {
    merge(vocabulary, piece).len() - 1
}

/// Start offsets of the merged parts, followed by `piece.len()`.
fn merge(vocabulary: &Vocabulary, piece: &[u8]) -> Vec<usize> {
    let length = piece.len();
    if length <= 1 {
        return vec![0, length];
    }
    // Part `i` starts at byte `i` while alive; `next`/`previous` link the live parts.
    let mut next: Vec<usize> = (1..=length).collect();
    let mut previous: Vec<usize> = (0..length).map(|index| index.wrapping_sub(1)).collect();
    let mut generation = vec![0u32; length];
    let end_of = |next: &[usize], part: usize| if next[part] < length { next[part] } else { length };
    // Rank of the token made by merging `part` with the part after it, if that is a token.
    let pair_rank = |next: &[usize], part: usize| -> Option<u32> {
        let second = next[part];
        if second >= length {
            return None;
        }
        vocabulary.rank(&piece[part..end_of(next, second)])
    };
    // Min-heap of (rank, start, generation): the lowest rank, then the leftmost pair, merges
    // first. Entries whose part has since changed carry an old generation and are skipped.
    let mut heap = BinaryHeap::with_capacity(length);
    for part in 0..length - 1 {
        if let Some(rank) = pair_rank(&next, part) {
            heap.push(Reverse((rank, part, 0u32)));
        }
    }
    while let Some(Reverse((_, part, entry_generation))) = heap.pop() {
        if generation[part] != entry_generation || next[part] == NONE {
            continue;
        }
        let absorbed = next[part];
        next[part] = next[absorbed];
        if next[part] < length {
            previous[next[part]] = part;
        }
        next[absorbed] = NONE;
        generation[absorbed] = u32::MAX;
        generation[part] += 1;
        if let Some(rank) = pair_rank(&next, part) {
            heap.push(Reverse((rank, part, generation[part])));
        }
        let before = previous[part];
        if before != NONE {
            generation[before] += 1;
            if let Some(rank) = pair_rank(&next, before) {
                heap.push(Reverse((rank, before, generation[before])));
            }
        }
    }
    let mut boundaries = Vec::new();
    let mut part = 0;
    while part < length {
        boundaries.push(part);
        part = next[part];
    }
    boundaries.push(length);
    boundaries
}

#[cfg(test)]
mod tests {
    use super::super::encoding::Encoding;
    use super::*;

    /// tiktoken's own quadratic merge, kept here as the reference the heap version must match.
    fn reference_merge(vocabulary: &Vocabulary, piece: &[u8]) -> Vec<u32> {
        let mut parts: Vec<&[u8]> = piece.chunks(1).collect();
        loop {
            let best = (0..parts.len().saturating_sub(1))
                .filter_map(|index| {
                    let merged = [parts[index], parts[index + 1]].concat();
                    vocabulary.rank(&merged).map(|rank| (rank, index))
                })
                .min();
            let Some((_, index)) = best else { break };
            let start = parts[index].as_ptr() as usize - piece.as_ptr() as usize;
            let end = start + parts[index].len() + parts[index + 1].len();
            parts[index] = &piece[start..end];
            parts.remove(index + 1);
        }
        parts.iter().map(|part| vocabulary.rank(part).unwrap()).collect()
    }

    #[test]
    fn heap_merge_matches_the_reference_merge() {
        let samples: &[&[u8]] = &[
            b"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            b"unbelievablyinterchangeablenesses",
            b"QmFzZTY0IGVuY29kZWQgdGV4dCBsb29rcyBsaWtlIHRoaXM=",
            "ᾩ﷽𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ünïcödé".as_bytes(),
            b"\xff\xfe\x00\x01",
            b"x",
        ];
        for encoding in Encoding::ALL {
            let vocabulary = Vocabulary::of(encoding);
            for sample in samples {
                let mut tokens = Vec::new();
                encode_piece(vocabulary, sample, &mut tokens);
                assert_eq!(tokens, reference_merge(vocabulary, sample), "{encoding:?} {sample:?}");
                assert_eq!(count_piece(vocabulary, sample), tokens.len());
            }
        }
    }
}
