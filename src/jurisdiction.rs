//! The laws a policy answers to (`jurisdictions`), each with its name, the day
//! it applies from, and whether a new use of data already collected needs
//! the person's consent or only notice (PACKS.md §3).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A law whose rules policyc knows. A policy names the ones it answers to;
/// one with a `ccpa` block and no list answers to California's.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
pub enum Jurisdiction {
    /// California: CCPA as amended by the CPRA.
    #[serde(rename = "us-ca")]
    UsCa,
    /// Colorado Privacy Act.
    #[serde(rename = "us-co")]
    UsCo,
    /// Virginia Consumer Data Protection Act.
    #[serde(rename = "us-va")]
    UsVa,
    /// Connecticut Data Privacy Act.
    #[serde(rename = "us-ct")]
    UsCt,
    /// Texas Data Privacy and Security Act.
    #[serde(rename = "us-tx")]
    UsTx,
    /// Oregon Consumer Privacy Act.
    #[serde(rename = "us-or")]
    UsOr,
    /// Minnesota Consumer Data Privacy Act.
    #[serde(rename = "us-mn")]
    UsMn,
    /// The EU General Data Protection Regulation.
    #[serde(rename = "eu-gdpr")]
    EuGdpr,
    /// The UK GDPR and the Data Protection Act 2018.
    #[serde(rename = "uk-gdpr")]
    UkGdpr,
}

/// Whether a change that puts data already collected to a new use may take
/// effect after notice, or needs the person's consent first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Need {
    Notice,
    Consent,
}

impl Jurisdiction {
    pub const ALL: [Jurisdiction; 9] = [
        Jurisdiction::UsCa,
        Jurisdiction::UsCo,
        Jurisdiction::UsVa,
        Jurisdiction::UsCt,
        Jurisdiction::UsTx,
        Jurisdiction::UsOr,
        Jurisdiction::UsMn,
        Jurisdiction::EuGdpr,
        Jurisdiction::UkGdpr,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Jurisdiction::UsCa => "us-ca",
            Jurisdiction::UsCo => "us-co",
            Jurisdiction::UsVa => "us-va",
            Jurisdiction::UsCt => "us-ct",
            Jurisdiction::UsTx => "us-tx",
            Jurisdiction::UsOr => "us-or",
            Jurisdiction::UsMn => "us-mn",
            Jurisdiction::EuGdpr => "eu-gdpr",
            Jurisdiction::UkGdpr => "uk-gdpr",
        }
    }

    /// The law's name as a reader knows it.
    pub fn name(self) -> &'static str {
        match self {
            Jurisdiction::UsCa => "California (CCPA)",
            Jurisdiction::UsCo => "Colorado (CPA)",
            Jurisdiction::UsVa => "Virginia (VCDPA)",
            Jurisdiction::UsCt => "Connecticut (CTDPA)",
            Jurisdiction::UsTx => "Texas (TDPSA)",
            Jurisdiction::UsOr => "Oregon (OCPA)",
            Jurisdiction::UsMn => "Minnesota (MCDPA)",
            Jurisdiction::EuGdpr => "the EU (GDPR)",
            Jurisdiction::UkGdpr => "the UK (UK GDPR)",
        }
    }

    /// What a new use of data already collected needs under this law, and
    /// the provision that says so (PACKS.md §3).
    pub fn new_use(self) -> (Need, &'static str) {
        match self {
            // Notice at collection covers additional, compatible purposes.
            Jurisdiction::UsCa => (Need::Notice, "Cal. Civ. Code 1798.100(a)(1)"),
            Jurisdiction::UsCo => (Need::Consent, "4 CCR 904-3 Rule 6.04(B)"),
            Jurisdiction::UsVa => (
                Need::Consent,
                "Va. Code 59.1-578(A)(2), unless reasonably necessary to and compatible with the disclosed purposes",
            ),
            Jurisdiction::UsCt => (
                Need::Consent,
                "CGS 42-520(a)(2), unless reasonably necessary to and compatible with the disclosed purposes",
            ),
            Jurisdiction::UsTx => (
                Need::Consent,
                "Tex. Bus. & Com. Code 541.101(b)(1), unless reasonably necessary to and compatible with the disclosed purposes",
            ),
            Jurisdiction::UsOr => (
                Need::Consent,
                "ORS 646A.578, unless reasonably necessary to and compatible with the disclosed purposes",
            ),
            Jurisdiction::UsMn => (
                Need::Consent,
                "Minn. Stat. 325M.16(e): a reasonable chance to withdraw consent to materially different processing",
            ),
            Jurisdiction::EuGdpr => (
                Need::Consent,
                "GDPR Art. 6(4), 13(3): a purpose incompatible with the original one needs its own legal basis, usually consent",
            ),
            Jurisdiction::UkGdpr => (
                Need::Consent,
                "UK GDPR Art. 6(4), 13(3); ICO: tell people before the new use starts",
            ),
        }
    }
}
