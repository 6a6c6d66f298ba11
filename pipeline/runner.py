"""Runs the stages over a batch of articles and hands the results to the writer."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace

from pipeline.errors import InputError
from pipeline.records import ArticleError, ArticleResult, RawArticle
from pipeline.settings import Settings
from pipeline.stages.annotate import annotate
from pipeline.stages.clean import clean
from pipeline.stages.entities import extract_entities
from pipeline.stages.ingest import read_inputs
from pipeline.stages.language import detect_languages
from pipeline.stages.people import extract_people
from pipeline.stages.quotes import extract_quotes
from pipeline.stages.segment import segment


def process_article(raw: RawArticle, settings: Settings) -> ArticleResult | ArticleError:
    """All stages for one article. Bad input becomes an ArticleError, not an exception."""
    timings: dict[str, float] = {}
    t = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal t
        now = time.perf_counter()
        timings[stage] = timings.get(stage, 0.0) + now - t
        t = now

    try:
        cleaned = clean(raw, settings)
        lap("clean")
        blocks = segment(cleaned, settings)
        lap("segment")
        if not blocks:
            raise InputError(
                "only_artifacts",
                f"{raw.source_path}: nothing but scraping artifacts "
                f"({len(cleaned.removals)} removed), no article text left",
            )
        guess, blocks = detect_languages(blocks, raw.lang, settings)
        lap("language")
    except InputError as exc:
        return ArticleError(raw.source_path, raw.article_id, exc.code, exc.message)

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

    docs = annotate([b.text for b in blocks], guess.code, settings)
    lap("annotate")
    entities = extract_entities(blocks, docs, guess.code, settings)
    lap("entities")
    people, roles = extract_people(blocks, docs, entities, guess.code, settings)
    lap("people")
    quotes = extract_quotes(blocks, docs, people, entities, guess.code, settings)
    lap("quotes")
    return replace(base, entities=entities, people=people, roles=roles, quotes=quotes)


def iter_results(settings: Settings) -> Iterator[ArticleResult | ArticleError]:
    """Process every input in deterministic (article_id) order."""
    for item in read_inputs(settings):
        if isinstance(item, ArticleError):
            yield item
        else:
            yield process_article(item, settings)
