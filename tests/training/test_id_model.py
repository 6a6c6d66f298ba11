"""The committed Indonesian NER model: loads with plain spaCy, stays small, finds entities.

The shipped model is an ensemble (pipeline/ner_ensemble.py): the main model loads alone with
plain spaCy, and the members in members/ vote with it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from pipeline.ner_ensemble import NAME, attach, member_dirs

MODEL = Path(__file__).resolve().parents[2] / "pipeline" / "models" / "id_ner"


@pytest.fixture(scope="session")
def id_ner() -> Language:
    """The model as shipped: the main model plus its voting members."""
    return attach(spacy.load(MODEL), MODEL)


def test_main_model_loads_alone_and_members_attach() -> None:
    assert spacy.load(MODEL).pipe_names == ["tok2vec", "ner"]
    assert [p.name for p in member_dirs(MODEL)] == ["seed0", "seed1"]
    assert attach(spacy.load(MODEL), MODEL).pipe_names == ["tok2vec", "ner", NAME]


def test_model_is_small_and_documented() -> None:
    size = sum(p.stat().st_size for p in MODEL.rglob("*") if p.is_file())
    assert size < 25_000_000
    card = (MODEL / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "__" not in card  # every placeholder of the card was filled in


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Presiden Joko Widodo meresmikan jalan tol di Semarang , Jawa Tengah , Senin .",
            {("Joko Widodo", "PERSON"), ("Semarang", "LOC"), ("Jawa Tengah", "LOC")},
        ),
        (
            "Letnan Kolonel Trieu Manh Tung dari Kementerian Keamanan Publik tiba di Ninh Binh .",
            {("Trieu Manh Tung", "PERSON"), ("Ninh Binh", "LOC")},
        ),
        (
            "KPK memeriksa pejabat Kementerian Keuangan di Jakarta .",
            {("KPK", "ORG"), ("Kementerian Keuangan", "ORG"), ("Jakarta", "LOC")},
        ),
    ],
)
def test_model_finds_entities(id_ner: Language, text: str, expected: set) -> None:
    found = {(e.text, e.label_) for e in id_ner(text).ents}
    assert expected <= found


def test_gazetteer_classes_are_in_the_norms(id_ner: Language) -> None:
    assert [t.norm_ for t in id_ner("Nguyen di Hanoi")] == ["gaz_person", "di", "gaz_loc"]
