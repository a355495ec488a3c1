"""``modelsuite import SOURCE|all``: import public catalogs (LiteLLM, models.dev, genai-prices) into the CSVs.

``modelsuite import all --from-snapshots`` regenerates every catalog-derived CSV offline from
``data/snapshots`` (then ``modelsuite validate`` and ``modelsuite build``). Without
``--from-snapshots``/``--from-file`` the catalogs are downloaded from their public URLs (needs the
``tools`` extra), each document is saved into ``data/snapshots`` (gzipped with mtime 0;
MANIFEST.json gets today's date, the sha256 and the URL) and the reconcile then reads the
snapshots, so a later offline run reproduces it; ``--from-file`` reads a saved copy of one catalog
without saving it. The import reconciles every
source (see ``modelsuite_tools.verify``) and writes through the guarded writer; ``--dry-run`` writes
nothing.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from modelsuite.cli._output import CliError


def register(sub: Any) -> None:
    """Add the ``import`` command."""
    p = sub.add_parser("import", help="import the public catalogs (LiteLLM, models.dev, genai-prices) into data/models")
    p.add_argument("source", choices=["litellm", "models.dev", "modelsdev", "genai-prices", "all"],
                   help="catalog to import")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--from-snapshots", action="store_true", help="read the committed data/snapshots (offline)")
    where.add_argument("--from-file", type=Path, metavar="PATH", help="read a saved copy of one catalog")
    p.add_argument("--date", help="`updated` date of rows read with --from-file or online (default: the "
                   "snapshot's upload date when the file matches the manifest, else today)")
    add_dir_arguments(p)
    p.add_argument("--dry-run", action="store_true", help="reconcile and report; write nothing")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Import, reconcile and write."""
    import datetime as dt
    import hashlib

    from modelsuite_tools.importers import importers
    from modelsuite_tools.importers.base import CatalogError
    from modelsuite_tools.verify import read_manifest, run_pipeline, save_snapshot, write_result

    data_dir, snap_dir = dirs(args)
    source = "models.dev" if args.source == "modelsdev" else args.source
    mods = importers()
    if args.from_file and source == "all":
        raise CliError("--from-file reads one catalog; name it (litellm, models.dev or genai-prices) instead of all", 2)
    date = args.date
    if date is not None:
        try:
            date = dt.date.fromisoformat(date).isoformat()
        except ValueError:
            raise CliError(f"--date {args.date!r} is not a date; write YYYY-MM-DD", 2) from None
    replace: dict[str, list[dict[str, str]]] = {}
    try:
        if args.from_file:
            mod = mods[source]
            try:
                raw = args.from_file.read_bytes()
            except OSError as exc:
                raise CliError(f"{args.from_file}: cannot read ({exc.strerror})") from None
            if date is None:
                plain = raw
                if raw[:2] == b"\x1f\x8b":
                    import gzip

                    plain = gzip.decompress(raw)
                digest = hashlib.sha256(plain).hexdigest()
                match = [s for s in read_manifest(snap_dir) if s.source == source and s.sha256 == digest]
                date = match[0].uploaded if match else dt.date.today().isoformat()
            replace[source] = mod.parse(mod.load(raw), updated=date)
        elif not args.from_snapshots:
            # online (the weekly workflow): save each downloaded document as the source's snapshot
            # (gzip mtime 0, MANIFEST.json updated), then reconcile from the snapshots, so a later
            # `--from-snapshots` run reproduces exactly this import
            wanted = list(mods) if source == "all" else [source]
            today = date or dt.date.today().isoformat()
            for name in wanted:
                raw = download(mods[name].URL)
                if args.dry_run:
                    mod = mods[name]
                    replace[name] = mod.parse(mod.load(raw), updated=today)
                else:
                    save_snapshot(snap_dir, name, raw, url=mods[name].URL, today=today)
                    print(f"{name}: saved {snap_dir / mods[name].SNAPSHOT} ({today})")
        res = run_pipeline(data_dir, snap_dir, replace=replace)
        changed = write_result(data_dir, res, dry_run=args.dry_run)
    except CatalogError as exc:
        raise CliError(str(exc)) from None
    print_summary(res, changed, dry_run=args.dry_run)
    return 0


def add_dir_arguments(p: Any) -> None:
    """Add ``--data-dir`` and ``--snapshots-dir`` (import, verify, audit)."""
    p.add_argument("--data-dir", type=Path, help="data directory (default: the repository's data/models)")
    p.add_argument("--snapshots-dir", type=Path, help="snapshots directory (default: data/snapshots)")


def reconciled(args: argparse.Namespace) -> tuple[Path, Any]:
    """Reconcile the snapshots with the data directory of the arguments: ``(data_dir, result)``."""
    from modelsuite_tools.importers.base import CatalogError
    from modelsuite_tools.verify import run_pipeline

    data_dir, snap_dir = dirs(args)
    try:
        return data_dir, run_pipeline(data_dir, snap_dir)
    except CatalogError as exc:
        raise CliError(str(exc)) from None


def dirs(args: argparse.Namespace) -> tuple[Path, Path]:
    """Return the data and snapshots directories from the arguments (or the repository's)."""
    from modelsuite_tools.generate.build import DEFAULT_DATA_DIR

    data_dir = Path(args.data_dir) if args.data_dir else DEFAULT_DATA_DIR
    snap_dir = Path(args.snapshots_dir) if args.snapshots_dir else data_dir.parent / "snapshots"
    if not data_dir.is_dir():
        raise CliError(f"{data_dir}: data directory not found; pass --data-dir", 2)
    return data_dir, snap_dir


def download(url: str) -> bytes:
    """Return a catalog document downloaded through the fetchers' HTTP layer (JSON, re-serialised).

    The HTTP layer returns parsed JSON; the document is written back as compact JSON in the order
    received (numbers keep their shortest exact form), which is what the snapshot stores.
    """
    import json

    try:
        from modelsuite_tools.fetchers.http import FetchError, HttpClient
    except ImportError as exc:  # pragma: no cover - the tools extra is missing
        raise CliError(f"online import needs the tools extra ({exc}); use --from-snapshots") from None
    try:
        with HttpClient(timeout=60) as client:
            doc = client.get_json(url)
    except FetchError as exc:
        raise CliError(f"{url}: {exc}; use --from-snapshots to work offline") from None
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def print_summary(res: Any, changed: list[str], *, dry_run: bool) -> None:
    """Print what the pass produced and wrote."""
    rows = [r for f in res.files.values() for r in f]
    verified = sum(1 for r in rows if r["quality"] == "verified")
    providers = {r["id"].split("/", 1)[0] for r in rows}
    verb = "would change" if dry_run else "changed"
    print(f"{len(rows)} rows over {len(providers)} providers, {verified} verified "
          f"({100 * verified / max(1, len(rows)):.1f}%), {len(res.disagreements)} disagreements; "
          f"{len(changed)} files {verb}")
    for key, value in res.stats.items():
        print(f"  {key}: {value}")
    for line in res.dropped:
        print(f"  dropped {line}")
