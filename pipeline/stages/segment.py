"""Segment: split clean text into body and caption blocks (PLACEHOLDER: lines)."""

from __future__ import annotations

import re

from pipeline.records import Block, CleanArticle
from pipeline.settings import Settings


def segment(article: CleanArticle, settings: Settings) -> tuple[Block, ...]:
    """Blocks in reading order with raw offsets."""
    out = []
    for m in re.finditer(r"[^\n]+", article.text):
        if m.group().strip():
            off = article.raw_offsets
            out.append(Block(len(out), "body", m.group(), off[m.start()], off[m.end() - 1] + 1))
    return tuple(out)
