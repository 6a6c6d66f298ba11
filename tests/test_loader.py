"""pipeline.load: typed frames from csv, parquet and sqlite output, equal across formats."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest
from synthetic_output import EVIL_ID, Synthetic, write_synthetic_output

import pipeline
from pipeline.export import write_parquet, write_sqlite
from pipeline.loader import choose_format, load
from pipeline.tables import TABLES, article_rows, error_row


@pytest.fixture
def synthetic(tmp_path: Path) -> Synthetic:
    return write_synthetic_output(tmp_path / "output")


def _plain(frame: pd.DataFrame) -> list[tuple[object, ...]]:
    return [tuple(None if v is pd.NA else v for v in row) for row in frame.itertuples(index=False)]


def _expected_rows(synthetic: Synthetic) -> dict[str, list[tuple[object, ...]]]:
    """The writer's rows, with empty text and None both read back as missing."""
    rows: dict[str, list[tuple[object, ...]]] = {name: [] for name in TABLES}
    for result in synthetic.results:
        for name, table_rows in article_rows(result).items():
            rows[name] += table_rows
    rows["errors"] = [error_row(e) for e in synthetic.errors]
    return {
        name: [tuple(None if v == "" else v for v in row) for row in table_rows]
        for name, table_rows in rows.items()
    }


def test_csv_load_has_declared_columns_dtypes_and_keys(synthetic: Synthetic) -> None:
    frames = load(synthetic.out_dir, format="csv")
    assert list(frames) == list(TABLES)
    for name, table in TABLES.items():
        frame = frames[name]
        assert tuple(frame.columns) == table.column_names
        assert [str(frame[c.name].dtype) for c in table.columns] == [
            c.dtype for c in table.columns
        ]
        assert frame.attrs["primary_key"] == list(table.primary_key)
        assert not frame.duplicated(subset=list(table.primary_key)).any()


def test_csv_load_gives_back_the_written_values(synthetic: Synthetic) -> None:
    frames = load(synthetic.out_dir, format="csv")
    expected = _expected_rows(synthetic)
    for name in TABLES:
        assert _plain(frames[name]) == expected[name], name


def test_empty_cells_are_missing_but_text_na_stays_text(synthetic: Synthetic) -> None:
    frames = load(synthetic.out_dir, format="csv")
    blocks = frames["blocks"].set_index(["article_id", "block_id"])
    assert blocks.loc[("misc/short.txt", 0), "text"] == "NA"  # the literal text, not missing
    assert blocks.loc[("id/cyber-workshop.txt", 0), "credit"] is pd.NA
    removals = frames["removals"]
    deletion = removals[removals["kind"] == "placeholder"].iloc[0]
    assert deletion["replacement"] is pd.NA  # "" and None cannot be told apart in CSV
    articles = frames["articles"].set_index("article_id")
    assert articles.loc["misc/short.txt", "source_url"] is pd.NA
    assert articles.loc[EVIL_ID, "language"] == "en"


@pytest.mark.parametrize("fmt", ["parquet", "sqlite"])
def test_round_trip_gives_equal_frames(synthetic: Synthetic, fmt: str) -> None:
    out = synthetic.out_dir
    from_csv = load(out, format="csv")
    {"parquet": write_parquet, "sqlite": write_sqlite}[fmt](from_csv, out)
    other = load(out, format=fmt)
    assert list(other) == list(from_csv)
    for name in TABLES:
        pd.testing.assert_frame_equal(other[name], from_csv[name], check_exact=True)


def test_round_trip_of_empty_tables(tmp_path: Path) -> None:
    from pipeline.writer import TableWriter

    writer = TableWriter(tmp_path)
    writer.commit()
    from_csv = load(tmp_path, format="csv")
    assert all(len(f) == 0 for f in from_csv.values())
    write_parquet(from_csv, tmp_path)
    write_sqlite(from_csv, tmp_path)
    for fmt in ("parquet", "sqlite"):
        other = load(tmp_path, format=fmt)
        for name in TABLES:
            pd.testing.assert_frame_equal(other[name], from_csv[name])


def test_auto_format_prefers_parquet_then_sqlite_then_csv(synthetic: Synthetic) -> None:
    out = synthetic.out_dir
    assert choose_format(out) == "csv"
    frames = load(out)
    write_sqlite(frames, out)
    assert choose_format(out) == "sqlite"
    write_parquet(frames, out)
    assert choose_format(out) == "parquet"


def test_exports_older_than_the_csvs_are_not_preferred(synthetic: Synthetic) -> None:
    out = synthetic.out_dir
    write_parquet(load(out), out)
    old = (out / "articles.csv").stat().st_mtime - 60
    os.utime(out / "articles.parquet", (old, old))
    with pytest.warns(UserWarning, match="older than the CSVs"):
        assert choose_format(out) == "csv"


def test_missing_output_and_bad_arguments_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="newspipe run"):
        load(tmp_path)
    write_synthetic_output(tmp_path)
    with pytest.raises(FileNotFoundError, match=r"newspipe\.sqlite"):
        load(tmp_path, format="sqlite")
    with pytest.raises(ValueError, match="unknown format"):
        load(tmp_path, format="json")
    with pytest.raises(ValueError, match="unknown tables"):
        load(tmp_path, tables=["nope"])


def test_csv_with_foreign_columns_is_rejected(synthetic: Synthetic) -> None:
    path = synthetic.out_dir / "errors.csv"
    path.write_text("source_path,article_id,error\nx,y,z\n", encoding="utf-8")
    with pytest.raises(ValueError, match="do not match the errors table"):
        load(synthetic.out_dir, tables=["errors"])


def test_package_level_load_and_table_subset(synthetic: Synthetic) -> None:
    frames = pipeline.load(synthetic.out_dir, tables=["people", "quotes"])
    assert list(frames) == ["people", "quotes"]
    assert frames["people"]["name"].tolist() == ["Budi Santoso", "Jane Doe"]
