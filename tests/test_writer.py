"""The writer: streamed rows in the given order, atomic replacement, no temp files left."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.tables import TABLES
from pipeline.writer import TableWriter, remove_stale_temp_files, write_tables


def payload(aid: str, n_blocks: int) -> dict[str, list[list[object]]]:
    """Rows of one article as the cache stores them."""
    return {
        "articles": [[aid, f"in/{aid}", None, "id", 0.9, n_blocks, 0, 0, "ok"]],
        "blocks": [[aid, i, "body", f"Teks, \"{i}\"\nbaris", None, "id", 0.9, 0, 5]
                   for i in range(n_blocks)],
    }


def read(out: Path, table: str) -> list[list[str]]:
    with (out / f"{table}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def test_tables_have_headers_rows_in_order_and_empty_cells_for_none(tmp_path: Path) -> None:
    write_tables(tmp_path, iter([payload("a", 2), payload("b", 1)]),
                 iter([("in/bad.txt", "bad.txt", "empty", "in/bad.txt: the file is empty")]))
    for name, table in TABLES.items():
        assert read(tmp_path, name)[0] == list(table.column_names)
    blocks = read(tmp_path, "blocks")[1:]
    assert [(r[0], r[1]) for r in blocks] == [("a", "0"), ("a", "1"), ("b", "0")]
    assert blocks[1][3] == 'Teks, "1"\nbaris' and blocks[1][4] == ""
    assert read(tmp_path, "articles")[1][2] == ""
    assert read(tmp_path, "errors")[1] == ["in/bad.txt", "bad.txt", "empty",
                                           "in/bad.txt: the file is empty"]
    assert read(tmp_path, "quotes") == [list(TABLES["quotes"].column_names)]
    assert (tmp_path / "blocks.csv").read_bytes().count(b"\r") == 0
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_failure_while_writing_keeps_the_previous_tables(tmp_path: Path) -> None:
    write_tables(tmp_path, iter([payload("old", 1)]), iter([]))
    before = {p.name: p.read_bytes() for p in tmp_path.glob("*.csv")}

    def failing() -> Iterator[dict[str, list[list[object]]]]:
        yield payload("new", 3)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_tables(tmp_path, failing(), iter([]))
    assert {p.name: p.read_bytes() for p in tmp_path.glob("*.csv")} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(before)


def test_output_files_get_the_permissions_of_a_plain_file(tmp_path: Path) -> None:
    """mkstemp makes 0600 files; the tables are for other people too."""
    write_tables(tmp_path, iter([]), iter([]))
    (tmp_path / "plain").write_text("")
    plain = (tmp_path / "plain").stat().st_mode & 0o777
    assert (tmp_path / "articles.csv").stat().st_mode & 0o777 == plain


def test_stale_temp_files_are_removed_and_nothing_else(tmp_path: Path) -> None:
    stale = [tmp_path / ".articles.k2j3.csv.tmp", tmp_path / ".quotes.x.csv.tmp"]
    keep = [tmp_path / "articles.csv", tmp_path / "notes.tmp", tmp_path / ".other.x.csv.tmp"]
    for p in (*stale, *keep):
        p.write_text("x")
    assert remove_stale_temp_files(tmp_path) == 2
    assert not any(p.exists() for p in stale) and all(p.exists() for p in keep)


def test_table_writer_add_and_abort(tmp_path: Path) -> None:
    writer = TableWriter(tmp_path)
    writer.add_rows(payload("a", 1))
    writer.abort()
    assert list(tmp_path.iterdir()) == []
