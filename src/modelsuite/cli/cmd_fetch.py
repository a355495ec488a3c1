"""``modelsuite fetch SOURCE|--all``: fetch a provider's model list and replace its CSV, guarded.

``modelsuite fetch SOURCE [--from-file PATH ...] [--output PATH] [--dry-run] [--date YYYY-MM-DD]
[--allow-shrink] [--save-response PATH] [--no-cache] [--verbose]``; ``modelsuite fetch --all``;
``modelsuite fetch --list``. Fetched rows are validated before they replace anything; a refused
fetch exits 1 with one line and leaves the previous file byte-identical. Needs the ``tools`` extra.

A live fetch stamps today's date on its rows; a replay (``--from-file``) must say the snapshot's
date with ``--date`` (exit 2 otherwise), so replayed rows never claim to be fresher than they are.
Besides the row-count guard of :func:`~modelsuite_tools.guarded_write.write_rows`, a result that keeps
fewer than half of the ids this source already has in the target file is refused (a different or
broken response, or the wrong ``--output``) unless ``--allow-shrink``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from modelsuite.cli._output import CliError


def register(sub: Any) -> None:
    """Add the ``fetch`` command."""
    p = sub.add_parser("fetch", help="fetch a provider's models into its CSV (validated, atomic)")
    p.add_argument("source", nargs="?", help="source name (see --list)")
    p.add_argument("--all", action="store_true", help="fetch every source whose credentials are set")
    p.add_argument("--list", action="store_true", help="list the sources and the keys they need")
    p.add_argument("--from-file", action="append", type=Path, metavar="PATH",
                   help="replay a saved API response instead of calling the API (repeatable for bedrock)")
    p.add_argument("--output", type=Path, help="CSV to write (default: data/models/<category>/<provider>.csv)")
    p.add_argument("--data-dir", type=Path, help="data directory (default: the repository's data/models)")
    p.add_argument("--dry-run", action="store_true", help="fetch, parse and validate; write nothing")
    p.add_argument("--date", help="the rows' `updated` date, YYYY-MM-DD (default: today for a live fetch; "
                   "required with --from-file: the snapshot's date)")
    p.add_argument("--allow-shrink", action="store_true",
                   help="accept a result with over 20%% fewer rows than the current file, or one that keeps "
                   "under half of the ids this source has in it")
    p.add_argument("--save-response", type=Path, metavar="PATH",
                   help="also save the fetched API document as JSON (for a later --from-file)")
    p.add_argument("--no-cache", action="store_true", help="ignore and do not fill the 24 h response cache")
    p.add_argument("--verbose", "-v", action="store_true", help="log requests, retries and skipped entries")
    p.set_defaults(func=run)


def _date(text: str | None) -> str:
    import datetime as dt

    if text is None:
        return dt.date.today().isoformat()
    try:
        return dt.date.fromisoformat(text).isoformat() if len(text) == 10 else _bad_date(text)
    except ValueError:
        return _bad_date(text)


def _bad_date(text: str) -> str:
    raise CliError(f"--date {text!r} is not a date; write YYYY-MM-DD", 2)


class _Progress:
    """A one-line progress display on stderr (a bar on a terminal, plain lines otherwise)."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.tty = sys.stderr.isatty()

    def step(self, done: int, label: str) -> None:
        width = 20
        filled = width * done // max(self.total, 1)
        bar = "#" * filled + "-" * (width - filled)
        line = f"[{bar}] {done}/{self.total} {label}"
        if self.tty:
            print(f"\r\x1b[2K{line}", end="", file=sys.stderr, flush=True)
        else:
            print(line, file=sys.stderr, flush=True)

    def finish(self) -> None:
        if self.tty:
            print(file=sys.stderr)


def _setup_logging(verbose: bool) -> Any:
    import logging

    from modelsuite_tools.fetchers.http import redact

    class _Redact(logging.Filter):
        def filter(self, record: logging.LogRecord) -> bool:
            record.msg = redact(record.getMessage())
            record.args = None
            return True

    logger = logging.getLogger("modelsuite_tools")
    logger.handlers.clear()
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("modelsuite: %(message)s"))
    handler.addFilter(_Redact())
    logger.addHandler(handler)
    logger.setLevel(logging.INFO if verbose else logging.ERROR)
    logger.propagate = False

    def log(line: str) -> None:
        if verbose:
            print(f"modelsuite: {redact(line)}", file=sys.stderr)

    return log


#: A fetch must keep at least this fraction of the ids its source already has in the target file.
MIN_KEPT_IDS = 0.5


def _check_kept_ids(output: Path, rows: list[dict[str, str]], owned: set[str]) -> None:
    """Refuse (GuardError) a result that keeps under half of the ids ``owned`` sources have in ``output``.

    Skipped when the row-count guard of ``write_rows`` refuses anyway (it gives the plainer reason)
    or when the current file is absent or unreadable (``write_rows`` reports that).
    """
    from modelsuite_tools.csvio import read_csv
    from modelsuite_tools.guarded_write import MAX_SHRINK, GuardError

    if not output.is_file():
        return
    current = read_csv(output)
    if current.problems:
        return
    old_ids = {r["id"] for r in current.rows if set(r["source"].split("+")) & owned}
    if not old_ids or len(rows) < len(old_ids) * (1 - MAX_SHRINK):
        return
    kept = len(old_ids & {r["id"] for r in rows})
    if kept < len(old_ids) * MIN_KEPT_IDS:
        raise GuardError(f"{output}: only {kept} of the {len(old_ids)} ids this source has in the file are in "
                         f"the fetched rows (under {MIN_KEPT_IDS:.0%}): a different API's response or the wrong "
                         "file? nothing written; rerun with --allow-shrink if intended")


class _Skipped(Exception):
    """``--all``: a source whose credentials are not set is skipped, not failed."""


def _fetch_one(fetcher: Any, args: argparse.Namespace, updated: str, log: Any) -> str:
    """Fetch (or replay), parse, validate and write one source; return a one-line summary."""
    import json

    from modelsuite_tools.atomic import atomic_write_text
    from modelsuite_tools.fetchers.base import FetchParseError
    from modelsuite_tools.fetchers.http import FetchError, HttpClient, MissingCredentials, redact
    from modelsuite_tools.generate.build import DEFAULT_DATA_DIR
    from modelsuite_tools.guarded_write import GuardError, write_rows

    data_dir = args.data_dir or DEFAULT_DATA_DIR
    output = args.output or (Path(data_dir) / fetcher.default_output)
    start = time.perf_counter()
    try:
        if args.from_file:
            document = fetcher.load_files(args.from_file)
        else:
            with HttpClient(use_cache=not args.no_cache, log=log) as client:
                try:
                    document = fetcher.fetch(client)
                except (FetchError, FetchParseError):
                    raise
                except Exception as exc:  # an SDK's own exception types: one line, never a traceback
                    raise FetchError(f"fetch failed: {type(exc).__name__}: {exc}") from None
            if redact(json.dumps(document, ensure_ascii=False)) != json.dumps(document, ensure_ascii=False):
                raise FetchError("the response contains your API key (echoed back by the server); "
                                 "refusing to store or parse it, nothing was written")
            if args.save_response:
                atomic_write_text(args.save_response, json.dumps(document, ensure_ascii=False, indent=1) + "\n")
        try:
            rows = fetcher.parse(document, updated=updated)
        except FetchParseError:
            raise
        except Exception as exc:  # hostile or unexpected data must not become a traceback
            raise FetchParseError(f"cannot parse the {fetcher.name} response: {type(exc).__name__}: {exc}") from None
        import datetime as dt

        owned = {fetcher.source_id} | {t for r in rows for t in r.get("source", "").split("+") if t}
        if not args.allow_shrink:
            _check_kept_ids(output, rows, owned)
        result = write_rows(output, rows, source_ids=owned, allow_shrink=args.allow_shrink,
                            dry_run=args.dry_run, today=dt.date.today())
    except MissingCredentials as exc:
        if args.all:
            raise _Skipped(f"{fetcher.name}: skipped: {redact(str(exc))}") from None
        raise CliError(f"{fetcher.name}: {redact(str(exc))}") from None
    except (FetchError, FetchParseError, GuardError) as exc:
        raise CliError(f"{fetcher.name}: {redact(str(exc))}") from None
    except OSError as exc:
        raise CliError(f"{fetcher.name}: {redact(str(exc.strerror or exc))}") from None
    elapsed = time.perf_counter() - start
    was = f" (was {result.old_rows})" if result.old_rows is not None else ""
    what = "dry run, nothing written" if args.dry_run else ("written" if result.changed else "unchanged")
    warn = f", {result.warnings} warnings" if result.warnings else ""
    if result.kept:
        warn += f", {result.kept} rows of other sources kept"
    if result.carried:
        warn += f", {result.carried} rows kept numbers other sources had supplied"
    if result.shadowed:
        warn += f", {result.shadowed} fetched rows left to another source's row with the same id"
    head = f"{fetcher.name}: {len(rows)} rows fetched, {result.new_rows} in the file{was}"
    return f"{head} -> {output}: {what}{warn} ({elapsed:.2f} s)"


def run(args: argparse.Namespace) -> int:
    """Run one fetch, every fetch (--all), or list the sources."""
    from modelsuite_tools.fetchers import FETCHERS

    if args.list:
        for name, f in FETCHERS.items():
            keys = ", ".join(f.credentials) or "no key"
            print(f"{name:20} {f.default_output:35} {keys:22} {f.summary}")
        return 0
    if args.all and args.source:
        raise CliError("give a SOURCE or --all, not both", 2)
    if not args.all and not args.source:
        raise CliError("give a SOURCE (see --list) or --all", 2)
    if args.all and (args.from_file or args.output or args.save_response):
        raise CliError("--from-file, --output and --save-response need a single SOURCE", 2)
    if args.source and args.source not in FETCHERS:
        raise CliError(f"unknown source {args.source!r}; choose one of {', '.join(FETCHERS)}", 2)
    for path in args.from_file or []:
        if not path.is_file():
            raise CliError(f"--from-file {path}: no such file", 2)
    if args.from_file and args.date is None:
        raise CliError("--from-file needs --date YYYY-MM-DD: the date the saved response was fetched "
                       "(its rows' `updated`)", 2)
    updated = _date(args.date)
    log = _setup_logging(args.verbose)
    if not args.all:
        print(_fetch_one(FETCHERS[args.source], args, updated, log))
        return 0
    names = list(FETCHERS)
    progress = _Progress(len(names))
    failures: list[str] = []
    lines: list[str] = []
    for n, name in enumerate(names):
        progress.step(n, f"fetching {name}")
        try:
            lines.append(_fetch_one(FETCHERS[name], args, updated, log))
        except _Skipped as exc:
            lines.append(str(exc))
        except CliError as exc:
            failures.append(str(exc))
    progress.step(len(names), "done")
    progress.finish()
    for line in lines:
        print(line)
    for line in failures:
        print(f"modelsuite: error: {line}", file=sys.stderr)
    if failures:
        print(f"fetch --all: {len(failures)} of {len(names)} sources failed; their files are unchanged",
              file=sys.stderr)
    return 1 if failures else 0
