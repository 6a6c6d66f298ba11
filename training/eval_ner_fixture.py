"""English NER on hand-written Asian-outlet newswire: plain en_core_web_sm vs the product.

Why a separate set: UNER English (EWT) is web text; the product reads Asian English-language
news, where Vietnamese, Malay, Indonesian and Thai names, provincial bodies and honorifics such
as "Datuk Seri" are common. tests/fixtures/entities/en-asian-news.tsv holds the gold (format and
conventions in its header) in two halves: ``dev`` to steer by, ``test`` held out (scored at the
start and at the end of a change only).

Both pipelines read the raw sentence text (their own tokenisation); a predicted entity counts
when its character span and label equal a gold one (PERSON, ORG, LOC; GPE folded into LOC as in
training/eval_ner.py; other labels ignored).

    python -m training.eval_ner_fixture [--split dev|test|all] [--errors]
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language

from training.data import REPO
from training.eval_ner import Span3, folded_ents, score

FIXTURE = REPO / "tests" / "fixtures" / "entities" / "en-asian-news.tsv"
PLAIN_MODEL = "en_core_web_sm"


@dataclass(frozen=True)
class GoldSentence:
    """One fixture sentence: its split, text and gold (start char, end char, label)."""

    split: str
    text: str
    ents: tuple[Span3, ...]


def read_fixture(path: Path = FIXTURE) -> list[GoldSentence]:
    """Parse the S/E lines; each entity surface is searched after the previous one."""
    out: list[GoldSentence] = []
    split = text = ""
    ents: list[Span3] = []
    pos = 0

    def flush() -> None:
        if text:
            out.append(GoldSentence(split, text, tuple(ents)))

    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        kind, *fields = line.split("\t")
        if kind == "S":
            flush()
            split, text = fields
            ents, pos = [], 0
        elif kind == "E":
            label, surface = fields
            start = text.find(surface, pos)
            if start < 0:
                raise ValueError(f"{path}:{n}: {surface!r} not found in the sentence")
            ents.append((start, start + len(surface), label))
            pos = start + len(surface)
        else:
            raise ValueError(f"{path}:{n}: unknown line kind {kind!r}")
    flush()
    return out


def predict(nlp: Language, texts: Sequence[str]) -> list[set[Span3]]:
    """Predicted (start char, end char, label) per text, labels folded to PERSON/ORG/LOC."""
    return [folded_ents(doc, by_char=True) for doc in nlp.pipe(texts)]


def pipelines() -> dict[str, Language]:
    """Plain en_core_web_sm (all its components, as a user would load it) and the product."""
    from pipeline.settings import load_settings
    from pipeline.stages.annotate import load_nlp, resolve_model

    return {
        "plain-sm": spacy.load(resolve_model(PLAIN_MODEL)),
        "product": load_nlp("en", load_settings()),
    }


def _show(text: str, spans: set[Span3]) -> str:
    return ", ".join(f"{label}:{text[s:e]}" for s, e, label in sorted(spans))


def main(argv: list[str] | None = None) -> dict[str, dict[str, dict[str, dict[str, float]]]]:
    """Print P/R/F1 per label, per split, for both pipelines."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "test", "all"], default="all")
    parser.add_argument("--fixture", type=Path, default=FIXTURE)
    parser.add_argument(
        "--errors", action="store_true", help="list the product's misses on the dev half"
    )
    args = parser.parse_args(argv)
    sents = read_fixture(args.fixture)
    splits = ["dev", "test"] if args.split == "all" else [args.split]
    results: dict[str, dict[str, dict[str, dict[str, float]]]] = {}
    print(f"{'split':<6} {'pipeline':<9} {'label':<7} {'P':>6} {'R':>6} {'F1':>6} {'support':>8}")
    for name, nlp in pipelines().items():
        for split in splits:
            part = [s for s in sents if s.split == split]
            pred = predict(nlp, [s.text for s in part])
            res = score([set(s.ents) for s in part], pred)
            results.setdefault(split, {})[name] = res
            for label, sc in res.items():
                print(
                    f"{split:<6} {name:<9} {label:<7} {sc['p']:>6.1f} {sc['r']:>6.1f} "
                    f"{sc['f']:>6.1f} {sc['support']:>8}"
                )
            if args.errors and name == "product" and split == "dev":
                for s, p in zip(part, pred, strict=True):
                    gold = set(s.ents)
                    if gold != p:
                        print(f"  {s.text}\n    missed: {_show(s.text, gold - p)}"
                              f"\n    wrong:  {_show(s.text, p - gold)}")
    return results


if __name__ == "__main__":
    main()
