//! The JSON Schema of the source format, generated from the very types that
//! read it, so that editors complete and check what policyc accepts.

use schemars::generate::SchemaSettings;

use crate::model::Policy;

/// The schema as pretty-printed JSON. Draft 7, which every editor plugin reads.
pub fn json() -> String {
    let mut schema = SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<Policy>();
    schema.insert("title".into(), "policyc policy source (format v1)".into());
    // A schema that cannot be printed would be a bug in the derive, not bad input.
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
