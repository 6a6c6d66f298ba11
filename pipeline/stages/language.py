"""Language: detect the language of the article and of each block (PLACEHOLDER)."""

from __future__ import annotations

from dataclasses import replace

from pipeline.records import Block, LanguageGuess
from pipeline.settings import Settings


def detect_languages(
    blocks: tuple[Block, ...], forced: str | None, settings: Settings
) -> tuple[LanguageGuess, tuple[Block, ...]]:
    """The article's language and the blocks with their own language set."""
    code = forced or (settings.lang if settings.lang != "auto" else "id")
    guess = LanguageGuess(code, 1.0)
    return guess, tuple(replace(b, language=code, language_confidence=1.0) for b in blocks)
