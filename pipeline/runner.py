"""Runs the stages over a batch of articles: the unit of work of one worker process.

A batch goes through the stages in three steps so that spaCy sees many texts at once:

1. per article, before NLP: clean → segment → language (:func:`prepare_article`);
2. per language, one ``annotate`` call (one ``nlp.pipe``) over all blocks of the batch;
3. per article, extraction: entities → people → quotes (:func:`finish_article`).

Docs never leave the process; a worker returns only small records (:func:`process_serialised`).
Any exception raised by a stage for one article becomes that article's ``internal_error`` row and
the rest of the batch goes on.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from spacy.tokens import Doc

from pipeline.cache import ERROR_STATUS, CachedResult
from pipeline.errors import InputError
from pipeline.records import (
    ArticleError,
    ArticleResult,
    Block,
    CleanArticle,
    LanguageGuess,
    RawArticle,
)
from pipeline.settings import Settings
from pipeline.stages.annotate import annotate, load_nlp
from pipeline.stages.clean import clean
from pipeline.stages.entities import extract_entities
from pipeline.stages.language import detect_languages
from pipeline.stages.people import extract_people
from pipeline.stages.quotes import extract_quotes
from pipeline.stages.segment import segment
from pipeline.tables import article_rows

T = TypeVar("T")
INTERNAL_ERROR = "internal_error"
_MAX_MESSAGE = 300


class _StageFailure(Exception):
    """A stage raised something unexpected; carries the stage name for the error message."""

    def __init__(self, stage: str, exc: BaseException) -> None:
        super().__init__(stage)
        self.stage = stage
        self.exc = exc


def _internal_error(raw: RawArticle, stage: str, exc: BaseException) -> ArticleError:
    """One errors.csv row for a bug or resource problem: type and message, no traceback."""
    text = " ".join(str(exc).split()) or "no message"
    if len(text) > _MAX_MESSAGE:
        text = text[: _MAX_MESSAGE - 1] + "…"
    return ArticleError(
        raw.source_path, raw.article_id, INTERNAL_ERROR,
        f"{raw.source_path}: stage {stage} failed with {type(exc).__name__}: {text}",
    )


class _Clock:
    """Adds the time of each stage to a per-article timings dict."""

    def __init__(self, timings: dict[str, float]) -> None:
        self.timings = timings

    def run(self, stage: str, fn: Callable[..., T], *args: object) -> T:
        start = time.perf_counter()
        try:
            return fn(*args)
        except InputError:
            raise
        except Exception as exc:
            raise _StageFailure(stage, exc) from exc
        finally:
            self.timings[stage] = self.timings.get(stage, 0.0) + time.perf_counter() - start


@dataclass(frozen=True, slots=True)
class Prepared:
    """An article that passed the pre-NLP stages and waits for spaCy."""

    result: ArticleResult  # status ok, without NLP tables yet
    blocks: tuple[Block, ...]
    lang: str


def prepare_article(
    raw: RawArticle, settings: Settings
) -> Prepared | ArticleResult | ArticleError:
    """Clean, segment and detect the language of one article.

    Returns a finished ArticleResult when no NLP applies (unsupported or undetermined language),
    an ArticleError for bad input or a failing stage, else a Prepared article.
    """
    timings: dict[str, float] = {}
    clock = _Clock(timings)
    try:
        cleaned: CleanArticle = clock.run("clean", clean, raw, settings)
        blocks: tuple[Block, ...] = clock.run("segment", segment, cleaned, settings)
        if not blocks:
            raise InputError(
                "only_artifacts",
                f"{raw.source_path}: nothing but scraping artifacts "
                f"({len(cleaned.removals)} removed), no article text left",
            )
        guess: LanguageGuess
        guess, blocks = clock.run("language", detect_languages, blocks, raw.lang, settings)
    except InputError as exc:
        return ArticleError(raw.source_path, raw.article_id, exc.code, exc.message)
    except _StageFailure as failure:
        return _internal_error(raw, failure.stage, failure.exc)

    base = ArticleResult(
        article_id=raw.article_id,
        source_path=raw.source_path,
        source_url=cleaned.source_url or raw.url,
        language=guess.code,
        language_confidence=guess.confidence,
        status="ok",
        blocks=blocks,
        removals=cleaned.removals,
        timings=timings,
    )
    if guess.code == "und":
        return replace(base, status="undetermined_language")
    if guess.code not in settings.supported_languages:
        return replace(base, status="unsupported_language")
    return Prepared(base, blocks, guess.code)


def finish_article(
    prepared: Prepared, docs: Sequence[Doc], settings: Settings
) -> ArticleResult | ArticleError:
    """Entities, people and quotes of one annotated article."""
    base, blocks, lang = prepared.result, prepared.blocks, prepared.lang
    clock = _Clock(base.timings)
    try:
        entities = clock.run("entities", extract_entities, blocks, docs, lang, settings)
        people, roles = clock.run(
            "people", extract_people, blocks, docs, entities, lang, settings
        )
        quotes = clock.run("quotes", extract_quotes, blocks, docs, people, entities, lang, settings)
    except InputError as exc:
        return ArticleError(base.source_path, base.article_id, exc.code, exc.message)
    except _StageFailure as failure:
        raw = RawArticle(base.article_id, base.source_path, "")
        return _internal_error(raw, failure.stage, failure.exc)
    return replace(base, entities=entities, people=people, roles=roles, quotes=quotes)


def _annotate_group(
    group: list[Prepared], lang: str, settings: Settings
) -> list[list[Doc] | BaseException]:
    """Docs per article from one ``annotate`` call over all blocks of the group.

    If the batched call fails, each article is annotated on its own so that only the article
    that triggers the failure is lost. The time is shared out by characters.
    """
    texts = [b.text for p in group for b in p.blocks]
    start = time.perf_counter()
    try:
        load_nlp(lang, settings)  # cached: costs time only the first time in a process
    except Exception as exc:
        return [exc for _ in group]
    loaded = time.perf_counter()
    out: list[list[Doc] | BaseException] = []
    try:
        docs = annotate(texts, lang, settings)
        if len(docs) != len(texts):
            raise RuntimeError(f"annotate returned {len(docs)} docs for {len(texts)} texts")
        pos = 0
        for p in group:
            out.append(list(docs[pos : pos + len(p.blocks)]))
            pos += len(p.blocks)
    except Exception:
        out = []
        for p in group:
            try:
                out.append(list(annotate([b.text for b in p.blocks], lang, settings)))
            except Exception as exc:
                out.append(exc)
    shares = {"load_model": loaded - start, "annotate": time.perf_counter() - loaded}
    total = sum(len(t) for t in texts) or 1
    for p in group:
        share = sum(len(b.text) for b in p.blocks) / total
        for stage, seconds in shares.items():
            p.result.timings[stage] = p.result.timings.get(stage, 0.0) + seconds * share
    return out


def process_batch(
    raws: Sequence[RawArticle], settings: Settings
) -> list[ArticleResult | ArticleError]:
    """All stages for a batch of articles, one result per input, in input order."""
    results: list[ArticleResult | ArticleError | Prepared] = [
        prepare_article(raw, settings) for raw in raws
    ]
    groups: dict[str, list[int]] = {}
    for i, item in enumerate(results):
        if isinstance(item, Prepared):
            groups.setdefault(item.lang, []).append(i)
    for lang in sorted(groups):
        indices = groups[lang]
        group = [results[i] for i in indices]
        annotated = _annotate_group(group, lang, settings)  # type: ignore[arg-type]
        for i, prepared, docs in zip(indices, group, annotated, strict=True):
            assert isinstance(prepared, Prepared)
            if isinstance(docs, BaseException):
                raw = RawArticle(prepared.result.article_id, prepared.result.source_path, "")
                results[i] = _internal_error(raw, "annotate", docs)
            else:
                results[i] = finish_article(prepared, docs, settings)
    return results  # type: ignore[return-value]


def process_article(raw: RawArticle, settings: Settings) -> ArticleResult | ArticleError:
    """All stages for one article. Bad input becomes an ArticleError, not an exception."""
    return process_batch([raw], settings)[0]


def _json_default(value: object) -> object:
    """numpy scalars and the like, which stages may leak into records, as plain numbers."""
    item = getattr(value, "item", None)
    if callable(item):
        return item()
    raise TypeError(f"{type(value).__name__} is not serialisable")


def serialise(item: ArticleResult | ArticleError) -> CachedResult:
    """The cache record of one result: its output rows as JSON, or its error."""
    if isinstance(item, ArticleError):
        return CachedResult(
            item.article_id, item.source_path, ERROR_STATUS, None, item.error, item.message, None,
            cacheable=item.error != INTERNAL_ERROR,
        )
    try:
        payload = json.dumps(
            article_rows(item), ensure_ascii=False, separators=(",", ":"), default=_json_default
        )
    except Exception as exc:  # a stage produced something that is not a plain value
        raw = RawArticle(item.article_id, item.source_path, "")
        return serialise(_internal_error(raw, "write", exc))
    return CachedResult(
        item.article_id, item.source_path, item.status, item.language, None, None, payload
    )


def process_serialised(
    raws: Sequence[RawArticle], settings: Settings
) -> tuple[list[CachedResult], dict[str, float]]:
    """What a worker returns for a batch: cache records and the summed stage timings."""
    results = process_batch(raws, settings)
    timings: dict[str, float] = {}
    for item in results:
        if isinstance(item, ArticleResult):
            for stage, seconds in item.timings.items():
                timings[stage] = timings.get(stage, 0.0) + seconds
    return [serialise(item) for item in results], timings
