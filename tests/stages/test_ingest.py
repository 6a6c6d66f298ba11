"""Ingest: ids, order, encodings, JSONL, and one clear error row per bad input."""

from __future__ import annotations

import json
import os
import pathlib
from pathlib import Path

import pytest

from pipeline.records import ArticleError, RawArticle
from pipeline.settings import Settings
from pipeline.stages.ingest import read_inputs

PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06"


def run(*inputs: Path, **changes: object) -> list[RawArticle | ArticleError]:
    return list(read_inputs(Settings(inputs=tuple(inputs)).with_(**changes)))


def only(items: list[RawArticle | ArticleError]) -> RawArticle | ArticleError:
    assert len(items) == 1, items
    return items[0]


# ----------------------------------------------------------------------------- encodings

TEXT = "Ibu Gaëlle said “Café” is ‘open’ – Nguyễn Trịnh agreed.\nSecond paragraph.\n"
CYRILLIC = "Президент встретился с делегацией. Это текст о новостях региона и погоде.\n"
WESTERN = "Ibu Gaëlle said “Café” is ‘open’ – déjà vu.\nSecond paragraph.\n"


@pytest.mark.parametrize(
    ("data", "expected_text", "expected_encoding"),
    [
        (TEXT.encode("utf-8"), TEXT, "utf-8"),
        (b"MZ Ministry statement.\n", "MZ Ministry statement.\n", "utf-8"),  # not an .exe
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), TEXT, "utf-8"),
        (b"\xff\xfe" + TEXT.encode("utf-16-le"), TEXT, "utf-16-le"),
        (b"\xfe\xff" + TEXT.encode("utf-16-be"), TEXT, "utf-16-be"),
        (WESTERN.encode("cp1252"), WESTERN, "cp1252"),
        (TEXT.replace("\n", "\r\n").encode("utf-8"), TEXT.replace("\n", "\r\n"), "utf-8"),
        (
            b"\xff\xfe" + WESTERN.replace("\n", "\r\n").encode("utf-16-le"),
            WESTERN.replace("\n", "\r\n"),
            "utf-16-le",
        ),
        (TEXT.encode("utf-16-le"), TEXT, "utf-16-le"),  # UTF-16 without a BOM
        (CYRILLIC.encode("cp1251"), CYRILLIC, "cp1251"),  # not mistaken for cp1252
        (  # UTF-8 with a few stray cp1252 bytes: each byte read alone, nothing lost
            TEXT.encode("utf-8") + b"caf\xe9 \x93ok\x94\n",
            TEXT + "café “ok”\n",
            "utf-8+cp1252",
        ),
    ],
    ids=[
        "utf8",
        "text-starting-like-exe",
        "utf8-bom",
        "utf16le-bom",
        "utf16be-bom",
        "cp1252",
        "crlf",
        "utf16-crlf",
        "utf16-nobom",
        "cp1251",
        "utf8-with-stray-cp1252",
    ],
)
def test_decodes_common_encodings_exactly(
    tmp_path: Path, data: bytes, expected_text: str, expected_encoding: str
) -> None:
    (tmp_path / "a.txt").write_bytes(data)
    item = only(run(tmp_path))
    assert isinstance(item, RawArticle)
    assert item.text == expected_text  # BOM removed, line endings as found
    assert item.encoding == expected_encoding


# ----------------------------------------------------------------------------- ids and order


def test_directory_is_read_recursively_in_id_order_with_relative_ids(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "deep").mkdir()
    (tmp_path / ".hidden").mkdir()
    files = {
        "z.txt": "zed",
        "a.md": "alpha",
        "b/deep/c.TXT": "see",
        "b/a.txt": "bee",
        "notes.csv": "ignored",
        "photo.png": "ignored",
        ".gitkeep": "",
        ".hidden/x.txt": "ignored",
    }
    for rel, text in files.items():
        (tmp_path / rel).write_text(text, encoding="utf-8")
    items = run(tmp_path)
    assert [(i.article_id, i.text) for i in items] == [
        ("a.md", "alpha"),
        ("b/a.txt", "bee"),
        ("b/deep/c.TXT", "see"),
        ("z.txt", "zed"),
    ]
    assert items[1].source_path == str(tmp_path / "b" / "a.txt")


def test_inputs_keep_the_given_order_and_a_direct_file_is_named_by_its_file_name(
    tmp_path: Path,
) -> None:
    (tmp_path / "dir").mkdir()
    (tmp_path / "dir" / "x.txt").write_text("in dir", encoding="utf-8")
    (tmp_path / "single.md").write_text("direct", encoding="utf-8")
    items = run(tmp_path / "single.md", tmp_path / "dir")
    assert [i.article_id for i in items] == ["single.md", "x.txt"]


def test_explicit_file_with_unknown_extension_is_an_error_row(tmp_path: Path) -> None:
    path = tmp_path / "article.docx"
    path.write_text("text", encoding="utf-8")
    item = only(run(path))
    assert isinstance(item, ArticleError)
    assert (item.error, item.article_id, item.source_path) == (
        "unsupported_file",
        "article.docx",
        str(path),
    )


# ----------------------------------------------------------------------------- JSONL


def test_jsonl_one_article_per_line_with_optional_fields(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {"id": "story-1", "text": "Halo dunia.", "url": "https://x.test/1", "lang": "ID"}
        ),
        "",
        json.dumps({"text": "No id here."}),
        json.dumps({"id": 42, "text": "Numeric id."}),
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = run(tmp_path)
    assert items == [
        RawArticle(
            "story-1", str(tmp_path / "feed.jsonl"), "Halo dunia.", "https://x.test/1", "id"
        ),
        RawArticle("feed.jsonl#3", str(tmp_path / "feed.jsonl"), "No id here."),
        RawArticle("42", str(tmp_path / "feed.jsonl"), "Numeric id."),
    ]


@pytest.mark.parametrize(
    ("line", "error", "article_id"),
    [
        ('{"id": "a", "text": "ok"', "bad_json", "f.jsonl#2"),
        ("not json at all", "bad_json", "f.jsonl#2"),
        ('["a", "list"]', "bad_json", "f.jsonl#2"),
        ('{"id": "b"}', "missing_text", "b"),
        ('{"id": "c", "text": "   "}', "missing_text", "c"),
        ('{"id": "d", "text": 5}', "missing_text", "d"),
    ],
)
def test_bad_jsonl_line_is_an_error_row_and_the_file_goes_on(
    tmp_path: Path, line: str, error: str, article_id: str
) -> None:
    good = json.dumps({"id": "first", "text": "Fine."})
    last = json.dumps({"id": "last", "text": "Also fine."})
    (tmp_path / "f.jsonl").write_text("\n".join([good, line, last]), encoding="utf-8")
    items = run(tmp_path)
    assert [type(i).__name__ for i in items] == ["RawArticle", "ArticleError", "RawArticle"]
    bad = items[1]
    assert isinstance(bad, ArticleError)
    assert (bad.error, bad.article_id) == (error, article_id)
    assert "line 2" in bad.message


def test_oversized_jsonl_line_is_skipped_without_reading_it_whole(tmp_path: Path) -> None:
    big = json.dumps({"id": "big", "text": "x" * 5000})
    ok = json.dumps({"id": "ok", "text": "Small."})
    (tmp_path / "f.jsonl").write_text(big + "\n" + ok + "\n", encoding="utf-8")
    items = run(tmp_path, max_file_bytes=1000)
    assert [(type(i).__name__, i.article_id) for i in items] == [
        ("ArticleError", "f.jsonl#1"),
        ("RawArticle", "ok"),
    ]
    assert items[0].error == "too_large"


# ----------------------------------------------------------------------------- bad inputs


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _undecodable() -> bytes:
    # Bytes 0x80..0xFF in a fixed scramble: not UTF-8, not cp1252 (0x81 is unassigned), and no
    # encoding makes sense of them.
    return bytes((i * 151 + 7) % 128 + 128 for i in range(3000))


@pytest.mark.parametrize(
    ("name", "data", "error"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b" \r\n\t\n  ", "empty"),
        ("photo.txt", PNG_HEADER + bytes(range(256)) * 4, "binary"),
        ("nul.txt", b"text\x00with\x00\x00\x00nul\x00\x01\x02 bytes" * 10, "binary"),
        ("junk.txt", _undecodable(), "undecodable"),
        ("empty.jsonl", b"", "empty"),
        ("blank.jsonl", b"\n\n", "empty"),
    ],
)
def test_bad_file_is_one_clear_error_row(
    tmp_path: Path, name: str, data: bytes, error: str
) -> None:
    _write(tmp_path / name, data)
    item = only(run(tmp_path))
    assert isinstance(item, ArticleError)
    assert (item.error, item.article_id, item.source_path) == (error, name, str(tmp_path / name))
    assert name in item.message


def test_bad_files_do_not_stop_the_batch(tmp_path: Path) -> None:
    _write(tmp_path / "a.txt", b"")
    _write(tmp_path / "b.txt", PNG_HEADER)
    _write(tmp_path / "c.txt", b"Good article.")
    items = run(tmp_path, tmp_path / "missing.txt")
    assert [(i.article_id, getattr(i, "error", "ok")) for i in items] == [
        ("a.txt", "empty"),
        ("b.txt", "binary"),
        ("c.txt", "ok"),
        ("missing.txt", "not_found"),
    ]


def test_nonexistent_path_is_not_found(tmp_path: Path) -> None:
    item = only(run(tmp_path / "nope"))
    assert isinstance(item, ArticleError)
    assert item.error == "not_found"
    assert "no such file" in item.message


def test_50_mb_file_is_rejected_from_stat_without_being_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:  # sparse: instant, no disk use
        fh.truncate(50 * 1024 * 1024)
    real_open = pathlib.Path.open

    def guarded_open(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        assert self != path, "a too-large file must not be opened"
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "open", guarded_open)
    item = only(run(tmp_path))
    assert Settings().max_file_bytes == 10_000_000
    assert isinstance(item, ArticleError)
    assert item.error == "too_large"
    assert "52,428,800 bytes" in item.message


def test_permission_error_is_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path / "locked.txt", b"secret")
    real_open = pathlib.Path.open

    def denied(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "open", denied)
    item = only(run(tmp_path))
    assert isinstance(item, ArticleError)
    assert item.error == "unreadable"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file_on_disk(tmp_path: Path) -> None:  # pragma: no cover - not as root
    path = _write(tmp_path / "locked.txt", b"secret")
    path.chmod(0)
    try:
        item = only(run(tmp_path))
    finally:
        path.chmod(0o600)
    assert isinstance(item, ArticleError)
    assert item.error == "unreadable"


def test_file_holding_only_artifacts_becomes_only_artifacts_error(tmp_path: Path) -> None:
    from pipeline.runner import process_article

    _write(
        tmp_path / "ads.txt",
        "[iklan_1]\n\n[ad_2]\nSumber: https://x.test/a\n\u200b\nKomentar (0)\n".encode(),
    )
    raw = only(run(tmp_path))
    assert isinstance(raw, RawArticle)
    result = process_article(raw, Settings())
    assert isinstance(result, ArticleError)
    assert (result.error, result.article_id) == ("only_artifacts", "ads.txt")
