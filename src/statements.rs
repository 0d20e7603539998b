//! Statements a law makes a policy print in its own words, derived from the
//! facts: printed by every renderer, checked by the lint rules.

use crate::category::Category;
use crate::doc::Ccpa;
use crate::jurisdiction::Jurisdiction;
use crate::model::Policy;

/// Texas Bus. & Com. Code 541.102(b): a controller that sells sensitive data.
pub const TX_SENSITIVE: &str = "NOTICE: We may sell your sensitive personal data.";
/// Texas Bus. & Com. Code 541.102(c): a controller that sells biometric data.
pub const TX_BIOMETRIC: &str = "NOTICE: We may sell your biometric personal data.";

/// Connecticut (CGS 42-520(c) as amended by PA 25-113): whether personal
/// data trains large language models.
pub const CT_LLM_YES: &str =
    "We collect, use or sell personal data for the purpose of training large language models.";
pub const CT_LLM_NO: &str = "We do not collect, use or sell personal data for the purpose of training large language models.";

/// The laws a policy answers to: as listed (sorted, once each), or
/// California for a policy with a `ccpa` block and no list.
pub fn jurisdictions(policy: &Policy) -> Vec<Jurisdiction> {
    let mut out: Vec<Jurisdiction> = policy.jurisdictions.iter().map(|j| j.value).collect();
    if out.is_empty() && policy.ccpa.is_some() {
        out.push(Jurisdiction::UsCa);
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The statements the policy's laws make it print, given its facts.
pub fn of(jurisdictions: &[Jurisdiction], ccpa: Option<&Ccpa>, policy: &Policy) -> Vec<String> {
    let mut out = Vec::new();
    let trains = policy.processing.as_ref().and_then(|p| p.language_models);
    if let (true, Some(trains)) = (jurisdictions.contains(&Jurisdiction::UsCt), trains) {
        out.push(if trains { CT_LLM_YES } else { CT_LLM_NO }.to_string());
    }
    if jurisdictions.contains(&Jurisdiction::UsTx) {
        let sells = |category: Category| {
            ccpa.is_some_and(|c| {
                c.rows
                    .iter()
                    .any(|r| r.sold && (r.category == category || r.also.contains(&category)))
            })
        };
        if sells(Category::Sensitive) {
            out.push(TX_SENSITIVE.to_string());
        }
        if sells(Category::Biometric) {
            out.push(TX_BIOMETRIC.to_string());
        }
    }
    out
}
