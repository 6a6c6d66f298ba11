"""Span voting over several trained NER models (an ensemble of one architecture, other seeds).

Why: the Indonesian model is small and trained on 86k tokens, so runs that differ only in their
seed disagree on about one dev F1 point, mostly on rare names and boundaries. Keeping the spans
that most members agree on removes much of that noise at the cost of one extra forward pass
per member.

Layout: the main model stays at its usual path and loads alone with ``spacy.load`` (built-in
code only); extra members live in ``<model>/members/<name>/`` (ignored by ``spacy.load``).
:func:`attach` adds the voting component right after the main model's ``ner`` when that
directory exists, so callers need one line after loading the model.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

MEMBERS_DIR = "members"
NAME = "ner_ensemble"
Vote = tuple[int, int, str]


def vote(predictions: Sequence[set[Vote]], min_votes: int) -> list[Vote]:
    """Spans predicted by at least ``min_votes`` members, without overlaps.

    Overlaps are resolved by votes, then by the first member's reading (the main model is
    the tie-breaker), then by length; the result is sorted by position.
    """
    counts: Counter[Vote] = Counter(v for pred in predictions for v in pred)
    first = predictions[0] if predictions else set()
    ranked = sorted(
        (v for v, n in counts.items() if n >= min_votes),
        key=lambda v: (-counts[v], v not in first, -(v[1] - v[0]), v[0]),
    )
    taken: set[int] = set()
    kept: list[Vote] = []
    for start, end, label in ranked:
        if not taken.intersection(range(start, end)):
            kept.append((start, end, label))
            taken.update(range(start, end))
    return sorted(kept)


class NerEnsemble:
    """Runs the extra members on each Doc and replaces ``doc.ents`` with the voted spans.

    The main model's ``ner`` has already set ``doc.ents``: that is the first vote. Members
    run their own tok2vec + ner on the same Doc (all members share the lexical features, so
    no copy is needed); the Doc's entities are cleared to *missing* before each member so
    nothing constrains its predictions.
    """

    def __init__(self, members: Sequence[Language], min_votes: int | None = None) -> None:
        self.members = list(members)
        total = len(self.members) + 1
        self.min_votes = min_votes if min_votes is not None else total // 2 + 1

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):
            yield from self._vote_batch(list(batch))

    def _vote_batch(self, docs: list[Doc]) -> list[Doc]:
        votes: list[list[set[Vote]]] = [[_spans(doc)] for doc in docs]
        for member in self.members:
            for doc in docs:
                doc.set_ents([], default="missing")
            out = docs
            for _name, proc in member.pipeline:
                out = list(proc.pipe(out, batch_size=len(docs)))  # type: ignore[attr-defined]
            for doc, doc_votes in zip(docs, votes, strict=True):
                doc_votes.append(_spans(doc))
        for doc, doc_votes in zip(docs, votes, strict=True):
            kept = vote(doc_votes, self.min_votes)
            doc.set_ents([Span(doc, s, e, label=lab) for s, e, lab in kept], default="outside")
        return docs


def _spans(doc: Doc) -> set[Vote]:
    return {(e.start, e.end, e.label_) for e in doc.ents}


def member_dirs(model_dir: str | Path) -> list[Path]:
    """The extra members shipped with a model (sorted), or none."""
    root = Path(model_dir) / MEMBERS_DIR
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if (p / "config.cfg").exists())


def attach(
    nlp: Language,
    model_dir: str | Path,
    min_votes: int | None = None,
    load: Callable[[Path], Language] = spacy.load,
) -> Language:
    """Add the voting component after ``ner`` if ``model_dir`` ships members; else no-op."""
    return attach_members(nlp, member_dirs(model_dir), min_votes, load)


def attach_members(
    nlp: Language,
    dirs: Sequence[str | Path],
    min_votes: int | None = None,
    load: Callable[[Path], Language] = spacy.load,
) -> Language:
    """Add the voting component over the models in ``dirs`` after ``nlp``'s ``ner``.

    ``load`` loads one member (the pipeline passes a faster loader: members never tokenize).
    """
    if not dirs or "ner" not in nlp.pipe_names or NAME in nlp.pipe_names:
        return nlp
    component = NerEnsemble([load(Path(d)) for d in dirs], min_votes)
    nlp.add_pipe(NAME, after="ner", config={})
    nlp.get_pipe(NAME).wrapped = component  # type: ignore[attr-defined]
    return nlp


class _Slot:
    """The registered pipe: delegates to the :class:`NerEnsemble` that :func:`attach` sets."""

    def __init__(self) -> None:
        self.wrapped: NerEnsemble | None = None

    def __call__(self, doc: Doc) -> Doc:
        return self.wrapped(doc) if self.wrapped else doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        if self.wrapped is None:
            yield from docs
        else:
            yield from self.wrapped.pipe(docs, batch_size=batch_size)


@Language.factory(NAME)
def _make_slot(nlp: Language, name: str) -> _Slot:
    """Factory so the ensemble sits in ``nlp.pipeline`` like any other component."""
    return _Slot()
