"""Clean: remove scraping artifacts, recording each removal (PLACEHOLDER: identity)."""

from __future__ import annotations

from pipeline.records import CleanArticle, RawArticle
from pipeline.settings import Settings


def clean(raw: RawArticle, settings: Settings) -> CleanArticle:
    """Return the cleaned article with raw offsets and removals."""
    return CleanArticle(raw, raw.text, tuple(range(len(raw.text) + 1)), ())
