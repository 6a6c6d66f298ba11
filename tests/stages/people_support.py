"""Shared helpers for the people and quotes tests: run the real front of the pipeline."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from pipeline.records import Block, Entity, Person, Quote, Role
from pipeline.settings import Settings, load_settings
from pipeline.stages.annotate import annotate
from pipeline.stages.entities import extract_entities
from pipeline.stages.people import extract_people
from pipeline.stages.quotes import extract_quotes

SETTINGS: Settings = load_settings(env={})


def blocks_of(paragraphs: Sequence[str]) -> tuple[Block, ...]:
    """Body blocks as the segmenter would make them (raw offsets are not used here)."""
    out, pos = [], 0
    for i, text in enumerate(paragraphs):
        out.append(Block(i, "body", text, pos, pos + len(text)))
        pos += len(text) + 1
    return tuple(out)


Run = tuple[
    tuple[Block, ...], tuple[Entity, ...], tuple[Person, ...], tuple[Role, ...], tuple[Quote, ...]
]


def run(lang: str, paragraphs: Sequence[str]) -> Run:
    """annotate → entities → people → quotes over some paragraphs."""
    blocks = blocks_of(paragraphs)
    docs = annotate([b.text for b in blocks], lang, SETTINGS)
    entities = extract_entities(blocks, docs, lang, SETTINGS)
    people, roles = extract_people(blocks, docs, entities, lang, SETTINGS)
    quotes = extract_quotes(blocks, docs, people, entities, lang, SETTINGS)
    return blocks, entities, people, roles, quotes


def role_rows(people: Sequence[Person], roles: Sequence[Role]) -> set[tuple]:
    """``(name, role, role_en, organization, parent)`` for comparison with a table."""
    names = {p.person_id: p.name for p in people}
    return {
        (names[r.person_id], r.role, r.role_en, r.organization, r.parent_organization)
        for r in roles
    }


def _records(path: str) -> Iterator[tuple[str, list[str]]]:
    """``(kind, fields)`` of each non-comment line of a gold TSV file."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line and not line.startswith("#"):
                kind, *fields = line.split("\t")
                yield kind, fields


def load_gold(path: str) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """Sentences with gold ``(name, role, organisation)`` from tests/fixtures/people/*.tsv."""
    items: list[tuple[str, list[tuple[str, str, str]]]] = []
    for kind, fields in _records(path):
        if kind == "S":
            items.append((fields[0], []))
        else:
            fields += [""] * (3 - len(fields))
            items[-1][1].append((fields[0], fields[1], fields[2]))
    return items


def score(lang: str, path: str) -> dict[str, float]:
    """(person, role) pair precision/recall/F1, and the share of untitled persons left untitled."""
    tp = fp = fn = untitled = untitled_ok = 0
    for sentence, gold in load_gold(path):
        _, _, people, roles, _ = run(lang, [sentence])
        names = {p.person_id: p.name.lower() for p in people}
        pred = {(names[r.person_id], r.role.lower()) for r in roles}
        want = {(n.lower(), r.lower()) for n, r, _ in gold if r}
        tp += len(pred & want)
        fp += len(pred - want)
        fn += len(want - pred)
        for name, role, _ in gold:
            if not role:
                untitled += 1
                untitled_ok += not any(n == name.lower() for n, _ in pred)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {
        "precision": p,
        "recall": r,
        "f1": 2 * p * r / (p + r) if p + r else 0.0,
        "untitled_precision": untitled_ok / untitled if untitled else 1.0,
        "pairs": tp + fn,
        "untitled": untitled,
    }


def load_quote_gold(path: str) -> list[tuple[list[str], list[tuple[str, str]]]]:
    """Articles of tests/fixtures/quotes/*.tsv: paragraphs and gold ``(first words, speaker)``."""
    articles: list[tuple[list[str], list[tuple[str, str]]]] = []
    for kind, fields in _records(path):
        if kind == "A":
            articles.append(([], []))
        elif kind == "B":
            articles[-1][0].append(fields[0])
        else:
            articles[-1][1].append((fields[0], fields[1] if len(fields) > 1 else ""))
    return articles


def score_quotes(lang: str, path: str) -> dict[str, float]:
    """Quote detection P/R/F1 (a quote matches when it starts with the gold words) and
    attribution: the share of found quotes given the right person (or none when gold has none),
    and the F1 of quotes found *and* attributed right."""
    found = predicted = gold_n = right = 0
    for paragraphs, gold in load_quote_gold(path):
        _, _, people, _, quotes = run(lang, paragraphs)
        names = {p.person_id: p.name for p in people}
        predicted += len(quotes)
        gold_n += len(gold)
        for words, speaker in gold:
            match = next((q for q in quotes if q.text.startswith(words)), None)
            if match is not None:
                found += 1
                right += names.get(match.speaker_person_id, "") == speaker
    p = found / predicted if predicted else 0.0
    r = found / gold_n if gold_n else 0.0
    pa = right / predicted if predicted else 0.0
    ra = right / gold_n if gold_n else 0.0
    return {
        "precision": p,
        "recall": r,
        "f1": 2 * p * r / (p + r) if p + r else 0.0,
        "speaker_accuracy": right / found if found else 0.0,
        "attributed_f1": 2 * pa * ra / (pa + ra) if pa + ra else 0.0,
        "quotes": gold_n,
    }
