//! The byte-pair vocabularies we ship: OpenAI's published `.tiktoken` files (gzip-compressed,
//! 2.4 MB for both) compiled into the binary and parsed on first use of each encoding. Parsing
//! costs 160-200 ms for o200k_base and ~85 ms for cl100k_base (2 busy cores), once per process;
//! precomputed encoder tables would cost ~47 MB of binary instead.

use std::io::Read;
use std::sync::LazyLock;

use base64::Engine;
use rustc_hash::FxHashMap;

use super::encoding::Encoding;

/// Every token of one encoding: its bytes by id (for decoding) and its id by bytes (the BPE
/// merge ranks: in tiktoken's files a token's rank is its id).
pub(crate) struct Vocabulary {
    /// All token bytes, concatenated in id order; token `id` is `bytes[starts[id]..starts[id + 1]]`.
    bytes: &'static [u8],
    starts: Vec<u32>,
    ranks: FxHashMap<&'static [u8], u32>,
}

static O200K_BASE: LazyLock<Vocabulary> =
    LazyLock::new(|| Vocabulary::parse(include_bytes!("data/o200k_base.tiktoken.gz")));
static CL100K_BASE: LazyLock<Vocabulary> =
    LazyLock::new(|| Vocabulary::parse(include_bytes!("data/cl100k_base.tiktoken.gz")));

impl Vocabulary {
    /// The vocabulary of `encoding`, parsed on first use.
    pub(crate) fn of(encoding: Encoding) -> &'static Vocabulary {
        match encoding {
            Encoding::O200kBase => &O200K_BASE,
            Encoding::Cl100kBase => &CL100K_BASE,
        }
    }

    /// Parses a gzip-compressed `.tiktoken` file: one `base64(token) id` line per token, ids
    /// 0, 1, 2, … in order. The data is compiled in and checked by the tests, so a malformed
    /// file is a build defect and panics.
    fn parse(compressed: &[u8]) -> Vocabulary {
        let mut text = String::new();
        flate2::read::GzDecoder::new(compressed)
            .read_to_string(&mut text)
            .expect("embedded vocabulary is valid gzip");
        let mut bytes = Vec::with_capacity(text.len() / 2);
        let mut starts = vec![0u32];
        for (expected_id, line) in text.lines().enumerate() {
            let (encoded, id) = line.split_once(' ').expect("`token id` line");
            assert_eq!(id.parse::<usize>().ok(), Some(expected_id), "ids are consecutive");
            base64::engine::general_purpose::STANDARD
                .decode_vec(encoded, &mut bytes)
                .expect("base64 token");
            starts.push(bytes.len() as u32);
        }
        // The vocabulary lives as long as the process (it sits in a static), so the map can
        // borrow the token bytes for 'static instead of owning a copy of each.
        let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
        let mut ranks = FxHashMap::with_capacity_and_hasher(starts.len() - 1, Default::default());
        for (id, range) in starts.windows(2).enumerate() {
            ranks.insert(&bytes[range[0] as usize..range[1] as usize], id as u32);
        }
        Vocabulary {
            bytes,
            starts,
            ranks,
        }
    }


    /// The bytes of token `id`, if the vocabulary has it.
    pub(crate) fn token_bytes(&self, id: u32) -> Option<&'static [u8]> {
        let index = id as usize;
        let start = *self.starts.get(index)? as usize;
        let end = *self.starts.get(index + 1)? as usize;
        Some(&self.bytes[start..end])
    }

    /// The id of the token whose bytes are exactly `bytes`.
    pub(crate) fn rank(&self, bytes: &[u8]) -> Option<u32> {
        self.ranks.get(bytes).copied()
    }
}
