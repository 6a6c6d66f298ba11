"""Load the output tables as pandas DataFrames: one line to start a notebook.

``pipeline.load("output")`` returns ``{table name: DataFrame}`` with the dtypes declared in
:mod:`pipeline.tables` (``string``, ``Int64``, ``Float64``), whichever format the run wrote.

Missing values: a CSV cannot tell an empty string from a missing value, so every empty cell is
read as ``<NA>`` in every format (the exports are written from the CSVs, so parquet and SQLite
agree). A text that is literally ``NA``, ``null`` or ``None`` stays text.
"""

from __future__ import annotations

import sqlite3
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

from pipeline.tables import TABLES, Table

FORMATS = ("parquet", "sqlite", "csv")
SQLITE_NAME = "newspipe.sqlite"


def csv_path(out_dir: Path, table: str) -> Path:
    return out_dir / f"{table}.csv"


def parquet_path(out_dir: Path, table: str) -> Path:
    return out_dir / f"{table}.parquet"


def sqlite_path(out_dir: Path) -> Path:
    return out_dir / SQLITE_NAME


def typed_frame(table: Table, columns: dict[str, Sequence[object]] | pd.DataFrame) -> pd.DataFrame:
    """A frame with exactly the table's columns, in order, with the documented dtypes and keys.

    Every loader path ends here, so the three formats give equal frames.
    """
    frame = pd.DataFrame(
        {c.name: pd.array(list(columns[c.name]), dtype=c.dtype) for c in table.columns},
        columns=list(table.column_names),
    )
    frame.attrs["table"] = table.name
    frame.attrs["primary_key"] = list(table.primary_key)
    frame.attrs["foreign_keys"] = [
        (list(cols), other, list(other_cols)) for cols, other, other_cols in table.foreign_keys
    ]
    return frame


def read_csv_table(path: Path, table: Table) -> pd.DataFrame:
    """One table CSV with the declared dtypes; empty cells become <NA>, nothing else does."""
    frame = pd.read_csv(
        path,
        dtype={c.name: c.dtype for c in table.columns},
        keep_default_na=False,
        na_values=[""],
        encoding="utf-8",
    )
    if tuple(frame.columns) != table.column_names:
        raise ValueError(
            f"{path}: columns {list(frame.columns)} do not match the {table.name} table "
            f"{list(table.column_names)}; was it written by another newspipe version?"
        )
    return typed_frame(table, frame)


def read_parquet_table(path: Path, table: Table) -> pd.DataFrame:
    return typed_frame(table, pd.read_parquet(path, columns=list(table.column_names)))


def read_sqlite_table(con: sqlite3.Connection, table: Table) -> pd.DataFrame:
    """Rows in insertion (rowid) order, which is the CSV order."""
    cols = ", ".join(f'"{c}"' for c in table.column_names)
    rows = con.execute(f'SELECT {cols} FROM "{table.name}" ORDER BY rowid').fetchall()
    columns = dict(zip(table.column_names, zip(*rows, strict=True), strict=True)) if rows else {
        c: () for c in table.column_names
    }
    return typed_frame(table, columns)


def _present(out_dir: Path, fmt: str) -> bool:
    if fmt == "sqlite":
        return sqlite_path(out_dir).is_file()
    suffix = {"parquet": parquet_path, "csv": csv_path}[fmt]
    return all(suffix(out_dir, name).is_file() for name in TABLES)


def _stale(out_dir: Path, fmt: str) -> bool:
    """An export older than the CSVs was left by an earlier run: do not prefer it silently."""
    articles = csv_path(out_dir, "articles")
    if fmt == "csv" or not articles.is_file():
        return False
    export = sqlite_path(out_dir) if fmt == "sqlite" else parquet_path(out_dir, "articles")
    return export.stat().st_mtime < articles.stat().st_mtime


def choose_format(out_dir: Path) -> str:
    """parquet if present, else sqlite, else csv (skipping exports older than the CSVs)."""
    for fmt in FORMATS:
        if _present(out_dir, fmt):
            if _stale(out_dir, fmt):
                warnings.warn(
                    f"{out_dir}: ignoring {fmt} output older than the CSVs", stacklevel=3
                )
                continue
            return fmt
    raise FileNotFoundError(
        f"{out_dir}: no newspipe output (no *.parquet, {SQLITE_NAME} or *.csv tables); "
        "run `newspipe run` first"
    )


def load(
    output_dir: str | Path = "output",
    format: str | None = None,
    tables: Iterable[str] | None = None,
) -> dict[str, pd.DataFrame]:
    """Every output table (or the ``tables`` asked for) as a typed DataFrame.

    ``format`` is ``parquet``, ``sqlite`` or ``csv``; by default the first present in that
    order. Each frame's ``attrs`` hold its ``primary_key`` and ``foreign_keys``.
    """
    out_dir = Path(output_dir)
    fmt = format or choose_format(out_dir)
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    names = list(TABLES) if tables is None else list(tables)
    unknown = [n for n in names if n not in TABLES]
    if unknown:
        raise ValueError(f"unknown tables {unknown}; expected some of {list(TABLES)}")
    if fmt == "sqlite":
        path = sqlite_path(out_dir)
        if not path.is_file():
            raise FileNotFoundError(f"{path} not found")
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return {n: read_sqlite_table(con, TABLES[n]) for n in names}
        finally:
            con.close()
    reader, path_of = (
        (read_parquet_table, parquet_path) if fmt == "parquet" else (read_csv_table, csv_path)
    )
    result = {}
    for name in names:
        path = path_of(out_dir, name)
        if not path.is_file():
            raise FileNotFoundError(f"{path} not found")
        result[name] = reader(path, TABLES[name])
    return result
