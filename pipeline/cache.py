"""The per-output-folder result cache that makes runs incremental and resumable.

``<out>/.newspipe/cache.sqlite`` holds, for every article of the last runs, its content hash, the
pipeline version that produced it and its output rows (JSON). Workers hand their results to the
main process, which stores them one transaction per batch; so a crash or Ctrl-C loses at most the
batches in flight, and the next run reuses everything already committed. The CSV tables are then
rebuilt by streaming rows out of the cache in ``article_id`` order, which makes the output
independent of the number of workers and of the order batches finish in, with flat memory.

The cache is only a cache: if it is unreadable it is deleted and rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.records import ArticleError, RawArticle
from pipeline.settings import Settings

SCHEMA_VERSION = "1"
STATE_DIR = ".newspipe"
CACHE_FILE = "cache.sqlite"
ERROR_STATUS = "error"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    article_id TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL,
    version TEXT NOT NULL,
    source_path TEXT NOT NULL,
    status TEXT NOT NULL,
    language TEXT,
    error TEXT,
    message TEXT,
    payload TEXT
);
CREATE TABLE IF NOT EXISTS run_inputs (article_id TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS run_errors (
    source_path TEXT NOT NULL,
    article_id TEXT NOT NULL,
    error TEXT NOT NULL,
    message TEXT NOT NULL
);
"""


def content_hash(raw: RawArticle) -> str:
    """A digest of everything about an input that can change its output rows."""
    digest = hashlib.blake2b(digest_size=16)
    for part in (raw.article_id, raw.source_path, raw.text, raw.url or "", raw.lang or "",
                 raw.encoding):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class CachedResult:
    """What a worker hands back for one article: small, picklable, already serialised."""

    article_id: str
    source_path: str
    status: str  # ok | unsupported_language | undetermined_language | error
    language: str | None
    error: str | None
    message: str | None
    payload: str | None  # JSON {table: [row, ...]} for results, None for errors
    cacheable: bool = True  # internal errors may be transient: retried on the next run

    def as_error(self) -> ArticleError:
        return ArticleError(self.source_path, self.article_id, self.error or "", self.message or "")


class ResultCache:
    """SQLite store of per-article rows, keyed by article_id, plus this run's input list."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = self._connect()
        except sqlite3.DatabaseError:
            # A damaged cache costs a full reprocess, never a failed run.
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            self.db = self._connect()

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.executescript(_SCHEMA)
        row = db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        if row is None or row[0] != SCHEMA_VERSION:
            db.executescript(
                "DELETE FROM articles; DELETE FROM run_inputs; DELETE FROM run_errors;"
            )
            db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
        return db

    def close(self) -> None:
        if self.db.in_transaction:
            self.db.commit()
        self.db.close()

    # -- one run ---------------------------------------------------------------------------

    def begin_run(self) -> None:
        """Forget the input list of any previous (possibly interrupted) run."""
        self.db.executescript("DELETE FROM run_inputs; DELETE FROM run_errors;")
        self.db.execute("BEGIN")

    def commit(self) -> None:
        """Make everything recorded so far durable; the next statements open a new transaction."""
        if self.db.in_transaction:
            self.db.commit()
        self.db.execute("BEGIN")

    def claim(self, article_id: str) -> bool:
        """Record an input of this run; False if the id was already seen (a duplicate)."""
        try:
            self.db.execute("INSERT INTO run_inputs VALUES (?)", (article_id,))
        except sqlite3.IntegrityError:
            return False
        return True

    def add_run_error(self, error: ArticleError) -> None:
        """An input that failed before processing (ingest); never cached across runs."""
        self.db.execute(
            "INSERT INTO run_errors VALUES (?, ?, ?, ?)",
            (error.source_path, error.article_id, error.error, error.message),
        )

    def is_fresh(self, article_id: str, digest: str, version: str) -> bool:
        """True if the cached rows were made from the same content by the same pipeline."""
        row = self.db.execute(
            "SELECT content_hash, version FROM articles WHERE article_id=?", (article_id,)
        ).fetchone()
        return row is not None and row[0] == digest and row[1] == version

    def store(self, results: list[CachedResult], hashes: dict[str, str], version: str) -> None:
        """Store one batch of results and commit: the unit of resumption."""
        for r in results:
            if not r.cacheable:
                # Keep it out of the cache (and drop an older entry) so the next run retries.
                self.db.execute("DELETE FROM articles WHERE article_id=?", (r.article_id,))
                self.add_run_error(r.as_error())
                continue
            self.db.execute(
                "INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (r.article_id, hashes[r.article_id], version, r.source_path, r.status,
                 r.language, r.error, r.message, r.payload),
            )
        self.commit()

    def prune(self) -> int:
        """Drop articles that are not inputs of this run (removed files leave the outputs)."""
        cur = self.db.execute(
            "DELETE FROM articles WHERE article_id NOT IN (SELECT article_id FROM run_inputs)"
        )
        self.commit()
        return cur.rowcount

    # -- reading back ----------------------------------------------------------------------

    def iter_payloads(self) -> Iterator[dict[str, list[list[object]]]]:
        """Rows of every successful article of this run, in article_id order, one at a time."""
        cur = self.db.execute(
            "SELECT a.payload FROM articles a JOIN run_inputs r ON a.article_id = r.article_id "
            "WHERE a.status != ? ORDER BY a.article_id",
            (ERROR_STATUS,),
        )
        for (payload,) in cur:
            yield json.loads(payload)

    def iter_errors(self) -> Iterator[tuple[str, str, str, str]]:
        """errors.csv rows of this run (ingest and processing), ordered by their key."""
        yield from self.db.execute(
            "SELECT source_path, article_id, error, message FROM run_errors "
            "UNION ALL "
            "SELECT a.source_path, a.article_id, a.error, a.message FROM articles a "
            "JOIN run_inputs r ON a.article_id = r.article_id WHERE a.status = ? "
            "ORDER BY 1, 2, 3, 4",
            (ERROR_STATUS,),
        )

    def counts(self) -> tuple[Counter[str], Counter[str], Counter[str]]:
        """(statuses, languages of processed articles, error codes) over this run's inputs."""
        statuses: Counter[str] = Counter()
        languages: Counter[str] = Counter()
        codes: Counter[str] = Counter()
        for status, language, error, n in self.db.execute(
            "SELECT a.status, a.language, a.error, count(*) FROM articles a "
            "JOIN run_inputs r ON a.article_id = r.article_id GROUP BY 1, 2, 3"
        ):
            statuses[status] += n
            if status == ERROR_STATUS:
                codes[error] += n
            else:
                languages[language] += n
        for error, n in self.db.execute("SELECT error, count(*) FROM run_errors GROUP BY 1"):
            statuses[ERROR_STATUS] += n
            codes[error] += n
        return statuses, languages, codes


# Files whose content decides the rows of an article: a change to any of them invalidates the
# cache (the package version alone does not move while developing). Every module the runner
# imports must be here (tests/test_cache.py checks it): the entity rules were missing once.
_OUTPUT_SOURCES = ("records.py", "tables.py", "runner.py", "errors.py", "settings.py",
                   "defaults.toml", "stages", "lang", "ner_rules.py", "ner_ensemble.py",
                   "loader.py", "cache.py")


def _hash_tree(digest: hashlib._Hash, root: Path) -> None:  # type: ignore[name-defined]
    paths = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
    for path in paths:
        if "__pycache__" in path.parts or path.suffix == ".pyc":
            continue
        digest.update(path.relative_to(root.parent).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")


def model_fingerprint(name: str) -> str:
    """A short identity of a configured model: its files' hash, or its package versions."""
    path = Path(name)
    if path.exists():
        digest = hashlib.blake2b(digest_size=16)
        _hash_tree(digest, path)
        return f"path:{digest.hexdigest()}"
    from importlib import metadata

    prefix = name.replace("-", "_").lower()
    found = sorted(
        f"{dist.metadata['Name']}=={dist.version}"
        for dist in metadata.distributions()
        if (dist.metadata["Name"] or "").replace("-", "_").lower().startswith(prefix)
    )
    return "pkg:" + (",".join(found) or "missing")


def pipeline_version(settings: Settings) -> tuple[str, dict[str, object]]:
    """The version key of cached rows, and the facts it was made from (for run.json)."""
    import spacy

    from pipeline import __version__
    from pipeline.settings import PACKAGE_DIR

    code = hashlib.blake2b(digest_size=16)
    for name in _OUTPUT_SOURCES:
        if (PACKAGE_DIR / name).exists():
            _hash_tree(code, PACKAGE_DIR / name)
    facts: dict[str, object] = {
        "newspipe": __version__,
        "spacy": spacy.__version__,
        "code": code.hexdigest(),
        "models": {
            lang: model_fingerprint(settings.model_for(lang))
            for lang in sorted(settings.supported_languages)
            if lang in settings.models
        },
        "settings": {
            "lang": settings.lang,
            "supported_languages": list(settings.supported_languages),
            "langdetect_seed": settings.langdetect_seed,
        },
    }
    key = hashlib.blake2b(json.dumps(facts, sort_keys=True).encode(), digest_size=16).hexdigest()
    return key, facts
