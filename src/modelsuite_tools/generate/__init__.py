"""Compile the merged registry into its shipped forms (the plan's build.rs + generate_rust.py).

Targets, all deterministic (same CSVs in, byte-identical files out):

- ``src/modelsuite/_data.py``: the data module the runtime loads;
- ``generated/models_data.rs``: the plan's §6.1 Rust source (13-field pipe-delimited rows);
- ``generated/registry.json``: the whole registry as JSON;
- ``data/models/schema.json``: the JSON Schema of a CSV row, from :mod:`modelsuite_tools.schema`.
"""

from modelsuite_tools.generate.build import BuildResult, Target, build, check_drift, default_targets

__all__ = ["BuildResult", "Target", "build", "check_drift", "default_targets"]
