"""Extra formats: excel-safe cells, xlsx inert formulas, SQLite keys and full-text search."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from synthetic_output import FORMULA, Synthetic, write_synthetic_output

from pipeline.export import (
    XLSX_NAME,
    ExportError,
    excel_safe_cell,
    export_formats,
    write_sqlite,
    write_xlsx,
)
from pipeline.loader import load
from pipeline.settings import Settings
from pipeline.tables import TABLES


@pytest.fixture
def synthetic(tmp_path: Path) -> Synthetic:
    return write_synthetic_output(tmp_path / "output")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+62 812", "'+62 812"),
        ("-5 orang", "'-5 orang"),
        ("@admin", "'@admin"),
        ("\t=cmd", "'\t=cmd"),
        ("\r=cmd", "'\r=cmd"),
        (FORMULA, "'" + FORMULA),
        ("a=b", "a=b"),
        ("Budi", "Budi"),
        ("", ""),
        ("'quoted", "'quoted"),
        (-5, -5),
        (0.5, 0.5),
        (None, None),
    ],
)
def test_excel_safe_cell(value: object, expected: object) -> None:
    assert excel_safe_cell(value) == expected


def test_xlsx_formula_like_cells_are_inert_text(synthetic: Synthetic) -> None:
    frames = load(synthetic.out_dir)
    [path] = write_xlsx(frames, synthetic.out_dir)
    book = load_workbook(path)
    assert book.sheetnames == list(TABLES)
    blocks = book["blocks"]
    header = [c.value for c in blocks[1]]
    assert header == list(TABLES["blocks"].column_names)
    text_col = header.index("text") + 1
    formula_cells = [row[text_col - 1] for row in blocks.iter_rows(min_row=2)
                     if str(row[text_col - 1].value).startswith("=")]
    assert [c.value for c in formula_cells] == [f"{FORMULA} ditulis oleh @admin"]
    for cell in formula_cells:
        assert cell.data_type == "s"
        assert cell.quotePrefix
    # numbers stay numbers, missing values stay empty
    raw_start = header.index("raw_start") + 1
    assert all(isinstance(r[raw_start - 1].value, int) for r in blocks.iter_rows(min_row=2))
    credit = header.index("credit") + 1
    assert [r[credit - 1].value for r in blocks.iter_rows(min_row=2)].count(None) == 5


def test_xlsx_replaces_control_characters(tmp_path: Path) -> None:
    from pipeline.records import ArticleResult, Block, Removal
    from pipeline.writer import TableWriter

    writer = TableWriter(tmp_path)
    writer.add(ArticleResult("a", "a.txt", None, "en", 1.0, "ok",
                             blocks=(Block(0, "body", "text", 0, 4),),
                             removals=(Removal("invisible", "\x0b\x00", "", 4, 6),)))
    writer.commit()
    [path] = write_xlsx(load(tmp_path), tmp_path)
    removals = load_workbook(path)["removals"]
    assert removals.cell(2, 4).value == "\N{REPLACEMENT CHARACTER}" * 2


def _sqlite(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path)


def test_sqlite_keeps_primary_and_foreign_keys(synthetic: Synthetic) -> None:
    [path] = write_sqlite(load(synthetic.out_dir), synthetic.out_dir)
    con = _sqlite(path)
    for name, table in TABLES.items():
        info = con.execute(f'PRAGMA table_info("{name}")').fetchall()
        pk = [row[1] for row in sorted(info, key=lambda r: r[5]) if row[5]]
        assert pk == list(table.primary_key), name
        fks = con.execute(f'PRAGMA foreign_key_list("{name}")').fetchall()
        declared = {(other, tuple(cols), tuple(other_cols))
                    for cols, other, other_cols in table.foreign_keys}
        found: dict[int, tuple[str, list[str], list[str]]] = {}
        for fk_id, _seq, other, col, other_col, *_ in fks:
            found.setdefault(fk_id, (other, [], []))
            found[fk_id][1].append(col)
            found[fk_id][2].append(other_col)
        assert {(o, tuple(c), tuple(oc)) for o, c, oc in found.values()} == declared, name
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    con.execute("PRAGMA foreign_keys = ON")
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("INSERT INTO people (article_id, person_id) VALUES ('nope.txt', 0)")
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("INSERT INTO articles (article_id) VALUES ('id/cyber-workshop.txt')")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("workshop", [("id/cyber-workshop.txt", 2)]),
        ("keamanan", [("id/cyber-workshop.txt", 0), ("id/cyber-workshop.txt", 2)]),
        ("Acme", [("en/../../evil<script>document.title='id-pwned'</script>.txt", 0)]),
        ("serangan", []),  # a removed trailer is not block text
    ],
)
def test_sqlite_full_text_search_finds_blocks(synthetic: Synthetic, query: str,
                                              expected: list[tuple[str, int]]) -> None:
    [path] = write_sqlite(load(synthetic.out_dir), synthetic.out_dir)
    rows = _sqlite(path).execute(
        "SELECT b.article_id, b.block_id FROM blocks_fts JOIN blocks AS b "
        "ON b.rowid = blocks_fts.rowid WHERE blocks_fts MATCH ? ORDER BY b.block_id",
        (query,),
    ).fetchall()
    assert rows == expected


def test_sqlite_quotes_view_names_the_speaker(synthetic: Synthetic) -> None:
    [path] = write_sqlite(load(synthetic.out_dir), synthetic.out_dir)
    rows = _sqlite(path).execute(
        "SELECT speaker_name, text FROM quotes_with_speakers WHERE speaker_name LIKE 'Budi%'"
    ).fetchall()
    assert rows == [("Budi Santoso", "keamanan itu penting")]


def test_sqlite_refuses_rows_that_break_keys_and_leaves_no_file(synthetic: Synthetic) -> None:
    frames = load(synthetic.out_dir)
    roles = frames["roles"].copy()
    roles.loc[0, "person_id"] = 99  # no such person in that article
    frames["roles"] = roles
    with pytest.raises(ExportError, match="roles"):
        write_sqlite(frames, synthetic.out_dir)
    assert not (synthetic.out_dir / "newspipe.sqlite").exists()
    assert not list(synthetic.out_dir.glob(".newspipe.sqlite.*"))


def test_export_formats_writes_requested_formats_and_excel_safe_csv(
    synthetic: Synthetic,
) -> None:
    out = synthetic.out_dir
    exact = load(out, format="csv")
    settings = Settings(out_dir=out, formats=("csv", "parquet", "sqlite", "xlsx"),
                        excel_safe=True)
    paths = export_formats(out, settings)
    assert out / "newspipe.sqlite" in paths
    assert out / XLSX_NAME in paths
    assert all((out / f"{t}.parquet").exists() for t in TABLES)
    # the derived formats keep the exact text ...
    for fmt in ("parquet", "sqlite"):
        for name in TABLES:
            pd.testing.assert_frame_equal(load(out, format=fmt)[name], exact[name])
    # ... while the CSVs for spreadsheets are neutralised
    safe = load(out, format="csv")["blocks"]["text"].tolist()
    assert f"'{FORMULA} ditulis oleh @admin" in safe
    assert safe[0] == exact["blocks"]["text"][0]  # ordinary text untouched
    assert not list(out.glob(".*.tmp"))


def test_export_formats_drops_exports_the_run_did_not_ask_for(synthetic: Synthetic) -> None:
    out = synthetic.out_dir
    export_formats(out, Settings(out_dir=out, formats=("csv", "parquet", "sqlite", "xlsx")))
    assert export_formats(out, Settings(out_dir=out, formats=("csv",))) == []
    assert not list(out.glob("*.parquet"))
    assert not (out / "newspipe.sqlite").exists()
    assert not (out / XLSX_NAME).exists()
    # the plain CSV keeps the exact text
    assert f"{FORMULA} ditulis oleh @admin" in load(out)["blocks"]["text"].tolist()


def test_exported_files_get_the_usual_permissions(synthetic: Synthetic) -> None:
    out = synthetic.out_dir
    paths = export_formats(out, Settings(out_dir=out, formats=("parquet", "sqlite", "xlsx"),
                                         excel_safe=True))
    umask = os.umask(0)
    os.umask(umask)
    assert {stat.S_IMODE(p.stat().st_mode) for p in paths} == {0o666 & ~umask}
