//! The duties the US states share beyond California's: an appeal process,
//! and an opt-out where data is sold or used for targeted advertising (one
//! missing fact is one finding, under the first state's rule that applies);
//! and Colorado's purposes and Minnesota's retention for each kind of data.

use super::Ctx;
use crate::diag::{Diagnostic, Pos};
use crate::processing::{Right, UseKind};
use crate::rules::{RuleId, id};
use crate::source::Source;

/// Of a family of rules (one per state), the one a finding goes under: the
/// first that applies on a confirmed source, else the first that applies.
fn reports(ctx: &Ctx<'_>, family: &[RuleId], me: RuleId) -> bool {
    let applying = || family.iter().filter(|r| super::lint::applies(**r, ctx));
    let confirmed = |r: &&RuleId| crate::rules::rule(**r).pack.is_some_and(|p| p.confirmed);
    applying().find(confirmed).or_else(|| applying().next()) == Some(&me)
}

/// Where the `processing` facts start, or the top of the file.
fn start(ctx: &Ctx<'_>) -> Pos {
    let p = ctx.compiled.policy.processing.as_ref();
    p.and_then(|p| p.data.first().map(|d| Source::pos_of(&d.id)))
        .or_else(|| p.and_then(|p| p.appeal.as_ref()).map(Source::pos_of))
        .unwrap_or(Pos::new(1, 1))
}

const APPEALS: [RuleId; 6] = [
    id::CO_APPEAL,
    id::VA_APPEAL,
    id::CT_APPEAL,
    id::TX_APPEAL,
    id::OR_APPEAL,
    id::MN_APPEAL,
];

fn appeal(ctx: &Ctx<'_>, me: RuleId) -> Vec<Diagnostic> {
    let given = ctx
        .compiled
        .policy
        .processing
        .as_ref()
        .is_some_and(|p| p.appeal.is_some());
    if given || !reports(ctx, &APPEALS, me) {
        return Vec::new();
    }
    vec![
        Diagnostic::error("the policy does not say how to appeal a refused privacy request", start(ctx))
            .help("add `appeal:` under `processing:` with the id of the contact that takes appeals, and describe the process in the text"),
    ]
}

const OPT_OUTS: [RuleId; 6] = [
    id::CO_OPT_OUT,
    id::VA_OPT_OUT,
    id::CT_OPT_OUT,
    id::TX_OPT_OUT,
    id::OR_OPT_OUT,
    id::MN_OPT_OUT,
];

/// Where data is sold or used for targeted advertising: the purpose whose
/// `kinds` say so, or the top of the facts for a CCPA row sold or shared.
fn sold_or_targeted(ctx: &Ctx<'_>) -> Option<Pos> {
    let policy = &ctx.compiled.policy;
    let purpose = policy.processing.as_ref().and_then(|p| {
        p.purposes.iter().find(|x| {
            x.kinds.iter().any(|k| {
                matches!(
                    k,
                    UseKind::Sale | UseKind::Sharing | UseKind::TargetedAdvertising
                )
            })
        })
    });
    let doc = &ctx.compiled.doc;
    let row = doc
        .ccpa
        .as_ref()
        .is_some_and(|c| c.rows.iter().any(|r| r.sold || r.shared));
    match purpose {
        Some(x) => Some(Source::pos_of(&x.id)),
        None => row.then(|| start(ctx)),
    }
}

/// Data sold or used for targeted advertising needs the right to opt out listed.
fn opt_out(ctx: &Ctx<'_>, me: RuleId) -> Vec<Diagnostic> {
    let policy = &ctx.compiled.policy;
    let doc = &ctx.compiled.doc;
    let Some(pos) = sold_or_targeted(ctx) else {
        return Vec::new();
    };
    let listed = policy
        .processing
        .as_ref()
        .is_some_and(|p| p.rights.iter().any(|r| r.value == Right::OptOut))
        || doc
            .ccpa
            .as_ref()
            .is_some_and(|c| c.rights.contains(&crate::model::Right::OptOut));
    if listed || !reports(ctx, &OPT_OUTS, me) {
        return Vec::new();
    }
    vec![
        Diagnostic::error(
            "personal data is sold or used for targeted advertising, but the right to opt out is not listed",
            pos,
        )
        .help("add `opt-out` to `rights:` under `processing:` (or to `ccpa.rights`), and say in the text how to opt out"),
    ]
}

pub fn co_appeal(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    appeal(ctx, id::CO_APPEAL)
}
pub fn co_opt_out(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    opt_out(ctx, id::CO_OPT_OUT)
}
pub fn va_appeal(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    appeal(ctx, id::VA_APPEAL)
}
pub fn va_opt_out(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    opt_out(ctx, id::VA_OPT_OUT)
}
pub fn ct_appeal(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    appeal(ctx, id::CT_APPEAL)
}
pub fn ct_opt_out(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    opt_out(ctx, id::CT_OPT_OUT)
}
pub fn tx_appeal(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    appeal(ctx, id::TX_APPEAL)
}
pub fn tx_opt_out(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    opt_out(ctx, id::TX_OPT_OUT)
}
pub fn or_appeal(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    appeal(ctx, id::OR_APPEAL)
}
pub fn or_opt_out(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    opt_out(ctx, id::OR_OPT_OUT)
}
pub fn mn_appeal(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    appeal(ctx, id::MN_APPEAL)
}
pub fn mn_opt_out(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    opt_out(ctx, id::MN_OPT_OUT)
}

/// Each kind of data (`processing.data`, or a collected CCPA row) that lacks
/// what `lacks` asks for, by its id and where it is written.
fn per_kind(
    ctx: &Ctx<'_>,
    lacks_data: impl Fn(&crate::processing::Data) -> bool,
    lacks_row: impl Fn(&crate::model::CcpaRow) -> bool,
) -> Vec<(String, Pos)> {
    let policy = &ctx.compiled.policy;
    let data = policy.processing.iter().flat_map(|p| &p.data);
    let rows = policy.ccpa.iter().flat_map(|c| &c.categories);
    data.filter(|d| lacks_data(d))
        .map(|d| (d.id.value.clone(), Source::pos_of(&d.id)))
        .chain(rows.filter(|r| r.collected && lacks_row(r)).map(|r| {
            let key =
                r.id.as_ref()
                    .map_or(r.category.value.key().to_string(), |t| t.value.clone());
            (key, Source::pos_of(&r.category))
        }))
        .collect()
}

pub fn co_purposes(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    // California's `category-purposes` already says it for the CCPA rows.
    let rows = |r: &crate::model::CcpaRow| {
        r.purposes.is_empty() && !super::lint::applies(id::CATEGORY_PURPOSES, ctx)
    };
    per_kind(ctx, |d| d.purposes.is_empty(), rows)
        .into_iter()
        .map(|(key, pos)| {
            Diagnostic::error(
                format!("`{key}` is not linked to the purposes it is used for"),
                pos,
            )
            .width(key.chars().count())
            .help("add `purposes:` to it, naming what the data is used for")
        })
        .collect()
}

pub fn mn_retention(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    let rows = |r: &crate::model::CcpaRow| {
        r.retention.is_none() && !super::lint::applies(id::CATEGORY_RETENTION, ctx)
    };
    per_kind(ctx, |d| d.retention.is_none(), rows)
        .into_iter()
        .map(|(key, pos)| {
            Diagnostic::error(format!("`{key}` does not say how long it is kept"), pos)
                .width(key.chars().count())
                .help("add `retention:` with the period, or the criteria that decide it")
        })
        .collect()
}

pub fn co_opt_out_signals(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    let facts = ctx.compiled.policy.processing.as_ref();
    let given = facts.is_some_and(|p| p.opt_out_signals.is_some());
    match sold_or_targeted(ctx) {
        Some(pos) if !given => vec![
            Diagnostic::error(
                "personal data is sold or used for targeted advertising, but the policy does not say how universal opt-out signals are handled",
                pos,
            )
            .help("add `opt_out_signals:` under `processing:` with a sentence on how requests sent by Global Privacy Control or a similar signal are handled"),
        ],
        _ => Vec::new(),
    }
}
