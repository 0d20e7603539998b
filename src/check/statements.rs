//! The statements a law dictates (`crate::statements`): printed where the
//! page's template puts them, and never written without the facts behind them.

use super::Ctx;
use crate::diag::{Diagnostic, Pos};
use crate::statements::{TX_BIOMETRIC, TX_SENSITIVE};

/// Texas 541.102(b)-(c): the sale notices, where the facts call for them and
/// only there.
pub fn tx_sale_notice(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    let doc = &ctx.compiled.doc;
    let mut out = Vec::new();
    if !doc.statements.is_empty()
        && ctx
            .templates
            .get("page.html")
            .is_some_and(|page| !page.contains("statements"))
    {
        out.push(
            Diagnostic::error(
                format!(
                    "the HTML template page.html in use does not print the statement Texas requires: \"{}\"",
                    doc.statements.join("\" and \"")
                ),
                Pos::new(1, 1),
            )
            .help("print {% for statement in statements %}{{ statement }}{% endfor %} near the top of templates/page.html, as the built-in template does"),
        );
    }
    // Written into the text by hand, a statement says the business sells
    // what its facts say it does not.
    let source = ctx.compiled.source();
    for statement in [TX_SENSITIVE, TX_BIOMETRIC] {
        if doc.statements.iter().any(|s| s == statement) {
            continue;
        }
        if let Some(at) = source.text.find(statement) {
            let what = if statement == TX_SENSITIVE {
                "sensitive"
            } else {
                "biometric"
            };
            out.push(
                Diagnostic::error(
                    format!("the text says \"{statement}\", but no {what} category is marked sold"),
                    Pos::of_offset(&source.text, at),
                )
                .width(statement.chars().count())
                .help(format!(
                    "take the sentence out: policyc prints it when the `{what}` row says `sold: true` and the policy names `us-tx`"
                )),
            );
        }
    }
    out
}
