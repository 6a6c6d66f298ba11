"""Entities: named-entity mentions with within-article clusters (PLACEHOLDER)."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from pipeline.records import Block, Entity
from pipeline.settings import Settings


def extract_entities(
    blocks: Sequence[Block], docs: Sequence[Doc], lang: str, settings: Settings
) -> tuple[Entity, ...]:
    """Entity mentions of all blocks."""
    return ()
