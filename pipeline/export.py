"""Extra output formats written from the committed CSVs: parquet, xlsx, SQLite, excel-safe CSV.

The CSVs are the source of truth (exact text, for pandas users). Every other format is derived
from them through :mod:`pipeline.loader`, so all formats hold the same typed values. Each file
is written to a temporary name in the output folder and renamed into place when complete.
"""

from __future__ import annotations

import csv
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from pipeline.loader import csv_path, load, parquet_path, sqlite_path
from pipeline.settings import Settings
from pipeline.tables import TABLES, Table

XLSX_NAME = "newspipe.xlsx"
EXTRA_FORMATS = ("parquet", "xlsx", "sqlite")

# Spreadsheets run a cell as a formula (or DDE call) when its text starts with one of these.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_MAX_ROWS = 1_048_576  # Excel's sheet limit, header included
XLSX_MAX_CELL = 32_767  # Excel's longest cell text
TRUNCATED = " …[truncated]"
XLSX_TYPED_PREFIXES = (*FORMULA_PREFIXES, "#")  # openpyxl also types "#N/A"… as error values
SQL_TYPES = {"string": "TEXT", "Int64": "INTEGER", "Float64": "REAL", "boolean": "INTEGER"}


def excel_safe_cell(value: object) -> object:
    """``value`` with a leading ``'`` if it is text a spreadsheet would run as a formula.

    Only text is touched: numbers such as -3 stay numbers. The quote is what OWASP recommends
    for CSV; spreadsheets show it, and it also marks the cell as changed for the reader.
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path next to ``target`` that replaces it only if the block succeeds."""
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        if tmp.exists():  # mkstemp makes files private; give them the usual umask mode
            umask = os.umask(0)
            os.umask(umask)
            tmp.chmod(0o666 & ~umask)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def _python_rows(frame: pd.DataFrame) -> Iterator[tuple[object, ...]]:
    """Rows of plain Python values (int, float, str, None), as sqlite3 and openpyxl need."""
    columns = [[None if v is pd.NA else v for v in frame[c].tolist()] for c in frame.columns]
    return zip(*columns, strict=True)


# --- parquet ---------------------------------------------------------------------------------


def write_parquet(frames: dict[str, pd.DataFrame], out_dir: Path) -> list[Path]:
    """One ``<table>.parquet`` per table; pandas metadata keeps the nullable dtypes."""
    paths = []
    for name, frame in frames.items():
        target = parquet_path(out_dir, name)
        with atomic_path(target) as tmp:
            frame.to_parquet(tmp, index=False, engine="pyarrow")
        paths.append(target)
    return paths


# --- xlsx ------------------------------------------------------------------------------------


def _xlsx_text(value: str) -> str:
    """Text Excel accepts: no control characters, at most 32,767 characters."""
    if ILLEGAL_CHARACTERS_RE.search(value):
        value = ILLEGAL_CHARACTERS_RE.sub("\N{REPLACEMENT CHARACTER}", value)
    if len(value) > XLSX_MAX_CELL:
        value = value[: XLSX_MAX_CELL - len(TRUNCATED)] + TRUNCATED
    return value


def _xlsx_cell(sheet: object, value: object) -> object:
    """A cell that can never be a formula: text is stored as text with Excel's quote prefix.

    openpyxl turns a string starting with ``=`` into a formula and ``#N/A`` into an error
    value; forcing the string type keeps the exact text and makes it inert.
    """
    if not isinstance(value, str):
        return value
    value = _xlsx_text(value)
    if not value.startswith(XLSX_TYPED_PREFIXES):
        return value  # openpyxl stores it as text already; a plain value is much faster
    cell = WriteOnlyCell(sheet, value)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def write_xlsx(frames: dict[str, pd.DataFrame], out_dir: Path) -> list[Path]:
    """``newspipe.xlsx``: one sheet per table (continued on ``name (2)`` past Excel's limit)."""
    target = out_dir / XLSX_NAME
    book = Workbook(write_only=True)
    per_sheet = XLSX_MAX_ROWS - 1
    for name, frame in frames.items():
        rows = list(_python_rows(frame))
        chunks = [rows[i : i + per_sheet] for i in range(0, len(rows), per_sheet)] or [[]]
        for n, chunk in enumerate(chunks, start=1):
            sheet = book.create_sheet(name if n == 1 else f"{name} ({n})")
            sheet.freeze_panes = "A2"
            header = []
            for column in frame.columns:
                cell = WriteOnlyCell(sheet, column)
                cell.font = Font(bold=True)
                header.append(cell)
            sheet.append(header)
            for row in chunk:
                sheet.append([_xlsx_cell(sheet, v) for v in row])
    with atomic_path(target) as tmp:
        book.save(tmp)
    return [target]


# --- sqlite ----------------------------------------------------------------------------------


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def create_table_sql(table: Table) -> str:
    """CREATE TABLE with the declared primary key and foreign keys."""
    parts = [f"{_q(c.name)} {SQL_TYPES[c.dtype]}" for c in table.columns]
    parts.append(f"PRIMARY KEY ({', '.join(map(_q, table.primary_key))})")
    for cols, other, other_cols in table.foreign_keys:
        parts.append(
            f"FOREIGN KEY ({', '.join(map(_q, cols))}) "
            f"REFERENCES {_q(other)} ({', '.join(map(_q, other_cols))})"
        )
    return f"CREATE TABLE {_q(table.name)} (\n  " + ",\n  ".join(parts) + "\n)"


# Helpers for analysts browsing the file (e.g. in Datasette): names for speakers, org lookups.
SQLITE_EXTRAS = (
    'CREATE INDEX "people_name" ON "people" ("name")',
    'CREATE INDEX "entities_canonical" ON "entities" ("label", "canonical")',
    'CREATE INDEX "roles_person" ON "roles" ("article_id", "person_id")',
    'CREATE INDEX "roles_organization" ON "roles" ("organization")',
    """CREATE VIEW "quotes_with_speakers" AS
  SELECT q.article_id, q.quote_id, q.block_id, p.name AS speaker_name, q.speaker_text, q.cue,
         q.text
  FROM quotes AS q
  LEFT JOIN people AS p
    ON p.article_id = q.article_id AND p.person_id = q.speaker_person_id""",
    # External-content FTS5 index over the block text; rowid ties it to blocks.
    """CREATE VIRTUAL TABLE "blocks_fts" USING fts5(
  text, article_id UNINDEXED, block_id UNINDEXED,
  content='blocks', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')""",
    """INSERT INTO "blocks_fts" ("blocks_fts") VALUES ('rebuild')""",
)


class ExportError(Exception):
    """The tables break their declared keys, so the SQLite file cannot hold them."""


def write_sqlite(frames: dict[str, pd.DataFrame], out_dir: Path) -> list[Path]:
    """``newspipe.sqlite`` with keys enforced, an FTS5 index over blocks.text and a view."""
    target = sqlite_path(out_dir)
    with atomic_path(target) as tmp:
        tmp.unlink()  # sqlite3 creates the file itself
        con = sqlite3.connect(tmp)
        try:
            con.execute("PRAGMA foreign_keys = ON")
            for name, frame in frames.items():  # TABLES order: parents before children
                table = TABLES[name]
                con.execute(create_table_sql(table))
                marks = ", ".join("?" * len(table.columns))
                try:
                    con.executemany(
                        f"INSERT INTO {_q(name)} VALUES ({marks})", _python_rows(frame)
                    )
                except sqlite3.IntegrityError as exc:
                    raise ExportError(
                        f"{name}: rows break the primary or foreign key "
                        f"{list(table.primary_key)}: {exc}"
                    ) from exc
            for statement in SQLITE_EXTRAS:
                con.execute(statement)
            con.commit()
        finally:
            con.close()
    return [target]


# --- excel-safe CSV --------------------------------------------------------------------------


def write_excel_safe_csvs(out_dir: Path, names: list[str] | None = None) -> list[Path]:
    """Rewrite the table CSVs with every formula-like text cell neutralised by ``'``."""
    paths = []
    for name in names or list(TABLES):
        target = csv_path(out_dir, name)
        with (
            atomic_path(target) as tmp, target.open(encoding="utf-8", newline="") as src,
            tmp.open("w", encoding="utf-8", newline="") as dst,
        ):
            reader = csv.reader(src)
            writer = csv.writer(dst, lineterminator="\n")
            writer.writerow(next(reader))  # the header is ours and safe
            writer.writerows([excel_safe_cell(v) for v in row] for row in reader)
        paths.append(target)
    return paths


WRITERS: dict[str, Callable[[dict[str, pd.DataFrame], Path], list[Path]]] = {
    "parquet": write_parquet,
    "xlsx": write_xlsx,
    "sqlite": write_sqlite,
}


def _remove_stale(out_dir: Path, keep: set[str]) -> None:
    """Drop exports of formats this run did not ask for, so no file outlives its data."""
    stale: list[Path] = []
    if "parquet" not in keep:
        stale += [parquet_path(out_dir, name) for name in TABLES]
    if "xlsx" not in keep:
        stale.append(out_dir / XLSX_NAME)
    if "sqlite" not in keep:
        stale.append(sqlite_path(out_dir))
    for path in stale:
        path.unlink(missing_ok=True)


def export_formats(out_dir: Path, settings: Settings) -> list[Path]:
    """Write the formats in ``settings.formats`` besides CSV; then make CSVs excel-safe if asked.

    Call it after the CSVs are committed. The exports are made from the exact CSV text, before
    the excel-safe rewrite, so parquet and SQLite never hold the added quotes.
    """
    wanted = [f for f in settings.formats if f in EXTRA_FORMATS]
    _remove_stale(out_dir, set(wanted))
    paths: list[Path] = []
    if wanted:
        frames = load(out_dir, format="csv")
        for fmt in wanted:
            paths += WRITERS[fmt](frames, out_dir)
    if settings.excel_safe:
        paths += write_excel_safe_csvs(out_dir)
    return paths
