//! One policy compiled: loaded, with the fragments it includes, and resolved.

use crate::source::Source;
use crate::{diag, doc, load, model, resolve};

/// A compiled policy: the source model (which knows where every value is
/// written), the resolved document, and the warnings found on the way.
#[derive(Debug)]
pub struct Compilation {
    pub policy: model::Policy,
    pub doc: doc::Document,
    pub warnings: Vec<diag::Diagnostic>,
    /// What the document was resolved from, to resolve it again with
    /// another version's facts ([`Compilation::restate`]).
    source: Source,
    included: Vec<load::Included>,
}

impl Compilation {
    /// The source the policy was compiled from.
    pub fn source(&self) -> &Source {
        &self.source
    }

    /// The policy's text as it would read with the facts of another version
    /// (see [`resolve::restate`]): what `diff` compares that version's text
    /// with. `None` when that does not resolve; the text is then compared
    /// as it is.
    pub fn restate(&self, facts_of: &doc::Document) -> Option<doc::Document> {
        resolve::restate(&self.source, &self.policy, &self.included, facts_of)
            .ok()
            .map(|(doc, _)| doc)
    }
}

/// Loads and resolves one policy source, with the fragments it includes
/// (read relative to its path).
pub fn compile(source: &Source) -> Result<Compilation, Vec<diag::Diagnostic>> {
    let policy = load::parse(source)?;
    let (included, mut problems) = load::include(source, &policy.include);
    match resolve::resolve(source, &policy, &included) {
        Ok((doc, mut warnings)) if !problems.iter().any(diag::Diagnostic::is_error) => {
            problems.append(&mut warnings);
            Ok(Compilation {
                policy,
                doc,
                warnings: problems,
                source: source.clone(),
                included,
            })
        }
        Ok((_, mut diags)) | Err(mut diags) => {
            problems.append(&mut diags);
            Err(problems)
        }
    }
}
