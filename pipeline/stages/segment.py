"""Segment: split clean text into body and caption blocks, in reading order.

Why lines: the scraped pages put one paragraph per line, and the cleaner has already collapsed
blank lines and stripped line ends, so each clean line is exactly one block. A line wrapped in
``| … |`` is a photo caption; its trailing credit ``(Sumber: X)`` / ``(Photo: X)`` (labels are
lang.toml data) moves to ``Block.credit``. The cleaner logs that move as a ``caption_credit``
removal, so nothing leaves the text silently; the pipes are layout and are dropped.
"""

from __future__ import annotations

import re

from pipeline.records import Block, CleanArticle
from pipeline.settings import Settings
from pipeline.stages.clean import RawSpans, languages_for, parse_caption, patterns

_LINE_RE = re.compile(r"[^\n]+")


def segment(article: CleanArticle, settings: Settings) -> tuple[Block, ...]:
    """Blocks in reading order with the raw span of exactly each block's text."""
    pats = patterns(languages_for(article.raw, settings))
    spans = RawSpans(article)
    blocks: list[Block] = []
    for line in _LINE_RE.finditer(article.text):
        cap = parse_caption(line.group(), pats)
        if cap is None:
            start, end = line.span()
            blocks.append(Block(len(blocks), "body", line.group(), *spans(start, end)))
            continue
        text = line.group()[cap.text_start : cap.text_end]
        if not text and not cap.credit:
            continue  # an empty `| |` line is layout only
        start, end = line.start() + cap.text_start, line.start() + cap.text_end
        blocks.append(Block(len(blocks), "caption", text, *spans(start, end), credit=cap.credit))
    return tuple(blocks)
