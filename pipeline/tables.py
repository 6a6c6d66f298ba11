"""The schema of every output table: the single source of truth for columns and their meaning.

The writer, the loader, the SQLite export and docs/data-dictionary.md all read TABLES. Run
``python -m pipeline.tables`` (or ``make docs``) to regenerate the data dictionary.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pipeline.records import ArticleError, ArticleResult


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its name, pandas dtype and what it means."""

    name: str
    dtype: str  # pandas dtype: "string", "Int64", "Float64", "boolean"
    description: str


@dataclass(frozen=True, slots=True)
class Table:
    """One output table with its key and the foreign keys it holds."""

    name: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = ()

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


S, INT, F = "string", "Int64", "Float64"
_ART = ("article_id",)
_ART_FK = ((_ART, "articles", _ART),)

ARTICLES = Table(
    "articles",
    "One row per article that was read and processed (failed inputs are in errors).",
    (
        Column("article_id", S, "Stable id: the path relative to the input root, or the JSONL id."),
        Column("source_path", S, "The input file the article came from."),
        Column("source_url", S, "URL from the `Sumber:`/`Source:` trailer or the JSONL `url`."),
        Column("language", S, "ISO 639-1 code of the article, or `und` when undetermined."),
        Column("language_confidence", F, "Confidence of the language decision, 0 to 1."),
        Column("n_blocks", INT, "Number of blocks (body paragraphs and captions)."),
        Column("n_captions", INT, "Number of caption blocks."),
        Column("n_removals", INT, "Number of rows for this article in removals."),
        Column(
            "status",
            S,
            "`ok`; `unsupported_language` (detected language not in the supported set: no NLP "
            "tables); `undetermined_language` (too little text to decide: no NLP tables).",
        ),
    ),
    _ART,
)

BLOCKS = Table(
    "blocks",
    "Body paragraphs and photo captions in reading order, cleaned.",
    (
        Column("article_id", S, "The article."),
        Column("block_id", INT, "0-based position of the block in the article."),
        Column("kind", S, "`body` or `caption`."),
        Column("text", S, "Clean text (captions without the `|` pipes and the credit)."),
        Column("credit", S, "Caption credit, e.g. `UN Women` from `(Sumber: UN Women)`."),
        Column("language", S, "Language of this block, or `und` when too short or unclear."),
        Column("language_confidence", F, "Confidence of the block's language, 0 to 1."),
        Column("raw_start", INT, "Start of the block in the decoded raw text (characters)."),
        Column("raw_end", INT, "End (exclusive) of the block in the decoded raw text."),
    ),
    ("article_id", "block_id"),
    _ART_FK,
)

REMOVALS = Table(
    "removals",
    "Everything the cleaner removed or changed, with its place in the raw text.",
    (
        Column("article_id", S, "The article."),
        Column("removal_id", INT, "0-based number of the removal in the article, by raw_start."),
        Column(
            "kind",
            S,
            "What was removed: placeholder, trailer, comment_counter, foreign_script, mojibake, "
            "invisible, whitespace, caption_credit, … (see docs/cleaning.md).",
        ),
        Column("text", S, "The raw text removed or changed."),
        Column("replacement", S, "What replaced it in the clean text (empty for a deletion)."),
        Column("raw_start", INT, "Start in the decoded raw text (characters)."),
        Column("raw_end", INT, "End (exclusive) in the decoded raw text."),
    ),
    ("article_id", "removal_id"),
    _ART_FK,
)

ENTITIES = Table(
    "entities",
    "Named-entity mentions, in body blocks and captions.",
    (
        Column("article_id", S, "The article."),
        Column("block_id", INT, "The block holding the mention."),
        Column("mention_id", INT, "0-based number of the mention within the article."),
        Column("entity_id", INT, "Cluster id: mentions of the same entity in an article share it."),
        Column("start", INT, "Start offset in the block text (characters)."),
        Column("end", INT, "End offset (exclusive) in the block text."),
        Column("text", S, "The mention as written, titles excluded."),
        Column("label", S, "PERSON, ORG, LOC (GPE folded in); other model labels pass through."),
        Column("canonical", S, "The fullest name of the cluster."),
    ),
    ("article_id", "mention_id"),
    (*_ART_FK, (("article_id", "block_id"), "blocks", ("article_id", "block_id"))),
)

PEOPLE = Table(
    "people",
    "One row per person per article, all name variants merged.",
    (
        Column("article_id", S, "The article."),
        Column("person_id", INT, "Person number within the article."),
        Column("name", S, "Fullest form of the name, without titles."),
        Column("honorific", S, "Honorific (Ibu, Bapak, Mr, Dr, …) as written."),
        Column("rank", S, "Military or police rank as written (Letnan Kolonel, …)."),
        Column("rank_en", S, "English rendering of the rank from the lexicon; empty if unknown."),
        Column("n_mentions", INT, "Mentions of the person in the article."),
        Column("first_block_id", INT, "Block of the first mention."),
    ),
    ("article_id", "person_id"),
    _ART_FK,
)

ROLES = Table(
    "roles",
    "Roles people hold, with their organisation; one row per (person, role) evidence.",
    (
        Column("article_id", S, "The article."),
        Column("person_id", INT, "The person (people.person_id)."),
        Column("role_id", INT, "0-based number of the role within the article."),
        Column("role", S, "The role as written (Wakil Direktur, deputy director, …)."),
        Column("role_en", S, "English rendering from the bilingual lexicon; empty if unknown."),
        Column(
            "organization",
            S,
            "The organisation of the role. A regional head's place (\"Gubernur\" of \"Jawa "
            "Barat\") is its organisation by default; with `[people] place_in_role = true` "
            "(defaults.toml) it joins the role (\"Gubernur Jawa Barat\") and this is empty.",
        ),
        Column("parent_organization", S, "The organisation the organisation belongs to."),
        Column("block_id", INT, "Block holding the evidence."),
        Column("start", INT, "Start of the evidence in the block text."),
        Column("end", INT, "End (exclusive) of the evidence in the block text."),
    ),
    ("article_id", "role_id"),
    (*_ART_FK, (("article_id", "person_id"), "people", ("article_id", "person_id"))),
)

QUOTES = Table(
    "quotes",
    "Direct quotes and their speakers.",
    (
        Column("article_id", S, "The article."),
        Column("quote_id", INT, "0-based number of the quote within the article."),
        Column("block_id", INT, "Block where the quote starts."),
        Column("speaker_person_id", INT, "The speaker (people.person_id), if resolved."),
        Column("speaker_text", S, "The speaker as written near the cue (name or pronoun)."),
        Column("cue", S, "The cue verb or phrase (kata, tegas, said, according to, …)."),
        Column("text", S, "The quoted words, without the quotation marks."),
        Column("start", INT, "Start of the quote in the text of block_id."),
        Column("end", INT, "End of the quote; counted in block_id's text joined with later blocks "
               "by a newline when the quote runs over several paragraphs."),
    ),
    ("article_id", "quote_id"),
    _ART_FK,
)

ERRORS = Table(
    "errors",
    "Inputs that could not be processed, one row each; the batch went on without them.",
    (
        Column("source_path", S, "The input file."),
        Column("article_id", S, "The article id the input would have had."),
        Column("error", S, "Error code: not_found, empty, binary, undecodable, too_large, "
               "only_artifacts, bad_json, missing_text, …"),
        Column("message", S, "What is wrong, in one sentence."),
    ),
    ("source_path", "article_id", "message"),
)

TABLES: dict[str, Table] = {
    t.name: t for t in (ARTICLES, BLOCKS, REMOVALS, ENTITIES, PEOPLE, ROLES, QUOTES, ERRORS)
}

Row = tuple[object, ...]


def article_rows(result: ArticleResult) -> dict[str, list[Row]]:
    """The rows one article contributes to each table, in table order."""
    aid = result.article_id
    captions = sum(1 for b in result.blocks if b.kind == "caption")
    removals = sorted(result.removals, key=lambda r: (r.raw_start, r.raw_end, r.kind))
    return {
        "articles": [
            (
                aid,
                result.source_path,
                result.source_url,
                result.language,
                round(result.language_confidence, 4),
                len(result.blocks),
                captions,
                len(removals),
                result.status,
            )
        ],
        "blocks": [
            (
                aid,
                b.block_id,
                b.kind,
                b.text,
                b.credit,
                b.language,
                round(b.language_confidence, 4),
                b.raw_start,
                b.raw_end,
            )
            for b in result.blocks
        ],
        "removals": [
            (aid, i, r.kind, r.text, r.replacement, r.raw_start, r.raw_end)
            for i, r in enumerate(removals)
        ],
        "entities": [
            (aid, e.block_id, i, e.entity_id, e.start, e.end, e.text, e.label, e.canonical)
            for i, e in enumerate(result.entities)
        ],
        "people": [
            (
                aid,
                p.person_id,
                p.name,
                p.honorific,
                p.rank,
                p.rank_en,
                p.n_mentions,
                p.first_block_id,
            )
            for p in result.people
        ],
        "roles": [
            (
                aid,
                r.person_id,
                i,
                r.role,
                r.role_en,
                r.organization,
                r.parent_organization,
                r.block_id,
                r.start,
                r.end,
            )
            for i, r in enumerate(result.roles)
        ],
        "quotes": [
            (
                aid,
                q.quote_id,
                q.block_id,
                q.speaker_person_id,
                q.speaker_text,
                q.cue,
                q.text,
                q.start,
                q.end,
            )
            for q in result.quotes
        ],
    }


def error_row(error: ArticleError) -> Row:
    """The errors-table row of one failed input."""
    return (error.source_path, error.article_id, error.error, error.message)


def data_dictionary() -> Iterator[str]:
    """Markdown lines documenting every table and column."""
    yield "# Data dictionary"
    yield ""
    yield "Generated from `pipeline/tables.py` by `make docs`; do not edit by hand."
    yield "All files are UTF-8 CSV with a header row; empty cells are missing values."
    yield "Offsets are Python string indices (Unicode code points)."
    for table in TABLES.values():
        yield ""
        yield f"## {table.name}.csv"
        yield ""
        yield table.description
        yield ""
        yield f"Primary key: `{', '.join(table.primary_key)}`."
        for cols, other, other_cols in table.foreign_keys:
            yield f"Foreign key: `{', '.join(cols)}` → `{other}({', '.join(other_cols)})`."
        yield ""
        yield "| column | dtype | description |"
        yield "|---|---|---|"
        for c in table.columns:
            yield f"| {c.name} | {c.dtype} | {c.description} |"


if __name__ == "__main__":
    print("\n".join(data_dictionary()))
