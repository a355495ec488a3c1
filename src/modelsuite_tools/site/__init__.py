"""The static catalog site: ``modelsuite site --output DIR``.

One page (``index.html``) with its stylesheet and script (package data in ``assets/``), and the
registry as ``data.js``: a script that sets one global, so the page works from ``file://`` (no
``fetch``) and on any static host. No CDN, no build step; the same registry gives byte-identical
files.
"""

from __future__ import annotations

from modelsuite_tools.site.generate import (
    ASSET_NAMES,
    DATA_FIELDS,
    SiteError,
    SiteResult,
    build_site,
    encode_data_js,
    models_from_runtime,
    offerings_from_runtime,
    render_site,
    write_site,
)

__all__ = [
    "ASSET_NAMES",
    "DATA_FIELDS",
    "SiteError",
    "SiteResult",
    "build_site",
    "encode_data_js",
    "models_from_runtime",
    "offerings_from_runtime",
    "render_site",
    "write_site",
]
