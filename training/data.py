"""Read the shared NER corpora into one shape: sentences of (words, BIO tags over PERSON/ORG/LOC).

The corpora differ in format (NERGrit: ``token<TAB>tag``; IDNer2k: ``token POS tag`` with CRLF;
UNER: CoNLL-U-like with ``# text`` comments) and in label names. Everything downstream (training,
evaluation) sees only :class:`Sentence`, so the label mapping lives here once.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.training import iob_to_biluo, tags_to_entities
from spacy.vocab import Vocab

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "data"
NER_ID = SHARED / "ner-id"
NER_EN = SHARED / "ner-en"
# Sentences written and annotated for this project (inline marks); train only, no dev split.
WRITTEN_ID = REPO / "training" / "data" / "ner-id-written.txt"
WRITTEN_EXTRA_ID = REPO / "training" / "data" / "ner-id-written-extra.txt"

# Label names in the corpora -> the product's labels (pipeline docs: PERSON, ORG, LOC).
LABEL_MAP = {
    "PERSON": "PERSON",
    "PER": "PERSON",
    "PLACE": "LOC",
    "LOC": "LOC",
    "GPE": "LOC",
    "ORGANISATION": "ORG",
    "ORGANIZATION": "ORG",
    "ORG": "ORG",
}
LABELS = ("PERSON", "ORG", "LOC")


@dataclass(frozen=True)
class Sentence:
    """One gold sentence: its tokens and IOB2 tags already mapped to :data:`LABELS`."""

    words: tuple[str, ...]
    tags: tuple[str, ...]


def _map_tag(tag: str) -> str:
    """Map a corpus tag to IOB2 over LABELS; unknown labels become O (they are not evaluated)."""
    if tag == "O" or "-" not in tag:
        return "O"
    prefix, _, label = tag.partition("-")
    mapped = LABEL_MAP.get(label.upper())
    return f"{prefix.upper()}-{mapped}" if mapped else "O"


def _repair(tags: list[str]) -> list[str]:
    """Turn stray I- tags (after O or another label) into B-, as IOB1-style data needs."""
    out: list[str] = []
    for i, tag in enumerate(tags):
        if tag.startswith("I-") and (i == 0 or out[-1] == "O" or out[-1][2:] != tag[2:]):
            tag = "B-" + tag[2:]
        out.append(tag)
    return out


def _read_columns(path: Path, token_col: int, tag_col: int, sep: str | None) -> Iterator[Sentence]:
    """Sentences from a column file with blank lines between sentences."""
    words: list[str] = []
    tags: list[str] = []
    with path.open(encoding="utf-8", newline=None) as handle:
        for raw in handle:
            line = raw.rstrip("\r\n")
            if line.startswith("#"):
                continue
            if not line.strip():
                if words:
                    yield Sentence(tuple(words), tuple(_repair(tags)))
                words, tags = [], []
                continue
            cols = line.split(sep)
            words.append(cols[token_col])
            tags.append(_map_tag(cols[tag_col]))
    if words:
        yield Sentence(tuple(words), tuple(_repair(tags)))


def read_nergrit(split: str) -> list[Sentence]:
    """NERGrit (IndoNLU) train or dev."""
    return list(_read_columns(NER_ID / f"nergrit-{split}.txt", 0, 1, "\t"))


def read_idner2k(split: str) -> list[Sentence]:
    """IDNer2k train or dev (``token POS tag``)."""
    return list(_read_columns(NER_ID / f"idner2k-{split}.txt", 0, -1, " "))


def read_uner_en(split: str = "dev") -> list[Sentence]:
    """UNER English-EWT (``idx<TAB>token<TAB>tag<TAB>...``)."""
    return list(_read_columns(NER_EN / f"uner-ewt-{split}.iob2", 1, 2, "\t"))


_INLINE = re.compile(r"\[(PER|ORG|LOC) ([^\[\]]+)\]")
_LABEL_OF = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"}


def parse_inline(line: str, tokenizer: Tokenizer) -> Sentence:
    """A sentence with inline marks ("Bupati [LOC Sleman] [PER Kustini]") as words and IOB2 tags.

    The text is tokenized by spaCy's Indonesian tokenizer, the one the product runs, so these
    sentences teach the model on the token boundaries it meets in use. A mark that does not fall
    on token boundaries is an error: the sentence would teach a wrong span.
    """
    text_parts: list[str] = []
    marks: list[tuple[int, int, str]] = []
    pos = 0
    length = 0
    for m in _INLINE.finditer(line):
        text_parts.append(line[pos : m.start()])
        length += m.start() - pos
        text_parts.append(m.group(2))
        marks.append((length, length + len(m.group(2)), _LABEL_OF[m.group(1)]))
        length += len(m.group(2))
        pos = m.end()
    text_parts.append(line[pos:])
    text = "".join(text_parts)
    if "[" in text or "]" in text:
        raise ValueError(f"unbalanced or unknown mark in: {line!r}")
    doc = tokenizer(text)
    tags = ["O"] * len(doc)
    for start, end, label in marks:
        span = doc.char_span(start, end)
        if span is None:
            raise ValueError(f"mark {text[start:end]!r} is not on token boundaries: {line!r}")
        tags[span.start : span.end] = [f"B-{label}"] + [f"I-{label}"] * (len(span) - 1)
    return Sentence(tuple(t.text for t in doc), tuple(tags))


def read_written(split: str, path: Path = WRITTEN_ID) -> list[Sentence]:
    """Our own annotated sentences (train only: they are never used to select or score)."""
    if split != "train":
        return []
    tokenizer = spacy.blank("id").tokenizer
    out: list[Sentence] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        try:
            out.append(parse_inline(line.strip(), tokenizer))
        except ValueError:
            continue  # "[ORG PT Perkebunan Nusantara X]." tokenizes as "X.": no exact span
    return out


CORPORA = {
    "nergrit": read_nergrit,
    "idner2k": read_idner2k,
}
def read_written_extra(split: str) -> list[Sentence]:
    """More sentences of the same kind; measured and not adopted (MODEL_CARD.md)."""
    return read_written(split, WRITTEN_EXTRA_ID)


# Extra training corpora (``--extra``), each measured in MODEL_CARD.md before adoption.
EXTRA_CORPORA = {"written": read_written, "written-extra": read_written_extra}


def to_doc(vocab: Vocab, sent: Sentence) -> Doc:
    """A Doc on the gold tokenisation (single spaces between tokens) with gold entities."""
    doc = Doc(vocab, words=list(sent.words))
    doc.ents = [
        doc.char_span(doc[s].idx, doc[e].idx + len(doc[e]), label=label)
        for label, s, e in tags_to_entities(iob_to_biluo(list(sent.tags)))
    ]
    return doc


def spans(sent: Sentence) -> set[tuple[int, int, str]]:
    """Gold entities as (start token, end token exclusive, label)."""
    return {(s, e + 1, label) for label, s, e in tags_to_entities(iob_to_biluo(list(sent.tags)))}


def replace_mentions(sents: list[Sentence], seed: int = 0) -> list[Sentence]:
    """One augmented copy of each sentence that has entities: every entity swapped for a random
    mention of the same label from the same corpus (mention replacement). It teaches the model
    to read context rather than memorise the few thousand names in the training data.
    """
    rng = random.Random(seed)
    mentions: dict[str, list[tuple[str, ...]]] = {label: [] for label in LABELS}
    for sent in sents:
        for start, end, label in sorted(spans(sent)):
            mentions[label].append(sent.words[start:end])
    out: list[Sentence] = []
    for sent in sents:
        ents = sorted(spans(sent))
        if not ents:
            continue
        words: list[str] = []
        tags: list[str] = []
        pos = 0
        for start, end, label in ents:
            words += sent.words[pos:start]
            tags += sent.tags[pos:start]
            new = rng.choice(mentions[label])
            words += new
            tags += [f"B-{label}"] + [f"I-{label}"] * (len(new) - 1)
            pos = end
        words += sent.words[pos:]
        tags += sent.tags[pos:]
        out.append(Sentence(tuple(words), tuple(tags)))
    return out


def tag_listed_places(sent: Sentence, places: set[tuple[str, ...]], longest: int) -> Sentence:
    """Tag untagged mentions of listed places (gazetteer_loc.txt) as LOC.

    IDNer2k leaves a country or city untagged when it modifies a noun or acts as an agent
    ("Pemerintah Indonesia", "turis Tiongkok", "Israel telah menyatakan"); NERGrit tags it LOC.
    The product reports every mention of a place (the supporting countries of an article are
    places to analysts), so the training data is made consistent with that convention.
    """
    tags = list(sent.tags)
    i = 0
    while i < len(tags):
        for n in range(min(longest, len(tags) - i), 0, -1):
            window = sent.words[i : i + n]
            after_ok = i + n == len(tags) or not tags[i + n].startswith("I-")
            if window in places and all(t == "O" for t in tags[i : i + n]) and after_ok:
                tags[i : i + n] = ["B-LOC"] + ["I-LOC"] * (n - 1)
                i += n - 1
                break
        i += 1
    return Sentence(sent.words, tuple(tags))


def listed_places(lang_dir: Path = REPO / "pipeline" / "lang" / "id") -> set[tuple[str, ...]]:
    """The entries of gazetteer_loc.txt as word tuples."""
    lines = (lang_dir / "gazetteer_loc.txt").read_text(encoding="utf-8").splitlines()
    return {tuple(x.split()) for x in lines if x.strip() and not x.startswith("#")}
