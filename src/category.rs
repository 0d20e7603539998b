//! The twelve statutory categories of personal information (Cal. Civ. Code 1798.140(v)(1)).

use serde::Deserialize;

/// A statutory category of personal information (Cal. Civ. Code 1798.140(v)(1)(A)-(L)).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// (A) Identifiers: name, alias, postal address, online identifier, IP address, email address, account name.
    Identifiers,
    /// (B) Personal information described in 1798.80(e): customer records.
    CustomerRecords,
    /// (C) Characteristics of protected classifications under California or federal law.
    ProtectedClassifications,
    /// (D) Commercial information: purchases, purchasing histories or tendencies.
    Commercial,
    /// (E) Biometric information.
    Biometric,
    /// (F) Internet or other electronic network activity: browsing and search history, interactions.
    InternetActivity,
    /// (G) Geolocation data.
    Geolocation,
    /// (H) Audio, electronic, visual, thermal, olfactory or similar information.
    Sensory,
    /// (I) Professional or employment-related information.
    Professional,
    /// (J) Non-public education information (FERPA).
    Education,
    /// (K) Inferences drawn to create a profile.
    Inferences,
    /// (L) Sensitive personal information (CPRA).
    Sensitive,
}

/// What the code knows of one category: its key, its letter in 1798.140(v)(1),
/// the label tables conventionally print, and the statute's description.
pub struct CategoryInfo {
    pub category: Category,
    pub key: &'static str,
    pub letter: char,
    pub label: &'static str,
    pub statute: &'static str,
}

/// The one table of statutory categories, in statutory order (A to L).
pub const CATEGORIES: [CategoryInfo; 12] = [
    info(
        Category::Identifiers,
        "identifiers",
        'A',
        "Identifiers",
        "Identifiers such as a real name, alias, postal address, unique personal identifier, online identifier, IP address, email address, account name, Social Security number, driver's license number, passport number, or other similar identifiers",
    ),
    info(
        Category::CustomerRecords,
        "customer-records",
        'B',
        "Customer records",
        "Any personal information described in subdivision (e) of Section 1798.80",
    ),
    info(
        Category::ProtectedClassifications,
        "protected-classifications",
        'C',
        "Protected classification characteristics",
        "Characteristics of protected classifications under California or federal law",
    ),
    info(
        Category::Commercial,
        "commercial",
        'D',
        "Commercial information",
        "Commercial information, including records of personal property, products or services purchased, obtained, or considered, or other purchasing or consuming histories or tendencies",
    ),
    info(
        Category::Biometric,
        "biometric",
        'E',
        "Biometric information",
        "Biometric information",
    ),
    info(
        Category::InternetActivity,
        "internet-activity",
        'F',
        "Internet or other electronic network activity",
        "Internet or other electronic network activity information, including browsing history, search history, and information regarding a consumer's interaction with an internet website, application, or advertisement",
    ),
    info(
        Category::Geolocation,
        "geolocation",
        'G',
        "Geolocation data",
        "Geolocation data",
    ),
    info(
        Category::Sensory,
        "sensory",
        'H',
        "Sensory data",
        "Audio, electronic, visual, thermal, olfactory, or similar information",
    ),
    info(
        Category::Professional,
        "professional",
        'I',
        "Professional or employment-related information",
        "Professional or employment-related information",
    ),
    info(
        Category::Education,
        "education",
        'J',
        "Education information",
        "Education information, defined as information that is not publicly available personally identifiable information as defined in the Family Educational Rights and Privacy Act",
    ),
    info(
        Category::Inferences,
        "inferences",
        'K',
        "Inferences",
        "Inferences drawn from any of the information identified in this subdivision to create a profile about a consumer",
    ),
    info(
        Category::Sensitive,
        "sensitive",
        'L',
        "Sensitive personal information",
        "Sensitive personal information",
    ),
];

const fn info(
    category: Category,
    key: &'static str,
    letter: char,
    label: &'static str,
    statute: &'static str,
) -> CategoryInfo {
    CategoryInfo {
        category,
        key,
        letter,
        label,
        statute,
    }
}

impl Category {
    pub fn info(self) -> &'static CategoryInfo {
        &CATEGORIES[self as usize]
    }

    pub fn key(self) -> &'static str {
        self.info().key
    }

    pub fn label(self) -> &'static str {
        self.info().label
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_in_statutory_order_and_matches_serde_keys() {
        for (i, info) in CATEGORIES.iter().enumerate() {
            assert_eq!(info.category as usize, i);
            assert_eq!(info.letter, (b'A' + i as u8) as char);
            let parsed: Category =
                serde_json::from_value(serde_json::Value::String(info.key.into())).unwrap();
            assert_eq!(parsed, info.category);
        }
    }
}
