"""Atomic, deterministic writing of the output tables.

Each table is written to a temporary file in the output folder and renamed into place only when
every table is complete, so an interrupted run never leaves a half-written CSV and the previous
complete output stays as it was. Rows are streamed: nothing holds a whole table in memory.
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Iterable
from contextlib import ExitStack
from pathlib import Path
from typing import IO

from pipeline.records import ArticleError, ArticleResult
from pipeline.tables import TABLES, Row, article_rows, error_row

TMP_SUFFIX = ".csv.tmp"


def _default_file_mode() -> int:
    """0o666 minus the umask: what a plain open() would give the output files."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


_FILE_MODE = _default_file_mode()


def _cell(value: object) -> object:
    """CSV cell text: None is an empty cell, everything else as is."""
    return "" if value is None else value


def remove_stale_temp_files(out_dir: Path) -> int:
    """Delete temporary tables left by a run that was killed before it could clean up."""
    n = 0
    for name in TABLES:
        for tmp in out_dir.glob(f".{name}.*{TMP_SUFFIX}"):
            tmp.unlink(missing_ok=True)
            n += 1
    return n


class TableWriter:
    """Appends rows to one temporary CSV per table; ``commit`` renames them all into place."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        out_dir.mkdir(parents=True, exist_ok=True)
        self._stack = ExitStack()
        self._tmp: dict[str, Path] = {}
        self._writers: dict[str, csv.writer] = {}  # type: ignore[valid-type]
        try:
            for name, table in TABLES.items():
                fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=TMP_SUFFIX, dir=out_dir)
                self._tmp[name] = Path(tmp)
                os.chmod(fd, _FILE_MODE)  # mkstemp makes 0600; outputs are for the analysts
                handle: IO[str] = self._stack.enter_context(
                    os.fdopen(fd, "w", encoding="utf-8", newline="")
                )
                writer = csv.writer(handle, lineterminator="\n")
                writer.writerow(table.column_names)
                self._writers[name] = writer
        except BaseException:
            self.abort()
            raise

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(self, exc_type: object, *_: object) -> None:
        """Commit on success; on any exception (Ctrl-C included) drop the temporary files."""
        if exc_type is None:
            self.commit()
        else:
            self.abort()

    def write(self, table: str, rows: Iterable[Iterable[object]]) -> None:
        self._writers[table].writerows([_cell(v) for v in row] for row in rows)

    def add(self, item: ArticleResult | ArticleError) -> None:
        """Append the rows of one article result or error."""
        if isinstance(item, ArticleError):
            self.write("errors", [error_row(item)])
            return
        for table, rows in article_rows(item).items():
            self.write(table, rows)

    def add_rows(self, rows: dict[str, list[Row]] | dict[str, list[list[object]]]) -> None:
        """Append the already computed rows of one article (as stored in the cache)."""
        for table, table_rows in rows.items():
            if table_rows:
                self.write(table, table_rows)

    def commit(self) -> None:
        """Close and rename every temporary file into place."""
        self._stack.close()
        for name, tmp in self._tmp.items():
            os.replace(tmp, self.out_dir / f"{name}.csv")
        self._tmp.clear()

    def abort(self) -> None:
        """Drop the temporary files, leaving any previous output untouched."""
        self._stack.close()
        for tmp in self._tmp.values():
            tmp.unlink(missing_ok=True)
        self._tmp.clear()


def write_tables(
    out_dir: Path,
    payloads: Iterable[dict[str, list[list[object]]]],
    errors: Iterable[Row],
) -> None:
    """Write every table from article rows already in output order, then rename them in.

    Excel-safe quoting and the other formats are applied afterwards by pipeline.export, from
    these exact CSVs.
    """
    with TableWriter(out_dir) as writer:
        for rows in payloads:
            writer.add_rows(rows)
        writer.write("errors", errors)
