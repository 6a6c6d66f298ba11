"""Quotes: direct quotes and their speakers (PLACEHOLDER)."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from pipeline.records import Block, Entity, Person, Quote
from pipeline.settings import Settings


def extract_quotes(
    blocks: Sequence[Block],
    docs: Sequence[Doc],
    people: Sequence[Person],
    entities: Sequence[Entity],
    lang: str,
    settings: Settings,
) -> tuple[Quote, ...]:
    """Quotes with speakers resolved to people where possible."""
    return ()
