#!/usr/bin/env bash
# Regenerate every committed CSV and generated file from recorded sources, offline:
#   1. replay the recorded provider API responses (../shared/fixtures, when present) through the fetchers,
#   2. import the catalog snapshots (data/snapshots) and reconcile every source,
#   3. annotate the fetched files from the catalogs (verify --write), validate, build.
# The weekly workflow does the same with live APIs instead of step 1's recordings.
set -euo pipefail
cd "$(dirname "$0")/.."
ms=${MODELSUITE:-.venv/bin/modelsuite}
fx=${FIXTURES:-../shared/fixtures}
if [ -d "$fx" ]; then
    $ms fetch openrouter --from-file "$fx/openrouter/openrouter_models.json" --date 2026-08-19 --allow-shrink
    $ms fetch together --from-file "$fx/together/together_models.json" --date 2026-01-23 --allow-shrink
    $ms fetch groq --from-file "$fx/groq/groq_models.json" --date 2026-08-17 --allow-shrink
    $ms fetch bedrock --from-file "$fx/bedrock/list_foundation_models_us-east-1.json" \
        --from-file "$fx/bedrock/pricing_get_products_response_reconstructed.json" --date 2025-11-04 --allow-shrink
else
    echo "no recorded responses at $fx: keeping the committed fetcher CSVs" >&2
fi
$ms import all --from-snapshots
$ms verify --write
$ms validate
$ms build
