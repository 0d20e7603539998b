//! Pairing a sentence with its rewrite: the sentence of the other version that
//! shares the most words with it, if at least half of the longer one's.

use std::cell::Cell;
use std::collections::{HashMap, HashSet};

/// The sentences one may be paired with, each as its words' ranks in rarity
/// (sorted, rarest first), and an index of each one's rarest words. Two sets
/// that share half the words of the longer share one of each one's rarest
/// `len - ceil(len / 2) + 1` (prefix filtering), so only those are compared:
/// pairing stays near linear on long policies instead of comparing every
/// removed sentence with every added one.
pub struct Rewrites<'a> {
    sentences: &'a [String],
    sets: Vec<Set>,
    index: Vec<Vec<u32>>,
    ranks: &'a Ranks<'a>,
    /// How many more candidates may be looked at.
    budget: Cell<usize>,
}

/// Candidates one pool looks at in all: 4,700 at most between two of 64 real
/// versions of a 60 KB policy, 5.8 million for a 1 MB policy with 1% of its
/// words changed (benches/README.md), and about a second's work.
const BUDGET: usize = 20_000_000;

/// Each word's rank by rarity in the changed sentences of both versions
/// (rarest first, ties by the word).
pub type Ranks<'a> = HashMap<&'a str, u32>;

/// A sentence's words: the ranks of those known, sorted, and how many there
/// are in all.
struct Set {
    ranks: Vec<u32>,
    len: usize,
}

/// Ranks the words of the given sentences by in how many of them each is.
pub fn ranks<'a>(lists: &[&'a [String]]) -> Ranks<'a> {
    let mut count: HashMap<&str, usize> = HashMap::new();
    for s in lists.iter().flat_map(|l| l.iter()) {
        for w in s.split_whitespace().collect::<HashSet<_>>() {
            *count.entry(w).or_insert(0) += 1;
        }
    }
    let mut words: Vec<(usize, &str)> = count.into_iter().map(|(w, n)| (n, w)).collect();
    words.sort_unstable();
    words
        .into_iter()
        .enumerate()
        .map(|(rank, (_, w))| (w, rank as u32))
        .collect()
}

impl<'a> Rewrites<'a> {
    pub fn new(sentences: &'a [String], ranks: &'a Ranks<'a>) -> Self {
        Self::with_budget(sentences, ranks, BUDGET)
    }

    fn with_budget(sentences: &'a [String], ranks: &'a Ranks<'a>, budget: usize) -> Self {
        let sets: Vec<Set> = sentences.iter().map(|s| set(s, ranks)).collect();
        let mut index: Vec<Vec<u32>> = vec![Vec::new(); ranks.len()];
        for (i, set) in sets.iter().enumerate() {
            for &r in prefix(set) {
                index[r as usize].push(i as u32);
            }
        }
        Rewrites {
            sentences,
            sets,
            index,
            ranks,
            budget: Cell::new(budget),
        }
    }

    /// The sentence most like `n` (a normal sentence), if it shares at least
    /// half of the longer one's words; on a tie, the first in order. Once the
    /// pool has looked at `BUDGET` candidates, it pairs no more sentences, so
    /// that no input makes the diff hang: a sentence left unpaired is judged
    /// on its own, as added to or taken out of the whole policy.
    pub fn best(&self, n: &str) -> Option<&'a str> {
        let query = set(n, self.ranks);
        let mut candidates: Vec<u32> = Vec::new();
        for &r in prefix(&query) {
            let list = &self.index[r as usize];
            let left = self.budget.get();
            if list.len() > left {
                self.budget.set(0);
                return None;
            }
            self.budget.set(left - list.len());
            candidates.extend_from_slice(list);
        }
        candidates.sort_unstable();
        candidates.dedup();
        let mut best: Option<(usize, usize, usize)> = None;
        for i in candidates {
            let i = i as usize;
            let other = &self.sets[i];
            let longer = query.len.max(other.len).max(1);
            if 2 * query.len.min(other.len) < longer {
                continue;
            }
            let shared = shared(&query.ranks, &other.ranks);
            if 2 * shared < longer {
                continue;
            }
            // shared / longer, compared without division; then the first.
            let better = best
                .is_none_or(|(j, s, l)| (shared * l).cmp(&(s * longer)).then(j.cmp(&i)).is_gt());
            if better {
                best = Some((i, shared, longer));
            }
        }
        best.map(|(i, _, _)| self.sentences[i].as_str())
    }
}

/// A normal sentence's words as a set.
fn set(n: &str, ranks: &Ranks) -> Set {
    let words: HashSet<&str> = n.split_whitespace().collect();
    let mut known: Vec<u32> = words.iter().filter_map(|w| ranks.get(w).copied()).collect();
    known.sort_unstable();
    Set {
        ranks: known,
        len: words.len(),
    }
}

/// A set's rarest `len - ceil(len / 2) + 1` words that have a rank (a word
/// without one is rarer than all, and shared with none).
fn prefix(set: &Set) -> &[u32] {
    let keep = set.len - set.len.div_ceil(2) + 1;
    let unknown = set.len - set.ranks.len();
    &set.ranks[..keep.saturating_sub(unknown).min(set.ranks.len())]
}

/// How many values two sorted lists share.
fn shared(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => (i, j, n) = (i + 1, j + 1, n + 1),
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn normal(words: &[&str]) -> Vec<String> {
        words.iter().map(|s| format!(" {s} ")).collect()
    }

    #[test]
    fn a_rewrite_is_the_sentence_sharing_most_words() {
        let old = normal(&["we do not sell your data", "we keep logs for a year"]);
        let new = normal(&["we may sell your data", "we keep logs for two years"]);
        let ranks = ranks(&[&old, &new]);
        let pool = Rewrites::new(&new, &ranks);
        assert_eq!(pool.best(&old[0]), Some(" we may sell your data "));
        assert_eq!(pool.best(&old[1]), Some(" we keep logs for two years "));
        assert_eq!(pool.best(" cookies help us remember you "), None);
    }

    #[test]
    fn a_spent_budget_pairs_no_more_sentences() {
        let old = normal(&["we do not sell your data", "we keep logs for a year"]);
        let new = normal(&["we may sell your data", "we keep logs for two years"]);
        let ranks = ranks(&[&old, &new]);
        let unbounded = Rewrites::new(&new, &ranks);
        assert!(unbounded.best(&old[0]).is_some());
        let first = BUDGET - unbounded.budget.get();
        assert!(unbounded.best(&old[1]).is_some());
        // Enough for the first sentence only.
        let pool = Rewrites::with_budget(&new, &ranks, first);
        assert_eq!(pool.best(&old[0]), Some(" we may sell your data "));
        assert_eq!(pool.best(&old[1]), None);
    }

    #[test]
    fn pairing_agrees_with_comparing_every_pair() {
        // Short sentences from a small vocabulary of skewed frequency, so
        // that many pairs share half their words and any prefix one word too
        // short misses some of them.
        let make = |seed: u64| -> Vec<String> {
            let mut state = seed;
            let mut next = move |n: u64| {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (state >> 33) % n
            };
            (0..300)
                .map(|_| {
                    let len = 1 + next(6);
                    let words: Vec<String> = (0..len)
                        .map(|_| format!("w{}", next(30).min(next(30))))
                        .collect();
                    format!(" {} ", words.join(" "))
                })
                .collect()
        };
        let (old, new) = (make(1), make(5));
        let ranks = ranks(&[&old, &new]);
        let pool = Rewrites::new(&new, &ranks);
        for n in &old {
            let words: HashSet<&str> = n.split_whitespace().collect();
            let every = new
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    let other: HashSet<&str> = a.split_whitespace().collect();
                    let shared = words.intersection(&other).count();
                    (i, shared, words.len().max(other.len()).max(1))
                })
                .filter(|&(_, shared, longer)| 2 * shared >= longer)
                .max_by(|a, b| (a.1 * b.2).cmp(&(b.1 * a.2)).then(b.0.cmp(&a.0)))
                .map(|(i, _, _)| new[i].as_str());
            assert_eq!(pool.best(n), every, "for {n:?}");
        }
    }
}
