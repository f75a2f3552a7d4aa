//! BM25 arithmetic shared by conversation search and single-conversation insights.

use super::scan::Candidate;
use super::Excerpt;

/// Term-frequency saturation (the usual BM25 default).
const K1: f64 = 1.2;
/// Strength of length normalisation (the usual BM25 default).
const B: f64 = 0.75;

/// Inverse document frequency, BM25's non-negative form.
pub fn idf(documents: f64, containing: f64) -> f64 {
    ((documents - containing + 0.5) / (containing + 0.5) + 1.0).ln()
}

/// Saturated, length-normalised term frequency.
pub fn saturate(term_frequency: f64, length: f64, average_length: f64) -> f64 {
    if term_frequency <= 0.0 {
        return 0.0;
    }
    let average = if average_length > 0.0 {
        average_length
    } else {
        1.0
    };
    term_frequency * (K1 + 1.0) / (term_frequency + K1 * (1.0 - B + B * length / average))
}

/// BM25F score of a document from its weighted term frequencies.
pub fn document_score(term_freqs: &[f64], idfs: &[f64], length: f64, average_length: f64) -> f64 {
    term_freqs
        .iter()
        .zip(idfs)
        .map(|(frequency, idf)| idf * saturate(*frequency, length, average_length))
        .sum()
}

/// Score of one message as an excerpt: its field weight times its BM25 score among messages.
pub fn candidate_score(candidate: &Candidate, idfs: &[f64], average_message_length: f64) -> f64 {
    let frequencies: Vec<f64> = candidate
        .term_counts
        .iter()
        .map(|count| f64::from(*count))
        .collect();
    candidate.field.weight()
        * document_score(&frequencies, idfs, candidate.length, average_message_length)
}

/// The best `limit` candidates as excerpts, best first; ties keep file order.
pub fn best_excerpts(
    candidates: Vec<Candidate>,
    idfs: &[f64],
    average_message_length: f64,
    limit: usize,
) -> Vec<Excerpt> {
    let mut scored: Vec<(f64, Candidate)> = candidates
        .into_iter()
        .map(|candidate| {
            (
                candidate_score(&candidate, idfs, average_message_length),
                candidate,
            )
        })
        .collect();
    scored.sort_by(|left, right| {
        right
            .0
            .total_cmp(&left.0)
            .then(left.1.line.cmp(&right.1.line))
    });
    scored
        .into_iter()
        .take(limit)
        .map(|(score, candidate)| Excerpt {
            text: candidate.text,
            role: candidate.field.role(),
            line: candidate.line,
            byte_offset: candidate.byte_offset,
            timestamp: candidate.timestamp,
            score,
            matches: candidate.matches,
        })
        .collect()
}
