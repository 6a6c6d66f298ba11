"""The result cache: claims, freshness, non-cached internal errors, pruning, ordered reads."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from pipeline.cache import _OUTPUT_SOURCES, CachedResult, ResultCache, content_hash
from pipeline.records import ArticleError, RawArticle
from pipeline.settings import PACKAGE_DIR


def record(aid: str, status: str = "ok", **kw: object) -> CachedResult:
    payload = json.dumps({"articles": [[aid]]}) if status != "error" else None
    fields = {"language": "id", "error": None, "message": None, "payload": payload} | kw
    return CachedResult(aid, f"in/{aid}", status, **fields)  # type: ignore[arg-type]


def test_claims_detect_duplicates_within_a_run_only(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "c.sqlite")
    cache.begin_run()
    assert cache.claim("a") and not cache.claim("a")
    cache.begin_run()
    assert cache.claim("a")
    cache.close()


def test_freshness_needs_same_content_and_version(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "c.sqlite")
    cache.begin_run()
    cache.store([record("a")], {"a": "h1"}, "v1")
    assert cache.is_fresh("a", "h1", "v1")
    assert not cache.is_fresh("a", "h2", "v1") and not cache.is_fresh("a", "h1", "v2")
    assert not cache.is_fresh("b", "h1", "v1")
    cache.close()


def test_rows_come_back_in_article_id_order_for_this_runs_inputs(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "c.sqlite")
    cache.begin_run()
    for aid in ("b", "é", "a", "Z"):
        cache.claim(aid)
    cache.store([record(a) for a in ("é", "b", "gone", "Z", "a")],
                {a: "h" for a in ("é", "b", "gone", "Z", "a")}, "v")
    assert [p["articles"][0][0] for p in cache.iter_payloads()] == sorted(["b", "é", "a", "Z"])
    assert cache.prune() == 1
    cache.close()


def test_internal_errors_are_reported_but_not_cached(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "c.sqlite")
    cache.begin_run()
    cache.claim("a")
    cache.claim("b")
    cache.store([record("a")], {"a": "h"}, "v")
    cache.store([record("a", "error", error="internal_error", message="m", cacheable=False),
                 record("b", "error", error="only_artifacts", message="n")],
                {"a": "h", "b": "h"}, "v")
    cache.add_run_error(ArticleError("in/c", "c", "empty", "e"))
    assert not cache.is_fresh("a", "h", "v")  # the old good rows are gone too: retried
    assert cache.is_fresh("b", "h", "v")
    assert list(cache.iter_errors()) == [("in/a", "a", "internal_error", "m"),
                                         ("in/b", "b", "only_artifacts", "n"),
                                         ("in/c", "c", "empty", "e")]
    statuses, _, codes = cache.counts()
    assert statuses["error"] == 3 and codes == {"internal_error": 1, "only_artifacts": 1,
                                                "empty": 1}
    cache.close()


def test_a_damaged_cache_file_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    cache = ResultCache(path)
    cache.begin_run()
    assert cache.claim("a")
    cache.close()


def test_content_hash_sees_every_field_that_changes_output() -> None:
    base = RawArticle("a", "in/a", "text", url=None, lang=None)
    variants = [RawArticle("b", "in/a", "text"), RawArticle("a", "in/b", "text"),
                RawArticle("a", "in/a", "text!"), RawArticle("a", "in/a", "text", url="u"),
                RawArticle("a", "in/a", "text", lang="en")]
    hashes = {content_hash(v) for v in variants}
    assert content_hash(base) not in hashes and len(hashes) == len(variants)
    assert content_hash(base) == content_hash(RawArticle("a", "in/a", "text"))


def test_every_module_behind_the_rows_invalidates_the_cache() -> None:
    """A module the runner imports (directly or not) that is not hashed would let a code change
    serve stale rows from the cache: pipeline/ner_rules.py was such a module."""
    code = (
        "import sys, pipeline.runner, pipeline.loader\n"
        "print('\\n'.join(m.__file__ for n, m in sys.modules.items()"
        " if n.startswith('pipeline.') and getattr(m, '__file__', None)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    roots = [PACKAGE_DIR / name for name in _OUTPUT_SOURCES]
    uncovered = [
        f for f in map(Path, out)
        if not any(f == r or r in f.parents for r in roots) and f.name != "__init__.py"
    ]
    assert uncovered == []
