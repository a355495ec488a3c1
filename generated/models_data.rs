//! Auto-generated model data - DO NOT EDIT (rebuild with `modelsuite build`)
//! Generated from data/models (0 CSV files, sha256 e3b0c44298fc1c14)
//! Sources: core/0, regional/0, specialized/0, aggregators/0, community/0
//! Row format: id|alias|name|status|pricing|context|caps|benchmarks|description|classify|source|quality|updated

pub const MODEL_DATA: &str = r#""#;

/// Number of models in the registry
pub const MODEL_COUNT: usize = 0;

/// Registry version (for cache invalidation)
pub const REGISTRY_VERSION: &str = "0000-00-00+e3b0c442";

/// Sources included in this build
pub const DATA_SOURCES: &[(&str, usize)] = &[
    ("core", 0),
    ("regional", 0),
    ("specialized", 0),
    ("aggregators", 0),
    ("community", 0),
];
