//! The redline shaped for reading: a sentence rewritten for the most part is
//! shown deleted and then inserted whole, not as alternating words.

use super::prose::Piece;

/// A redline for reading: where most of a sentence's words changed, the old
/// sentence shown deleted and the new one inserted whole, instead of
/// alternating words. Both texts still rebuild from the pieces.
pub fn by_sentence(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut sentence: Vec<Piece> = Vec::new();
    for piece in pieces {
        match piece {
            Piece::Same(text) => {
                // A sentence ends at ". ", "? ", "! " or a blank line, also
                // where a changed piece ends with the mark and this one
                // starts with the space.
                let after_mark = sentence.last().is_some_and(|p| match p {
                    Piece::Added(t) | Piece::Removed(t) => t.ends_with(['.', '?', '!']),
                    Piece::Same(_) => false,
                });
                let spaces = text.len() - text.trim_start().len();
                let end = ["? ", "! ", ". ", "\n\n"]
                    .iter()
                    .filter_map(|e| text.find(e).map(|at| at + e.len()))
                    .chain((after_mark && spaces > 0).then_some(spaces))
                    .min();
                match end {
                    Some(at) => {
                        sentence.push(Piece::Same(text[..at].to_string()));
                        flush_sentence(&mut sentence, &mut out);
                        if at < text.len() {
                            sentence.push(Piece::Same(text[at..].to_string()));
                        }
                    }
                    None => sentence.push(Piece::Same(text)),
                }
            }
            other => sentence.push(other),
        }
    }
    flush_sentence(&mut sentence, &mut out);
    out
}

fn flush_sentence(sentence: &mut Vec<Piece>, out: &mut Vec<Piece>) {
    let count = |p: &Piece| match p {
        Piece::Same(t) | Piece::Added(t) | Piece::Removed(t) => t.split_whitespace().count(),
    };
    let changed: usize = sentence
        .iter()
        .filter(|p| !matches!(p, Piece::Same(_)))
        .map(count)
        .sum();
    let total: usize = sentence.iter().map(count).sum();
    let both = sentence.iter().any(|p| matches!(p, Piece::Added(_)))
        && sentence.iter().any(|p| matches!(p, Piece::Removed(_)));
    if both && changed * 2 > total {
        let text = |keep: fn(&Piece) -> Option<&String>| -> String {
            sentence
                .iter()
                .filter_map(keep)
                .map(String::as_str)
                .collect()
        };
        let old = text(|p| match p {
            Piece::Same(t) | Piece::Removed(t) => Some(t),
            Piece::Added(_) => None,
        });
        let new = text(|p| match p {
            Piece::Same(t) | Piece::Added(t) => Some(t),
            Piece::Removed(_) => None,
        });
        out.push(Piece::Removed(old));
        out.push(Piece::Added(new));
    } else {
        out.append(sentence);
    }
    sentence.clear();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::prose::compare;

    #[test]
    fn a_mostly_rewritten_sentence_shows_deleted_then_inserted() {
        let d = compare(
            "We keep it. We do not sell your data to anyone at all. Ask us.",
            "We keep it. Partners may buy some records from us now. Ask us.",
        );
        let pieces = by_sentence(d.pieces);
        assert!(
            pieces.contains(&Piece::Removed(
                "We do not sell your data to anyone at all. ".into()
            )),
            "{pieces:?}"
        );
        assert!(
            pieces.contains(&Piece::Added(
                "Partners may buy some records from us now. ".into()
            )),
            "{pieces:?}"
        );
        let old: String = pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Same(t) | Piece::Removed(t) => Some(t.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(
            old,
            "We keep it. We do not sell your data to anyone at all. Ask us."
        );
    }
}
