"""The command line only: parse arguments, call the run, print a summary, return an exit code.

Exit codes: 0 every article ok, 1 some articles failed (listed in errors.csv), 2 usage error,
130 interrupted (Ctrl-C or SIGTERM; the previous output is left intact).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from pipeline import __version__
from pipeline.settings import Settings, load_settings

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130  # the shell convention for SIGINT


class _Parser(argparse.ArgumentParser):
    """argparse exits with 2 on usage errors, which is our contract too; keep it explicit."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser(settings: Settings) -> argparse.ArgumentParser:
    """The argument parser; choices come from the settings, not from code."""
    parser = _Parser(prog="newspipe", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"newspipe {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    run = sub.add_parser("run", help="process articles into output tables")
    run.add_argument("paths", nargs="*", type=Path, default=[Path("raw")],
                     help="files or folders (.txt, .md, .jsonl); default raw/")
    run.add_argument("--out", type=Path, default=Path("output"), help="output folder")
    run.add_argument("--lang", default="auto", choices=["auto", *settings.supported_languages],
                     help="force a language on every article (default: detect)")
    run.add_argument("--jobs", type=int, default=settings.jobs,
                     help=f"worker processes (default: usable cores, {settings.jobs})")
    run.add_argument("--force", action="store_true", help="reprocess unchanged articles too")
    run.add_argument("--format", dest="formats", action="append",
                     choices=["csv", "parquet", "xlsx", "sqlite"],
                     help="output format; repeat for several (default: csv)")
    run.add_argument("--excel-safe", action="store_true",
                     help="neutralise formula-like cells (=, +, -, @) in CSV output")
    run.add_argument("--no-progress", action="store_true", help="never show a progress bar")

    review = sub.add_parser("review", help="write static HTML review pages for an output folder")
    review.add_argument("out", nargs="?", type=Path, default=Path("output"))
    return parser


def _show_progress(disabled: bool) -> bool:
    """A progress bar only for a person at a terminal: not in CI, not when piped."""
    return not disabled and sys.stderr.isatty() and not os.environ.get("CI")


def main(argv: list[str] | None = None) -> int:
    """Entry point of `newspipe` and `python -m pipeline`."""
    defaults = load_settings()
    args = build_parser(defaults).parse_args(argv)

    if args.command == "review":
        from pipeline.review import write_review

        if not (args.out / "articles.csv").exists():
            print(f"newspipe: error: no articles.csv in {args.out}; run `newspipe run` first",
                  file=sys.stderr)
            return EXIT_USAGE
        index = write_review(args.out)
        print(f"review: {index}")
        return EXIT_OK

    if args.jobs < 1:
        print("newspipe: error: --jobs must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    settings = defaults.with_(
        inputs=tuple(args.paths),
        out_dir=args.out,
        lang=args.lang,
        jobs=args.jobs,
        force=args.force,
        formats=tuple(dict.fromkeys(args.formats or ["csv"])),
        excel_safe=args.excel_safe,
        progress=_show_progress(args.no_progress),
    )
    from pipeline.batch import RunError, run_batch

    try:
        summary = run_batch(settings)
    except RunError as exc:
        print(f"newspipe: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("newspipe: interrupted; the previous output is unchanged and finished articles "
              "are cached: run the same command again to finish", file=sys.stderr)
        return EXIT_INTERRUPTED
    print(summary.render(), file=sys.stderr)
    return EXIT_FAILED if summary.n_errors else EXIT_OK

