"""Span voting of the NER ensemble (pipeline/ner_ensemble.py) and how it attaches to a model."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from pipeline.ner_ensemble import NAME, attach, member_dirs, vote


@pytest.mark.parametrize(
    ("predictions", "min_votes", "expected"),
    [
        # a span two of three members agree on is kept, a lone one is dropped
        ([{(0, 2, "PERSON")}, {(0, 2, "PERSON")}, {(3, 4, "LOC")}], 2, [(0, 2, "PERSON")]),
        # same span, different labels: the label with the majority wins
        (
            [{(0, 1, "ORG")}, {(0, 1, "LOC")}, {(0, 1, "LOC")}],
            2,
            [(0, 1, "LOC")],
        ),
        # overlapping spans with equal votes: the first member (main model) decides
        ([{(0, 3, "ORG")}, {(0, 2, "ORG")}], 1, [(0, 3, "ORG")]),
        ([{(0, 2, "ORG")}, {(0, 3, "ORG")}], 1, [(0, 2, "ORG")]),
        # overlapping spans: more votes beat the main model's reading
        (
            [{(0, 3, "ORG")}, {(1, 3, "LOC")}, {(1, 3, "LOC")}],
            1,
            [(1, 3, "LOC")],
        ),
        # results are sorted and never overlap
        (
            [{(4, 5, "LOC"), (0, 2, "PERSON")}, {(4, 5, "LOC"), (0, 2, "PERSON")}],
            2,
            [(0, 2, "PERSON"), (4, 5, "LOC")],
        ),
    ],
)
def test_vote(predictions: list, min_votes: int, expected: list) -> None:
    assert vote(predictions, min_votes) == expected


def _ruler_model(path: Path, patterns: list[dict[str, str]]) -> Path:
    """A tiny model whose "ner" is an entity ruler: members run like the real ones."""
    nlp = spacy.blank("id")
    ruler = nlp.add_pipe("entity_ruler", name="ner")
    ruler.add_patterns(patterns)
    path.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(path)
    return path


def test_attach_votes_with_members(tmp_path: Path) -> None:
    main = _ruler_model(tmp_path / "m", [{"label": "LOC", "pattern": "Hanoi"}])
    both = [{"label": "PERSON", "pattern": "Siti"}, {"label": "LOC", "pattern": "Hanoi"}]
    _ruler_model(main / "members" / "a", both)
    _ruler_model(main / "members" / "b", [{"label": "PERSON", "pattern": "Siti"}])
    assert [p.name for p in member_dirs(main)] == ["a", "b"]
    nlp: Language = attach(spacy.load(main), main)
    assert nlp.pipe_names == ["ner", NAME]
    doc = nlp("Siti ke Hanoi")
    # each span has two of three votes
    assert [(e.text, e.label_) for e in doc.ents] == [("Siti", "PERSON"), ("Hanoi", "LOC")]
    assert [(e.text, e.label_) for d in nlp.pipe(["Hanoi"]) for e in d.ents] == [("Hanoi", "LOC")]


def test_attach_without_members_is_a_no_op(tmp_path: Path) -> None:
    main = _ruler_model(tmp_path / "m", [{"label": "LOC", "pattern": "Hanoi"}])
    nlp = attach(spacy.load(main), main)
    assert nlp.pipe_names == ["ner"]
