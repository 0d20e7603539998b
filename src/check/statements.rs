//! The statements a law dictates (`crate::statements`): printed where the
//! page's template puts them, and never written without the facts behind them.

use super::Ctx;
use crate::diag::{Diagnostic, Pos};
use crate::statements::{CT_LLM_NO, CT_LLM_YES, TX_BIOMETRIC, TX_SENSITIVE};

/// The page template in use must print the statements; `law` names who asks.
fn template_prints(ctx: &Ctx<'_>, law: &str, ours: &[&str]) -> Option<Diagnostic> {
    let doc = &ctx.compiled.doc;
    let wanted: Vec<&str> = doc
        .statements
        .iter()
        .map(String::as_str)
        .filter(|s| ours.contains(s))
        .collect();
    let page = ctx.templates.get("page.html")?;
    (!wanted.is_empty() && !page.contains("statements")).then(|| {
        Diagnostic::error(
            format!(
                "the HTML template page.html in use does not print the statement {law} requires: \"{}\"",
                wanted.join("\" and \"")
            ),
            Pos::new(1, 1),
        )
        .help("print {% for statement in statements %}{{ statement }}{% endfor %} near the top of templates/page.html, as the built-in template does")
    })
}

/// Connecticut: the policy says whether personal data trains large language
/// models (`processing.language_models`), and the page prints it.
pub fn ct_llm_statement(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    let given = ctx
        .compiled
        .policy
        .processing
        .as_ref()
        .is_some_and(|p| p.language_models.is_some());
    if !given {
        return vec![
            Diagnostic::error(
                "the policy does not say whether personal data trains large language models",
                Pos::new(1, 1),
            )
            .help("add `language_models: false` (or `true`) under `processing`; policyc prints the statement Connecticut asks for"),
        ];
    }
    template_prints(ctx, "Connecticut", &[CT_LLM_YES, CT_LLM_NO])
        .into_iter()
        .collect()
}

/// Texas 541.102(b)-(c): the sale notices, where the facts call for them and
/// only there.
pub fn tx_sale_notice(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    let doc = &ctx.compiled.doc;
    let mut out: Vec<Diagnostic> = template_prints(ctx, "Texas", &[TX_SENSITIVE, TX_BIOMETRIC])
        .into_iter()
        .collect();
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
