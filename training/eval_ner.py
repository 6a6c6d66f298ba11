"""Exact-match NER scores on the shared dev splits, and words/s (``make eval-ner``).

The Indonesian pipeline is the one the product uses (``annotate.load_nlp("id", settings)``:
model + rules layer); ``--bare`` scores the trained model alone (with the ensemble members it
ships, pipeline/ner_ensemble.py; ``--single`` without them). English uses
``load_nlp("en", settings)``. Scoring runs the pipeline components over Docs built on the gold
tokenisation, so predicted and gold spans compare token for token. Only PERSON, ORG and LOC count
(GPE is folded into LOC; other model labels are ignored).
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from training.data import (
    LABEL_MAP,
    LABELS,
    REPO,
    Sentence,
    listed_places,
    read_idner2k,
    read_nergrit,
    read_uner_en,
    tag_listed_places,
)
from training.data import spans as gold_spans

OUT = REPO / "training" / "out" / "eval_ner.json"
Span3 = tuple[int, int, str]


def predict(nlp: Language, sents: Sequence[Sentence], batch_size: int = 64) -> list[set[Span3]]:
    """Predicted (start, end, label) per sentence, on the gold tokens."""
    docs = [Doc(nlp.vocab, words=list(s.words)) for s in sents]
    for _name, proc in nlp.pipeline:
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=batch_size))
        else:
            docs = [proc(doc) for doc in docs]
    return [folded_ents(doc) for doc in docs]


def folded_ents(doc: Doc, by_char: bool = False) -> set[Span3]:
    """(start, end, label) of the PERSON/ORG/LOC entities after folding model labels.

    Offsets are token indices, or character offsets with ``by_char``.
    """
    return {
        ((e.start_char, e.end_char) if by_char else (e.start, e.end)) + (LABEL_MAP[e.label_],)
        for e in doc.ents
        if LABEL_MAP.get(e.label_)
    }


def score(gold: Sequence[set[Span3]], pred: Sequence[set[Span3]]) -> dict[str, dict[str, float]]:
    """P/R/F1 (percent) per label and overall ("ALL"), exact span and label match."""
    result: dict[str, dict[str, float]] = {}
    for label in (*LABELS, "ALL"):
        tp = fp = fn = 0
        for g, p in zip(gold, pred, strict=True):
            gs = {x for x in g if label in ("ALL", x[2])}
            ps = {x for x in p if label in ("ALL", x[2])}
            tp += len(gs & ps)
            fp += len(ps - gs)
            fn += len(gs - ps)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        result[label] = {
            "p": round(100 * prec, 2), "r": round(100 * rec, 2), "f": round(100 * f1, 2),
            "support": tp + fn,
        }
    return result


def words_per_second(
    nlp: Language, sents: Sequence[Sentence], batch_size: int = 64
) -> tuple[float, float]:
    """Throughput of nlp.pipe on the raw sentence texts (tokenizer included), one process.

    Returns (per wall-clock second, per CPU second of this process): on a shared machine the
    second is what one free core would do.
    """
    texts = [" ".join(s.words) for s in sents]
    n_words = sum(len(s.words) for s in sents)
    list(nlp.pipe(texts[:50], batch_size=batch_size))  # warm up
    wall, cpu = time.perf_counter(), time.process_time()
    list(nlp.pipe(texts, batch_size=batch_size))
    return n_words / (time.perf_counter() - wall), n_words / (time.process_time() - cpu)


def evaluate(nlp: Language, sents: Sequence[Sentence]) -> dict[str, object]:
    """Scores and speed of ``nlp`` on one corpus."""
    pred = predict(nlp, sents)
    wall, cpu = words_per_second(nlp, sents)
    return {
        "scores": score([gold_spans(s) for s in sents], pred),
        "words_per_second": round(wall),
        "words_per_cpu_second": round(cpu),
        "sentences": len(sents),
        "words": sum(len(s.words) for s in sents),
    }


@cache
def _id_nlp(
    bare: bool,
    model: Path | None,
    members: tuple[Path, ...] = (),
    product: bool = False,
    min_votes: int | None = None,
    single: bool = False,
) -> Language:
    """The Indonesian pipeline to score.

    Default: the product's (``load_nlp``, exactly as the pipeline runs it). ``bare`` or
    ``model``: the model directory with the ensemble members it ships (pipeline/ner_ensemble.py;
    ``single``: without them), plus the rules layer if ``product``. ``members``: other models
    that vote too.
    """
    from pipeline.ner_ensemble import attach, attach_members
    from pipeline.settings import load_settings
    from pipeline.stages.annotate import _load, load_nlp

    settings = load_settings()
    if model is None and not bare:
        nlp = load_nlp("id", settings)
    else:
        source = model if model is not None else settings.model_for("id")
        nlp = _load("id", str(source)) if product else spacy.load(source)
        if not single and not members:
            attach(nlp, source, min_votes)
    return attach_members(nlp, members, min_votes) if members else nlp


def _en_nlp() -> Language:
    from pipeline.settings import load_settings
    from pipeline.stages.annotate import load_nlp

    return load_nlp("en", load_settings())


def print_table(results: dict[str, dict[str, object]]) -> None:
    """One row per corpus and label."""
    print(
        f"{'corpus':<10} {'label':<7} {'P':>6} {'R':>6} {'F1':>6} {'support':>8} "
        f"{'words/s':>8} {'words/cpu-s':>11}"
    )
    for corpus, res in results.items():
        scores: dict[str, dict[str, float]] = res["scores"]  # type: ignore[assignment]
        for label, s in scores.items():
            wall = res["words_per_second"] if label == "ALL" else ""
            cpu = res["words_per_cpu_second"] if label == "ALL" else ""
            print(
                f"{corpus:<10} {label:<7} {s['p']:>6.1f} {s['r']:>6.1f} {s['f']:>6.1f} "
                f"{s['support']:>8} {wall!s:>8} {cpu!s:>11}"
            )
    print(f"machine load average (1 min) at the end: {os.getloadavg()[0]:.1f}")


def main(argv: list[str] | None = None) -> dict[str, dict[str, object]]:
    """Score every corpus, print a table, write JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bare", action="store_true", help="Indonesian model without rules layer")
    parser.add_argument("--model", type=Path, help="score this Indonesian model dir (bare)")
    parser.add_argument(
        "--product", action="store_true", help="with --model: add the rules layer (as load_nlp)"
    )
    parser.add_argument(
        "--members", type=Path, nargs="*", default=[], help="extra models voting with the first"
    )
    parser.add_argument("--min-votes", type=int, help="ensemble: votes a span needs (majority)")
    parser.add_argument(
        "--single", action="store_true", help="--bare/--model: without the shipped members"
    )
    parser.add_argument("--no-en", action="store_true", help="skip the English corpus")
    parser.add_argument(
        "--aligned",
        action="store_true",
        help="also score IDNer2k dev with its untagged listed places tagged LOC (the product's "
        "convention, see data.tag_listed_places)",
    )
    parser.add_argument("--json", type=Path, default=OUT)
    args = parser.parse_args(argv)

    def get_id() -> Language:
        return _id_nlp(
            args.bare, args.model, tuple(args.members), args.product, args.min_votes, args.single
        )

    corpora: list[tuple[str, Callable[[], Language], Callable[[], list[Sentence]]]] = [
        ("nergrit", get_id, lambda: read_nergrit("dev")),
        ("idner2k", get_id, lambda: read_idner2k("dev")),
    ]
    if args.aligned:
        places = listed_places()
        longest = max(map(len, places))
        corpora.append(
            (
                "idner2k+pl",
                get_id,
                lambda: [tag_listed_places(s, places, longest) for s in read_idner2k("dev")],
            )
        )
    if not args.no_en:
        corpora.append(("uner-en", _en_nlp, read_uner_en))
    results: dict[str, dict[str, object]] = {}
    for name, get_nlp, read in corpora:
        results[name] = evaluate(get_nlp(), read())
    print_table(results)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return results


if __name__ == "__main__":
    main()
