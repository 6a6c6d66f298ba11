"""The small typed records that travel between stages.

Records are frozen dataclasses so a stage cannot change another stage's output behind its back.
Offsets are Python ``str`` indices (code points): ``raw_*`` index the decoded raw text of the
article, ``start``/``end`` index the ``text`` of one block.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class RawArticle:
    """One decoded input article, before any cleaning.

    ``text`` is exactly the decoded input (BOM removed, line endings as found), so that
    ``raw_start``/``raw_end`` offsets of later stages can be checked against it.
    """

    article_id: str
    source_path: str
    text: str
    url: str | None = None
    lang: str | None = None  # forced language (JSONL `lang`, or --lang)
    encoding: str = "utf-8"


@dataclass(frozen=True, slots=True)
class ArticleError:
    """An input that could not be processed; one row in errors.csv."""

    source_path: str
    article_id: str
    error: str  # short machine-readable code, e.g. "empty", "binary", "too_large"
    message: str  # one human sentence saying what is wrong and where


@dataclass(frozen=True, slots=True)
class Removal:
    """Something the cleaner removed or changed, with its span in the raw text."""

    kind: str  # placeholder | trailer | comment_counter | foreign_script | mojibake | ...
    text: str  # the raw text that was removed or changed
    replacement: str  # what stands in the clean text instead ("" for a deletion)
    raw_start: int
    raw_end: int


@dataclass(frozen=True, slots=True)
class CleanArticle:
    """The cleaned text of an article and the way back to the raw text.

    ``raw_offsets[i]`` is the raw index of clean character ``i``; it has ``len(text) + 1``
    entries, the last being the raw end, so a clean span ``[a, b)`` maps to
    ``[raw_offsets[a], raw_offsets[b - 1] + 1)``.
    """

    raw: RawArticle
    text: str
    raw_offsets: tuple[int, ...]
    removals: tuple[Removal, ...]
    source_url: str | None = None


@dataclass(frozen=True, slots=True)
class Block:
    """A body paragraph or a photo caption."""

    block_id: int  # 0-based, in reading order
    kind: str  # "body" | "caption"
    text: str
    raw_start: int
    raw_end: int
    credit: str | None = None  # caption credit, e.g. "UN Women"
    language: str = "und"
    language_confidence: float = 0.0


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """A language code (ISO 639-1, or ``und``) with a confidence in [0, 1]."""

    code: str
    confidence: float


@dataclass(frozen=True, slots=True)
class Entity:
    """A named-entity mention inside one block."""

    block_id: int
    entity_id: int  # cluster id, shared by mentions of the same thing within an article
    start: int
    end: int
    text: str
    label: str  # PERSON | ORG | LOC | other model labels passed through
    canonical: str  # the fullest name of the cluster


@dataclass(frozen=True, slots=True)
class Person:
    """One person of an article, all name variants merged."""

    person_id: int
    name: str
    honorific: str | None
    rank: str | None
    rank_en: str | None
    n_mentions: int
    first_block_id: int
    # other names of the person ("Jokowi" of "Joko Widodo (Jokowi)"), for the quotes stage;
    # not a column of people.csv
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Role:
    """A role a person holds, with its organisation and the evidence span."""

    person_id: int
    role: str
    role_en: str | None
    organization: str | None
    parent_organization: str | None
    block_id: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quote and who said it."""

    quote_id: int
    block_id: int  # block where the quote starts
    speaker_person_id: int | None
    speaker_text: str | None
    cue: str | None
    text: str
    start: int  # offsets in the block where the quote starts; end may be in a later block
    end: int


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """Everything the pipeline learned about one article; the writer turns it into rows."""

    article_id: str
    source_path: str
    source_url: str | None
    language: str
    language_confidence: float
    status: str  # ok | unsupported_language | undetermined_language
    blocks: tuple[Block, ...] = ()
    removals: tuple[Removal, ...] = ()
    entities: tuple[Entity, ...] = ()
    people: tuple[Person, ...] = ()
    roles: tuple[Role, ...] = ()
    quotes: tuple[Quote, ...] = ()
    timings: dict[str, float] = field(default_factory=dict, compare=False)
