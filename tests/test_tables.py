"""The table schema is the single source of truth: rows, docs and the loader all follow it."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.records import (
    ArticleError,
    ArticleResult,
    Block,
    Entity,
    Person,
    Quote,
    Removal,
    Role,
)
from pipeline.tables import TABLES, article_rows, data_dictionary, error_row

REPO = Path(__file__).resolve().parent.parent

RESULT = ArticleResult(
    article_id="a.txt",
    source_path="raw/a.txt",
    source_url="https://example.org/x",
    language="id",
    language_confidence=0.99999,
    status="ok",
    blocks=(
        Block(0, "caption", "Foto", 2, 6, credit="UN Women", language="id"),
        Block(1, "body", "Isi berita.", 30, 41, language="id", language_confidence=0.9),
    ),
    removals=(
        Removal("trailer", "Sumber: x", "", 50, 59),
        Removal("placeholder", "[iklan_1]", "", 42, 51),
    ),
    entities=(Entity(1, 0, 0, 3, "Isi", "PERSON", "Isi"),),
    people=(Person(0, "Isi", "Ibu", None, None, 1, 1),),
    roles=(Role(0, "Ketua", "Chair", "Komite X", None, 1, 0, 10),),
    quotes=(Quote(0, 1, 0, "Isi", "kata", "Halo", 0, 4),),
)


def test_every_row_matches_its_declared_columns() -> None:
    rows = article_rows(RESULT)
    assert set(rows) | {"errors"} == set(TABLES)
    for table, table_rows in rows.items():
        assert table_rows, table
        for row in table_rows:
            assert len(row) == len(TABLES[table].columns), table


def test_removals_are_numbered_in_raw_order() -> None:
    rows = article_rows(RESULT)["removals"]
    assert [(r[1], r[2]) for r in rows] == [(0, "placeholder"), (1, "trailer")]


def test_article_counts_are_derived_from_records() -> None:
    (row,) = article_rows(RESULT)["articles"]
    named = dict(zip(TABLES["articles"].column_names, row, strict=True))
    assert named["n_blocks"] == 2
    assert named["n_captions"] == 1
    assert named["n_removals"] == 2
    assert named["language_confidence"] == 1.0


def test_error_row_matches_columns() -> None:
    row = error_row(ArticleError("raw/x.txt", "x.txt", "empty", "raw/x.txt is empty"))
    assert len(row) == len(TABLES["errors"].columns)


@pytest.mark.parametrize("table", list(TABLES.values()), ids=lambda t: t.name)
def test_keys_name_real_columns(table) -> None:
    names = set(table.column_names)
    assert set(table.primary_key) <= names
    for cols, other, other_cols in table.foreign_keys:
        assert set(cols) <= names
        assert set(other_cols) <= set(TABLES[other].column_names)


def test_data_dictionary_is_up_to_date() -> None:
    """docs/data-dictionary.md is generated; `make docs` refreshes it."""
    committed = (REPO / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    assert committed.strip() == "\n".join(data_dictionary()).strip()
