"""Annotate: run spaCy over block texts, one pipeline per language per process.

CONTRACT (owned by the entities work): ``load_nlp(lang, settings)`` returns the loaded spaCy
pipeline for ``lang`` (model + rules layer), cached so each process loads each model once;
``annotate(texts, lang, settings)`` returns one Doc per text via ``nlp.pipe``.
PLACEHOLDER implementation: a blank pipeline.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.settings import Settings


@cache
def _load(lang: str, model: str) -> Language:
    return spacy.blank(lang)


def load_nlp(lang: str, settings: Settings) -> Language:
    """The spaCy pipeline for ``lang``, loaded once per process."""
    return _load(lang, settings.model_for(lang))


def annotate(texts: Sequence[str], lang: str, settings: Settings) -> list[Doc]:
    """One Doc per text, in order."""
    return list(load_nlp(lang, settings).pipe(texts, batch_size=settings.batch_size))
