"""Atomic, deterministic writing of the output tables.

Each table is written to a temporary file in the output folder and renamed into place only when
complete, so an interrupted run never leaves a half-written CSV.
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


def _cell(value: object) -> object:
    """CSV cell text: None is an empty cell, everything else as is."""
    return "" if value is None else value


class TableWriter:
    """Appends rows to one temporary CSV per table; ``commit`` renames them all into place."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        out_dir.mkdir(parents=True, exist_ok=True)
        self._stack = ExitStack()
        self._tmp: dict[str, Path] = {}
        self._writers: dict[str, csv.writer] = {}
        for name, table in TABLES.items():
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".csv.tmp", dir=out_dir)
            handle: IO[str] = self._stack.enter_context(
                os.fdopen(fd, "w", encoding="utf-8", newline="")
            )
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(table.column_names)
            self._tmp[name] = Path(tmp)
            self._writers[name] = writer

    def write(self, table: str, rows: Iterable[Row]) -> None:
        self._writers[table].writerows([_cell(v) for v in row] for row in rows)

    def add(self, item: ArticleResult | ArticleError) -> None:
        """Append the rows of one article result or error."""
        if isinstance(item, ArticleError):
            self.write("errors", [error_row(item)])
            return
        for table, rows in article_rows(item).items():
            self.write(table, rows)

    def commit(self) -> None:
        """Close and rename every temporary file into place."""
        self._stack.close()
        for name, tmp in self._tmp.items():
            os.replace(tmp, self.out_dir / f"{name}.csv")

    def abort(self) -> None:
        """Drop the temporary files, leaving any previous output untouched."""
        self._stack.close()
        for tmp in self._tmp.values():
            tmp.unlink(missing_ok=True)
