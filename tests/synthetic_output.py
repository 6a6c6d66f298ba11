"""A small synthetic output folder, written through the real TableWriter, for the review,
export and loader tests. It does not run the NLP stages: the records are built by hand, with
raw offsets computed from a raw text so that removals fall inside and between blocks.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.records import (
    ArticleError,
    ArticleResult,
    Block,
    Entity,
    Person,
    Quote,
    Removal,
    Role,
)
from pipeline.writer import TableWriter

INJECTED_SCRIPT = "<script>document.title='pwned'</script>"
INJECTED_IMG = "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">"
EVIL_ID = "en/../../evil<script>document.title='id-pwned'</script>.txt"
FORMULA = "=HYPERLINK(\"http://example.invalid\",\"click\")"


class RawBuilder:
    """Builds a raw text piece by piece and remembers where each piece went."""

    def __init__(self) -> None:
        self.text = ""

    def add(self, piece: str) -> tuple[int, int]:
        start = len(self.text)
        self.text += piece
        return start, len(self.text)


def _span(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def article_id_one() -> ArticleResult:
    """Indonesian article: inline mojibake fix, placeholder, trailer, caption, people, quote."""
    raw = RawBuilder()
    ph = raw.add("[ADVERTISEMENT]")
    raw.add("\n")
    b0_start, _ = raw.add("Kolonel Budi Santoso dari Badan Siber menyampaikan ")
    moj = raw.add("â€œ")
    _, b0_end = raw.add("keamanan itu penting” kata Budi.")
    raw.add("\n\n")
    b1 = raw.add(f"Peserta menulis {INJECTED_SCRIPT} dan {INJECTED_IMG} di forum.")
    raw.add("\n\n")
    trailer = raw.add("Baca juga: Serangan siber meningkat")
    raw.add("\n\n")
    b2 = raw.add("| Suasana workshop keamanan siber | (Sumber: UN Women)")
    raw.add("\n")
    b3 = raw.add(f"{FORMULA} ditulis oleh @admin")

    t0 = "Kolonel Budi Santoso dari Badan Siber menyampaikan “keamanan itu penting” kata Budi."
    t1 = f"Peserta menulis {INJECTED_SCRIPT} dan {INJECTED_IMG} di forum."
    t2 = "Suasana workshop keamanan siber"
    t3 = f"{FORMULA} ditulis oleh @admin"
    blocks = (
        Block(0, "body", t0, b0_start, b0_end, language="id", language_confidence=0.99),
        Block(1, "body", t1, *b1, language="id", language_confidence=0.9),
        Block(2, "caption", t2, *b2, credit="UN Women", language="id", language_confidence=0.8),
        Block(3, "body", t3, *b3, language="und", language_confidence=0.0),
    )
    removals = (
        Removal("placeholder", "[ADVERTISEMENT]", "", *ph),
        Removal("mojibake", "â€œ", "“", *moj),
        Removal("trailer", "Baca juga: Serangan siber meningkat", "", *trailer),
    )
    budi1, budi2, badan = _span(t0, "Budi Santoso"), _span(t0, "Budi", 1), _span(t0, "Badan Siber")
    entities = (
        Entity(0, 0, *budi1, "Budi Santoso", "PERSON", "Budi Santoso"),
        Entity(0, 1, *badan, "Badan Siber", "ORG", "Badan Siber"),
        Entity(0, 0, *budi2, "Budi", "PERSON", "Budi Santoso"),
        Entity(2, 2, *_span(t2, "workshop"), "workshop", "EVENT", "workshop"),
    )
    people = (Person(0, "Budi Santoso", None, "Kolonel", "Colonel", 2, 0),)
    roles = (Role(0, "Kepala", "Head", "Badan Siber", "Kementerian Pertahanan", 0, *badan),)
    quote = _span(t0, "keamanan itu penting")
    quotes = (Quote(0, 0, 0, "Budi", "kata", "keamanan itu penting", *quote),)
    return ArticleResult(
        article_id="id/cyber-workshop.txt",
        source_path="raw/id/cyber-workshop.txt",
        source_url="https://example.org/berita/1",
        language="id",
        language_confidence=0.97,
        status="ok",
        blocks=blocks,
        removals=removals,
        entities=entities,
        people=people,
        roles=roles,
        quotes=quotes,
    )


def article_evil_id() -> ArticleResult:
    """English article whose id tries path traversal and markup; a javascript: source URL."""
    text = "Jane Doe of Acme Corp said the plan works."
    return ArticleResult(
        article_id=EVIL_ID,
        source_path="raw/en/evil.txt",
        source_url="javascript:document.title='url-pwned'",
        language="en",
        language_confidence=0.99,
        status="ok",
        blocks=(Block(0, "body", text, 0, len(text), language="en", language_confidence=0.99),),
        entities=(
            Entity(0, 0, *_span(text, "Jane Doe"), "Jane Doe", "PERSON", "Jane Doe"),
            Entity(0, 1, *_span(text, "Acme Corp"), "Acme Corp", "ORG", "Acme Corp"),
        ),
        people=(Person(0, "Jane Doe", "Ms", None, None, 1, 0),),
        roles=(Role(0, "chief executive", "chief executive", "Acme Corp", None, 0,
                    *_span(text, "Acme Corp")),),
    )


def article_undetermined() -> ArticleResult:
    """Too short to tell the language: no NLP tables; its text is literally ``NA``."""
    return ArticleResult(
        article_id="misc/short.txt",
        source_path="raw/misc/short.txt",
        source_url=None,
        language="und",
        language_confidence=0.0,
        status="undetermined_language",
        blocks=(Block(0, "body", "NA", 4, 6),),
        removals=(Removal("whitespace", "  \n ", "", 0, 4),),
    )


@dataclass(frozen=True)
class Synthetic:
    out_dir: Path
    results: tuple[ArticleResult, ...]
    errors: tuple[ArticleError, ...]


def write_synthetic_output(out_dir: Path) -> Synthetic:
    """Write all tables for three articles and one error into ``out_dir``."""
    results = (article_id_one(), article_evil_id(), article_undetermined())
    errors = (ArticleError("raw/bad.bin", "bad.bin", "binary",
                           "raw/bad.bin: looks binary <b>not text</b>"),)
    writer = TableWriter(out_dir)
    for item in (*results, *errors):
        writer.add(item)
    writer.commit()
    return Synthetic(out_dir, results, errors)
