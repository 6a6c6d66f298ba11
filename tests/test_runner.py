"""The runner: batched stages equal per-article stages, and a failing stage costs one article."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from batch_corpus import article_text

from pipeline import runner
from pipeline.records import ArticleError, ArticleResult, Block, Entity, RawArticle
from pipeline.runner import (
    INTERNAL_ERROR,
    process_article,
    process_batch,
    process_serialised,
    serialise,
)
from pipeline.settings import Settings, load_settings
from pipeline.tables import article_rows

MARKER = "Zorglubwerke"  # an ordinary-looking word that the stages leave in the text


@pytest.fixture(scope="module")
def settings() -> Settings:
    return load_settings()


def raws(n: int, marked: int | None = None) -> list[RawArticle]:
    """``n`` articles (id and en alternating); article ``marked`` mentions MARKER."""
    rng = random.Random(1)
    out = []
    for i in range(n):
        text = article_text(rng, ("id", "en")[i % 2], i)
        if i == marked:
            text = text.replace("\n", f" {MARKER}.\n", 2)
        out.append(RawArticle(f"a{i:02d}.txt", f"in/a{i:02d}.txt", text))
    return out


def rows_of(item: ArticleResult | ArticleError) -> object:
    return article_rows(item) if isinstance(item, ArticleResult) else item


def test_a_batch_gives_the_same_rows_as_articles_one_by_one(settings: Settings) -> None:
    batch = raws(6)
    together = process_batch(batch, settings)
    alone = [process_article(raw, settings) for raw in batch]
    assert [rows_of(r) for r in together] == [rows_of(r) for r in alone]
    assert [r.article_id for r in together] == [raw.article_id for raw in batch]
    assert sum(isinstance(r, ArticleResult) and r.status == "ok" for r in together) >= 4


def test_timings_cover_every_stage_of_an_annotated_article(settings: Settings) -> None:
    result = process_article(raws(1)[0], settings)
    assert isinstance(result, ArticleResult) and result.status == "ok"
    assert {"clean", "segment", "language", "load_model", "annotate", "entities", "people",
            "quotes"} <= set(result.timings)
    assert all(seconds >= 0 for seconds in result.timings.values())


def _marked(args: tuple[Any, ...]) -> bool:
    """Does any argument (raw article, clean article, blocks) carry the marker?"""
    for arg in args:
        text = getattr(arg, "text", None)
        if isinstance(text, str) and MARKER in text:
            return True
        if isinstance(arg, tuple | list) and any(MARKER in getattr(b, "text", "") for b in arg):
            return True
    return False


@pytest.mark.parametrize(
    "stage,function",
    [("clean", "clean"), ("segment", "segment"), ("language", "detect_languages"),
     ("entities", "extract_entities"), ("people", "extract_people"),
     ("quotes", "extract_quotes")],
)
def test_an_exception_in_a_stage_becomes_one_internal_error(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, stage: str, function: str
) -> None:
    batch = raws(4, marked=1)
    expected = process_batch(batch, settings)
    real: Callable[..., Any] = getattr(runner, function)

    def exploding(*args: Any) -> Any:
        if _marked(args):
            raise ValueError("cannot handle\nthis input")
        return real(*args)

    monkeypatch.setattr(runner, function, exploding)
    results = process_batch(batch, settings)
    error = results[1]
    assert isinstance(error, ArticleError)
    assert (error.article_id, error.error) == ("a01.txt", INTERNAL_ERROR)
    assert f"stage {stage}" in error.message
    assert "ValueError: cannot handle this input" in error.message
    assert "\n" not in error.message and "Traceback" not in error.message
    others = [0, 2, 3]
    assert [rows_of(results[i]) for i in others] == [rows_of(expected[i]) for i in others]


def test_a_failing_annotate_call_is_retried_per_article(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    batch = raws(6, marked=2)
    expected = process_batch(batch, settings)
    real = runner.annotate
    calls = []

    def fragile(texts: list[str], lang: str, s: Settings) -> Any:
        calls.append(len(texts))
        if any(MARKER in t for t in texts):
            raise RuntimeError("model crashed")
        return real(texts, lang, s)

    monkeypatch.setattr(runner, "annotate", fragile)
    results = process_batch(batch, settings)
    assert isinstance(results[2], ArticleError) and results[2].error == INTERNAL_ERROR
    assert "stage annotate" in results[2].message and "RuntimeError" in results[2].message
    assert [rows_of(r) for i, r in enumerate(results) if i != 2] == [
        rows_of(r) for i, r in enumerate(expected) if i != 2
    ]
    assert max(calls) > 2 * min(calls)  # one call over the batch first, then per article


def test_input_errors_pass_through_as_their_own_code(settings: Settings) -> None:
    only_artifacts = RawArticle("x.txt", "in/x.txt", "[iklan_1]\n\n\nKomentar (0)\n")
    result = process_article(only_artifacts, settings)
    assert isinstance(result, ArticleError)
    assert result.error != INTERNAL_ERROR and result.article_id == "x.txt"


def test_serialised_rows_are_plain_json_even_from_numpy_values() -> None:
    block = Block(0, "body", "Budi pergi.", 0, 11, language="id", language_confidence=0.5)
    entity = Entity(0, np.int64(0), np.int64(0), np.int64(4), "Budi", "PERSON", "Budi")  # type: ignore[arg-type]
    result = ArticleResult("a.txt", "in/a.txt", None, "id", 0.99, "ok", blocks=(block,),
                           entities=(entity,))
    record = serialise(result)
    assert record.payload is not None and record.status == "ok"
    rows = json.loads(record.payload)
    assert rows["entities"] == [["a.txt", 0, 0, 0, 0, 4, "Budi", "PERSON", "Budi"]]
    assert rows == json.loads(json.dumps({k: [list(r) for r in v]
                                          for k, v in article_rows(result).items()}, default=int))


def test_internal_errors_are_not_cached_but_input_errors_are(settings: Settings) -> None:
    internal = serialise(ArticleError("p", "a", INTERNAL_ERROR, "boom"))
    bad = serialise(ArticleError("p", "a", "only_artifacts", "nothing left"))
    assert not internal.cacheable and bad.cacheable
    records, timings = process_serialised(raws(2), settings)
    assert [r.article_id for r in records] == ["a00.txt", "a01.txt"]
    assert "annotate" in timings
