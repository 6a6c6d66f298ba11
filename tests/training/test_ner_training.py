"""The NER training helpers: corpus reading and label mapping, scoring, gazetteer features."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from training.components import gazetteer_classes, gazetteer_norms
from training.data import (
    Sentence,
    _read_columns,
    replace_mentions,
    spans,
    tag_listed_places,
    to_doc,
)
from training.eval_ner import predict, score

NERGRIT_STYLE = (
    "Presiden\tO\nJoko\tB-PERSON\nWidodo\tI-PERSON\ndi\tO\nJawa\tB-PLACE\nTengah\tI-PLACE\n\n"
)
IDNER_STYLE = "Kata PROPN O\r\nAnis PROPN B-PER\r\ndari ADP O\r\nKPK PROPN B-ORG\r\n\r\n"


@pytest.mark.parametrize(
    ("text", "token_col", "tag_col", "sep", "expected"),
    [
        (NERGRIT_STYLE, 0, 1, "\t", {(1, 3, "PERSON"), (4, 6, "LOC")}),
        (IDNER_STYLE, 0, -1, " ", {(1, 2, "PERSON"), (3, 4, "ORG")}),
        # a stray I- after O starts an entity; unknown labels are dropped
        ("a\tO\nb\tI-ORG\nc\tB-MISC\n\n", 0, 1, "\t", {(1, 2, "ORG")}),
    ],
)
def test_read_columns_maps_labels(
    tmp_path: Path, text: str, token_col: int, tag_col: int, sep: str, expected: set
) -> None:
    path = tmp_path / "corpus.txt"
    path.write_bytes(text.encode("utf-8"))
    (sent,) = _read_columns(path, token_col, tag_col, sep)
    assert spans(sent) == expected
    assert all("\r" not in w for w in sent.words)


@pytest.mark.parametrize(
    ("gold", "pred", "label", "expected_f"),
    [
        ({(0, 2, "PERSON")}, {(0, 2, "PERSON")}, "ALL", 100.0),
        ({(0, 2, "PERSON")}, {(0, 1, "PERSON")}, "ALL", 0.0),  # partial span is wrong
        ({(0, 2, "PERSON")}, {(0, 2, "ORG")}, "PERSON", 0.0),  # wrong label is wrong
        ({(0, 2, "PERSON"), (3, 4, "LOC")}, {(0, 2, "PERSON")}, "ALL", 66.67),
    ],
)
def test_score_is_exact_match(gold: set, pred: set, label: str, expected_f: float) -> None:
    assert score([gold], [pred])[label]["f"] == expected_f


def test_predict_uses_gold_tokens_and_folds_labels() -> None:
    nlp = spacy.blank("id")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "GPE", "pattern": "Jawa Tengah"},
            {"label": "DATE", "pattern": "Senin"},
        ]
    )
    sent = Sentence(("Senin", "di", "Jawa", "Tengah"), ("O", "O", "B-LOC", "I-LOC"))
    assert predict(nlp, [sent]) == [{(2, 4, "LOC")}]


def test_to_doc_keeps_gold_entities() -> None:
    sent = Sentence(("Ibu", "Siti", "Nurbaya", "."), ("O", "B-PERSON", "I-PERSON", "O"))
    doc = to_doc(spacy.blank("id").vocab, sent)
    assert [(e.text, e.label_) for e in doc.ents] == [("Siti Nurbaya", "PERSON")]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Jakarta", "gaz_loc"),  # a single-word place stays a place despite "Jakarta Post"
        ("JAKARTA", "gaz_loc"),
        ("Nguyen", "gaz_person"),
        ("Kementerian", "gaz_org"),
        ("Presiden", "gaz_title"),
        ("bertemu", None),
    ],
)
def test_gazetteer_classes(word: str, expected: str | None) -> None:
    assert gazetteer_classes("id").get(word) == expected


def test_gazetteer_norms_survive_serialisation(tmp_path: Path) -> None:
    nlp = spacy.blank("id")
    gazetteer_norms("id")(nlp)
    nlp.to_disk(tmp_path / "m")
    loaded = spacy.load(tmp_path / "m")
    # "Binh" is also a given name on its own line, so it is a person part, "Ninh" a place part
    assert [t.norm_ for t in loaded("Siti di Ninh Binh")] == [
        "gaz_person", "di", "gaz_loc", "gaz_person"
    ]


PLACES = {("Indonesia",), ("Jawa", "Tengah"), ("Jawa",)}


@pytest.mark.parametrize(
    ("words", "tags", "expected"),
    [
        # an untagged listed place becomes LOC, the longest entry wins
        (("Pemerintah", "Indonesia"), ("O", "O"), {(1, 2, "LOC")}),
        (("di", "Jawa", "Tengah"), ("O", "O", "O"), {(1, 3, "LOC")}),
        # a place inside another entity is left alone
        (("Bank", "Indonesia"), ("B-ORG", "I-ORG"), {(0, 2, "ORG")}),
        # unlisted words are not touched
        (("turis", "Tiongkok"), ("O", "O"), set()),
    ],
)
def test_tag_listed_places(words: tuple, tags: tuple, expected: set) -> None:
    assert spans(tag_listed_places(Sentence(words, tags), PLACES, 2)) == expected


def test_replace_mentions_keeps_labels_and_context() -> None:
    sents = [
        Sentence(("kata", "Anis", "di", "Samarinda"), ("O", "B-PERSON", "O", "B-LOC")),
        Sentence(("Joko", "Widodo", "ke", "Kalimantan", "Timur"),
                 ("B-PERSON", "I-PERSON", "O", "B-LOC", "I-LOC")),
        Sentence(("tanpa", "nama"), ("O", "O")),
    ]
    out = replace_mentions(sents, seed=1)
    assert len(out) == 2  # sentences without entities are not copied
    for new, old in zip(out, sents, strict=False):
        labels = [label for _, _, label in sorted(spans(new))]
        assert labels == [label for _, _, label in sorted(spans(old))]
        assert new.words[0] in {"kata", "Joko", "Anis"}
        assert "di" in new.words or "ke" in new.words
