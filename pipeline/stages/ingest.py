"""Ingest: find input files, decode them, and make RawArticle records (PLACEHOLDER: minimal)."""

from __future__ import annotations

from collections.abc import Iterator

from pipeline.records import ArticleError, RawArticle
from pipeline.settings import Settings


def read_inputs(settings: Settings) -> Iterator[RawArticle | ArticleError]:
    """Yield every article of settings.inputs in deterministic order."""
    for root in settings.inputs:
        files = sorted(root.rglob("*.txt")) if root.is_dir() else [root]
        for path in files:
            rel = path.relative_to(root).as_posix() if root.is_dir() else path.name
            yield RawArticle(rel, str(path), path.read_text(encoding="utf-8"))
