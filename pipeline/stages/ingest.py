"""Ingest: find input files, decode them, and make RawArticle records.

Why this shape: a batch must survive any bad file, so every problem becomes an ArticleError
(one errors.csv row) instead of an exception, and the batch goes on. Inputs are streamed: a
directory is listed (paths only), then each file is read when its turn comes; JSONL is read line
by line; a file above ``settings.max_file_bytes`` is rejected from ``stat`` without reading it.

Article ids (stable across runs and machines):

- a file found under a directory input: its path relative to that directory, posix style;
- a file given directly: its file name (the input root is its parent directory);
- a JSONL line: its ``id`` field, else ``<file id>#<line number>`` (1-based).

Order: inputs in the order given; within a directory, files sorted by article id; within a
JSONL file, line order.
"""

from __future__ import annotations

import codecs
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import charset_normalizer
import regex

from pipeline.records import ArticleError, RawArticle
from pipeline.settings import Settings

ARTICLE_SUFFIXES = frozenset({".txt", ".md"})
JSONL_SUFFIXES = frozenset({".jsonl"})

# File signatures of common binary formats a scraper may leave behind or misname.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or docx/xlsx)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"\x7fELF", "executable"),
    (b"MZ", "Windows executable"),
    (b"\xd0\xcf\x11\xe0", "MS Office document"),
    (b"RIFF", "RIFF media file"),
    (b"OggS", "Ogg media file"),
    (b"ID3", "MP3 audio"),
    (b"SQLite format 3\x00", "SQLite database"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Control characters that never occur in text files (whitespace controls excluded).
_CONTROL_RE = regex.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_MAX_CONTROL_RATIO = 0.01
_BINARY_BYTES_RE = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
# cp1252 is trusted without detection when its non-ASCII characters look like Western text:
# accented Latin letters and typographic punctuation, and only a minority of the letters.
_WESTERN_RE = regex.compile(r"[\p{Latin}\u2018-\u201e\u2013\u2014\u2026\u20ac\u00a0-\u00bf]")
_NON_ASCII_RE = regex.compile(r"[^\x00-\x7f]")
_LETTER_RE = regex.compile(r"\p{L}")


class _Reject(Exception):
    """One bad input: becomes an ArticleError."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def read_inputs(settings: Settings) -> Iterator[RawArticle | ArticleError]:
    """Yield every article of settings.inputs in deterministic order, errors as rows."""
    for root in settings.inputs:
        root = Path(root)
        if root.is_dir():
            for path in _walk(root):
                yield from _read_file(path, path.relative_to(root).as_posix(), settings)
        elif root.exists() or root.is_symlink():
            yield from _read_file(root, root.name, settings)
        else:
            yield ArticleError(
                str(root), root.name or str(root), "not_found", f"{root}: no such file or directory"
            )


def _walk(root: Path) -> list[Path]:
    """Article files under ``root`` sorted by relative path; hidden files and dirs skipped."""
    found: list[tuple[str, Path]] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            suffix = Path(name).suffix.lower()
            if name.startswith(".") or suffix not in ARTICLE_SUFFIXES | JSONL_SUFFIXES:
                continue
            path = Path(dirpath) / name
            found.append((path.relative_to(root).as_posix(), path))
    return [path for _, path in sorted(found)]


def _read_file(path: Path, file_id: str, settings: Settings) -> Iterator[RawArticle | ArticleError]:
    """The article(s) of one file, or one error row per problem."""
    source = str(path)
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            yield from _read_jsonl(path, file_id, settings)
            return
        if suffix not in ARTICLE_SUFFIXES:
            raise _Reject(
                "unsupported_file",
                f"{source}: unsupported file type {suffix or '(none)'!r}; "
                "expected .txt, .md or .jsonl",
            )
        size = _check_size(path, settings)
        if size == 0:
            raise _Reject("empty", f"{source}: the file is empty (0 bytes)")
        with path.open("rb") as fh:
            data = fh.read(settings.max_file_bytes + 1)
        text, encoding = decode(data, source)
        yield RawArticle(file_id, source, text, encoding=encoding)
    except _Reject as exc:
        yield ArticleError(source, file_id, exc.code, exc.message)
    except FileNotFoundError:
        yield ArticleError(source, file_id, "not_found", f"{source}: no such file or directory")
    except PermissionError:
        yield ArticleError(source, file_id, "unreadable", f"{source}: permission denied")
    except IsADirectoryError:
        yield ArticleError(source, file_id, "unreadable", f"{source}: is a directory")
    except OSError as exc:
        yield ArticleError(source, file_id, "unreadable", f"{source}: cannot read ({exc.strerror})")


def _check_size(path: Path, settings: Settings) -> int:
    """The file size from stat; a file over the limit is rejected before any byte is read."""
    size = path.stat().st_size
    if size > settings.max_file_bytes:
        raise _Reject(
            "too_large",
            f"{path}: {size:,} bytes is over the limit of {settings.max_file_bytes:,} bytes "
            "(max_file_bytes); the file was not read",
        )
    return size


def decode(data: bytes, source: str) -> tuple[str, str]:
    """Decode one article's bytes; return (text without BOM, encoding name).

    Order: a BOM decides; else strict UTF-8; else UTF-8 with a few stray cp1252 bytes; else
    cp1252 when the result looks like Western text (the common legacy encoding of these
    sources, and detectors confuse it with its neighbours on short texts); else
    charset-normalizer's best guess. Binary data, bytes no encoding explains, and
    whitespace-only text are rejected.
    """
    head_has_controls = _BINARY_BYTES_RE.search(data[:1024]) is not None
    for signature, what in _MAGIC:
        if data.startswith(signature) and head_has_controls:  # "MZ…" may also start a text
            raise _Reject("binary", f"{source}: binary data ({what}), not text")
    text = encoding = None
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                text, encoding = data[len(bom) :].decode(name), name
            except UnicodeDecodeError as exc:
                raise _Reject(
                    "undecodable", f"{source}: starts with a {name} BOM but is not valid {name}"
                ) from exc
            break
    if text is None:
        if b"\x00" in data:
            text, encoding = _bomless_utf16(data, source)
        else:
            text, encoding = _decode_no_bom(data, source)
    controls = len(_CONTROL_RE.findall(text))
    if text and controls / len(text) > _MAX_CONTROL_RATIO:
        raise _Reject(
            "binary", f"{source}: {controls} control characters; looks like binary data, not text"
        )
    if not text.strip():
        raise _Reject("empty", f"{source}: the file holds only whitespace")
    return text, encoding


def _bomless_utf16(data: bytes, source: str) -> tuple[str, str]:
    """NUL bytes mean binary, unless they sit in every other byte (UTF-16 without a BOM)."""
    even, odd = data[0::2].count(0), data[1::2].count(0)
    half = len(data) // 2
    for name, zeros in (("utf-16-le", odd), ("utf-16-be", even)):
        if half and len(data) % 2 == 0 and zeros > 0.3 * half:
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                break
    raise _Reject("binary", f"{source}: contains NUL bytes; looks like binary data, not text")


def _cp1252_fallback(err: UnicodeError) -> tuple[str, int]:
    """Decode the bytes UTF-8 rejects as cp1252 (Latin-1 for its 5 undefined bytes)."""
    if not isinstance(err, UnicodeDecodeError):
        raise err
    bad = err.object[err.start : err.end]
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in bad), err.end


codecs.register_error("newspipe-cp1252", _cp1252_fallback)


def _decode_no_bom(data: bytes, source: str) -> tuple[str, str]:
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Mostly UTF-8 with a few stray legacy bytes (pages pasted together): keep the UTF-8 and
    # read only the stray bytes as cp1252, so no character is lost.
    replaced = data.decode("utf-8", errors="replace")
    n_bad = replaced.count("\ufffd")
    n_good = len(_NON_ASCII_RE.findall(replaced)) - n_bad
    if n_good >= 2 * n_bad:
        return data.decode("utf-8", errors="newspipe-cp1252"), "utf-8+cp1252"
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None and _looks_western(text):
        return text, "cp1252"
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise _Reject(
            "undecodable",
            f"{source}: the bytes are not valid UTF-8 and match no known text encoding",
        )
    return str(best), best.encoding


def _looks_western(text: str) -> bool:
    """Only Western characters, and accented letters a minority (unlike misread Cyrillic)."""
    non_ascii = _NON_ASCII_RE.findall(text)
    if not all(_WESTERN_RE.match(c) for c in non_ascii):
        return False
    accented = sum(1 for c in non_ascii if c.isalpha())
    return accented <= 0.4 * max(len(_LETTER_RE.findall(text)), 1)


def _read_jsonl(
    path: Path, file_id: str, settings: Settings
) -> Iterator[RawArticle | ArticleError]:
    """One article per line; each line is bounded by max_file_bytes, the file is not."""
    source = str(path)
    limit = settings.max_file_bytes
    with path.open("rb") as fh:
        lineno = 0
        n_nonblank = 0
        while True:
            line = fh.readline(limit + 1)
            if not line:
                break
            lineno += 1
            line_id = f"{file_id}#{lineno}"
            if len(line) > limit and not line.endswith(b"\n"):
                while (rest := fh.readline(1 << 20)) and not rest.endswith(b"\n"):
                    pass  # skip the rest of the oversized line without holding it
                n_nonblank += 1
                yield ArticleError(
                    source,
                    line_id,
                    "too_large",
                    f"{source}: line {lineno} is over the limit of {limit:,} bytes "
                    "(max_file_bytes); it was not read",
                )
                continue
            if lineno == 1:
                line = line.removeprefix(codecs.BOM_UTF8)
            if not line.strip():
                continue
            n_nonblank += 1
            yield _jsonl_article(line, line_id, lineno, source)
    if n_nonblank == 0:
        raise _Reject("empty", f"{source}: the JSONL file holds no articles (no non-blank line)")


def _jsonl_article(
    line: bytes, line_id: str, lineno: int, source: str
) -> RawArticle | ArticleError:
    where = f"{source}: line {lineno}"
    try:
        obj = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError:
        return ArticleError(source, line_id, "undecodable", f"{where} is not valid UTF-8")
    except json.JSONDecodeError as exc:
        return ArticleError(source, line_id, "bad_json", f"{where} is not valid JSON ({exc.msg})")
    except RecursionError:
        return ArticleError(source, line_id, "bad_json", f"{where} is JSON nested too deeply")
    if not isinstance(obj, dict):
        return ArticleError(
            source, line_id, "bad_json", f"{where} is JSON but not an object ({type(obj).__name__})"
        )
    article_id = obj.get("id")
    if article_id is not None and not isinstance(article_id, bool):
        article_id = str(article_id).strip() or None
    else:
        article_id = None
    article_id = article_id or line_id
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        what = "has no `text` field" if text is None else "has an empty or non-string `text`"
        return ArticleError(source, article_id, "missing_text", f"{where} {what}")
    text = text.removeprefix("\ufeff")
    url = obj.get("url") if isinstance(obj.get("url"), str) and obj.get("url") else None
    lang = obj.get("lang") if isinstance(obj.get("lang"), str) and obj.get("lang") else None
    return RawArticle(article_id, source, text, url=url, lang=lang and lang.strip().lower())
