//! Facts and prose that must agree: a sentence that flatly denies what the
//! CCPA table declares ("We do not sell your personal information" beside a
//! row with `sold: true`), or states a sale the table does not have.

use super::Ctx;
use crate::category::CATEGORIES;
use crate::diag::Diagnostic;
use crate::model::{Section, Text};

const DATA: [&str; 7] = [
    "personal information",
    "personal data",
    "your information",
    "your data",
    "information about you",
    "data about you",
    "your personal",
];

/// Words that make a denial conditional ("… except to our processors"):
/// not a flat denial, so no contradiction can be read from it.
const QUALIFIERS: [&str; 6] = ["except", "unless", "other than", "without", "only", "if "];

const DENY_SALE: [&str; 9] = [
    "do not sell",
    "don't sell",
    "does not sell",
    "doesn't sell",
    "never sell",
    "will not sell",
    "won't sell",
    "have not sold",
    "has not sold",
];
const DENY_SHARING: [&str; 7] = [
    "do not share",
    "don't share",
    "does not share",
    "doesn't share",
    "never share",
    "will not share",
    "won't share",
];
const DENY_COLLECTION: [&str; 7] = [
    "do not collect",
    "don't collect",
    "does not collect",
    "doesn't collect",
    "never collect",
    "will not collect",
    "won't collect",
];
const AFFIRM_SALE: [&str; 4] = ["we sell", "we may sell", "we have sold", "we will sell"];

/// Prose that denies a sale while a row of the table is sold.
pub fn prose_denies_sale(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    let sold = first_row(ctx, |r| r.sold);
    denials(ctx, &DENY_SALE, &DATA, |_| sold.clone(), "sold", "sale")
}

/// Prose that denies sharing while a row of the table is shared.
pub fn prose_denies_sharing(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    let shared = first_row(ctx, |r| r.shared);
    denials(
        ctx,
        &DENY_SHARING,
        &DATA,
        |_| shared.clone(),
        "shared",
        "sharing",
    )
}

/// Prose that denies collecting a category the table marks collected.
pub fn prose_denies_collection(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    let Some(ccpa) = &ctx.compiled.doc.ccpa else {
        return Vec::new();
    };
    let names: Vec<String> = CATEGORIES
        .iter()
        .filter(|c| {
            ccpa.rows
                .iter()
                .any(|r| r.collected && (r.category == c.category || r.also.contains(&c.category)))
        })
        .flat_map(|c| [c.label.to_lowercase(), c.key.replace('-', " ")])
        .collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    denials(
        ctx,
        &DENY_COLLECTION,
        &names,
        |sentence| {
            names
                .iter()
                .find(|n| sentence.contains(**n))
                .and_then(|n| {
                    CATEGORIES
                        .iter()
                        .find(|c| c.label.to_lowercase() == *n || c.key.replace('-', " ") == *n)
                })
                .map(|c| c.key.to_string())
        },
        "collected",
        "collection",
    )
}

/// Prose that states a sale while no row of the table is sold.
pub fn prose_affirms_sale(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    let Some(ccpa) = &ctx.compiled.doc.ccpa else {
        return Vec::new();
    };
    if ccpa.rows.iter().any(|r| r.sold) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for text in texts(ctx) {
        for (sentence, at) in sentences(&text.value) {
            let Some(found) = AFFIRM_SALE.iter().find_map(|p| find_phrase(&sentence, p)) else {
                continue;
            };
            if !DATA.iter().any(|d| sentence.contains(d)) || denies(&sentence, &DENY_SALE) {
                continue;
            }
            let phrase = &text.value[at + found.start..at + found.end];
            let offset = at + found.start;
            out.push(
                Diagnostic::warning(
                    format!("the text says “{phrase}”, but no row of the CCPA table is sold"),
                    ctx.compiled.source().pos_in(text, offset),
                )
                .width(phrase.chars().count())
                .help("set `sold: true` on the rows that are sold, or say in the text that nothing is sold"),
            );
        }
    }
    out
}

/// The id of the first row for which `pick` holds.
fn first_row(ctx: &Ctx<'_>, pick: fn(&crate::doc::Row) -> bool) -> Option<String> {
    let rows = ctx.compiled.doc.ccpa.iter().flat_map(|c| c.rows.iter());
    rows.filter(|r| pick(r)).map(|r| r.id.clone()).next()
}

/// A flat denial (one of `phrases`, about one of `subjects`) in any text of
/// the policy, where `contradicted` names the row the denial contradicts.
fn denials(
    ctx: &Ctx<'_>,
    phrases: &[&str],
    subjects: &[&str],
    contradicted: impl Fn(&str) -> Option<String>,
    marked: &str,
    practice: &str,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for text in texts(ctx) {
        for (sentence, at) in sentences(&text.value) {
            let Some(found) = phrases.iter().find_map(|p| find_phrase(&sentence, p)) else {
                continue;
            };
            if !subjects.iter().any(|s| sentence.contains(s))
                || QUALIFIERS.iter().any(|q| sentence.contains(q))
            {
                continue;
            }
            let Some(row) = contradicted(&sentence) else {
                continue;
            };
            let phrase = &text.value[at + found.start..at + found.end];
            let offset = at + found.start;
            out.push(
                Diagnostic::error(
                    format!(
                        "the text says “{phrase}”, but the CCPA table marks `{row}` as {marked}"
                    ),
                    ctx.compiled.source().pos_in(text, offset),
                )
                .width(phrase.chars().count())
                .help(format!(
                    "make the text and the table say the same: describe the {practice} in the text, or set `{marked}: false` on `{row}` if it is not {marked}"
                )),
            );
        }
    }
    out
}

fn denies(sentence: &str, phrases: &[&str]) -> bool {
    phrases.iter().any(|p| find_phrase(sentence, p).is_some())
}

/// Where a lower-case sentence holds a phrase as whole words, written with a
/// straight or a curly apostrophe ("don't", "don’t"): its byte range.
fn find_phrase(sentence: &str, phrase: &str) -> Option<std::ops::Range<usize>> {
    let curly = phrase.replace('\'', "\u{2019}");
    [phrase, curly.as_str()].into_iter().find_map(|p| {
        let at = sentence.match_indices(p).map(|(at, _)| at).find(|&at| {
            let before = sentence[..at].chars().next_back();
            let after = sentence[at + p.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })?;
        Some(at..at + p.len())
    })
}

/// The lead and every section's and supplement's text, as written.
fn texts<'a>(ctx: &'a Ctx<'_>) -> Vec<&'a Text> {
    fn walk<'a>(sections: &'a [Section], out: &mut Vec<&'a Text>) {
        for s in sections {
            out.extend(s.body.as_ref());
            walk(&s.sections, out);
        }
    }
    let policy = &ctx.compiled.policy;
    let mut out: Vec<&Text> = policy.lead.iter().collect();
    walk(&policy.sections, &mut out);
    walk(&policy.supplements, &mut out);
    out
}

/// The sentences of a text with ASCII letters in lower case (which keeps
/// every byte where it was), each with the byte offset where it starts.
fn sentences(text: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let end = matches!(b, b'.' | b'!' | b'?' | b';')
            && bytes.get(i + 1).is_none_or(u8::is_ascii_whitespace)
            || b == b'\n' && bytes.get(i + 1) == Some(&b'\n');
        if end {
            out.push((text[start..=i].to_ascii_lowercase(), start));
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push((text[start..].to_ascii_lowercase(), start));
    }
    out
}
