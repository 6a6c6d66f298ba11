"""People: persons with honorific, rank, roles and organisations (PLACEHOLDER)."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from pipeline.records import Block, Entity, Person, Role
from pipeline.settings import Settings


def extract_people(
    blocks: Sequence[Block],
    docs: Sequence[Doc],
    entities: Sequence[Entity],
    lang: str,
    settings: Settings,
) -> tuple[tuple[Person, ...], tuple[Role, ...]]:
    """People and their roles."""
    return (), ()
