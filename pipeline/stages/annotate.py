"""Annotate: run spaCy over block texts, one pipeline per language per process (PLACEHOLDER)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.settings import Settings


@cache
def _blank(lang: str) -> Language:
    return spacy.blank(lang)


def annotate(texts: Sequence[str], lang: str, settings: Settings) -> list[Doc]:
    """One Doc per text."""
    return list(_blank(lang).pipe(texts))
