"""People and roles on whole articles against hand-annotated gold (``make eval-people``).

The sentence sets of tests/fixtures/people/ measure one construction at a time; this scores what
an analyst gets from people.csv and roles.csv for a whole article, where names are merged across
mentions and a later "kata Fadli" must not become a second person. Gold:
tests/fixtures/articles/gold.tsv, one row per (article, person, role), written by an annotator
who had not seen the rules (its first-run figure is in docs/people-and-quotes.md), and gold2.tsv
(round 9, ``--gold tests/fixtures/articles/gold2.tsv``).

Scores per language (names and roles compared case-insensitively, spaces collapsed):
- (person, role) pair precision/recall/F1, the issue-4 measure;
- untitled precision: the share of gold persons without a title who get no role;
- person recall: gold persons found at all (any role);
- organisation, honorific and rank agreement on the matched pairs/persons.
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from pipeline.records import RawArticle
from pipeline.runner import process_article
from pipeline.settings import Settings, load_settings

REPO = Path(__file__).resolve().parents[1]
ARTICLES = REPO / "tests" / "fixtures" / "articles"


@dataclass(frozen=True, slots=True)
class GoldRow:
    """One (article, person, role) row of gold.tsv."""

    article: str
    name: str
    honorific: str
    rank: str
    role: str
    organization: str


def _key(text: str | None) -> str:
    return " ".join((text or "").lower().split())


def load_gold(path: Path = ARTICLES / "gold.tsv") -> list[GoldRow]:
    """Rows of the gold file (comment lines start with '#', then a header)."""
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return [
        GoldRow(r["article"], r["name"], r["honorific"], r["rank"], r["role"], r["organization"])
        for r in reader
    ]


def predict(article: str, settings: Settings) -> tuple[dict[str, tuple[str, str]], set[tuple]]:
    """``{name: (honorific, rank)}`` and ``{(name, role, organization)}`` of one article."""
    path = ARTICLES / article
    raw = RawArticle(article, str(path), path.read_text(encoding="utf-8"))
    result = process_article(raw, settings)
    people = getattr(result, "people", ())
    roles = getattr(result, "roles", ())
    names = {p.person_id: p.name for p in people}
    persons = {_key(p.name): (_key(p.honorific), _key(p.rank)) for p in people}
    pairs = {(_key(names[r.person_id]), _key(r.role), _key(r.organization)) for r in roles}
    return persons, pairs


def _f1(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def evaluate(gold: list[GoldRow], settings: Settings, show: bool = False) -> dict[str, dict]:
    """Scores per language (the folder of the article: id/, en/)."""
    by_article: dict[str, list[GoldRow]] = defaultdict(list)
    for row in gold:
        by_article[row.article].append(row)
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for article, rows in sorted(by_article.items()):
        c = counts[article.split("/")[0]]
        persons, pairs = predict(article, settings)
        pred = {(n, r) for n, r, _ in pairs}
        org_of = {(n, r): o for n, r, o in pairs}
        want = {(_key(g.name), _key(g.role)) for g in rows if g.role}
        c["tp"] += len(pred & want)
        c["fp"] += len(pred - want)
        c["fn"] += len(want - pred)
        for g in rows:
            name = _key(g.name)
            if g.role and (name, _key(g.role)) in pred:
                c["org_n"] += 1
                c["org_ok"] += org_of[name, _key(g.role)] == _key(g.organization)
        for name in {_key(g.name) for g in rows}:
            c["persons"] += 1
            c["persons_found"] += name in persons
            if not any(g.role for g in rows if _key(g.name) == name):
                c["untitled"] += 1
                c["untitled_ok"] += not any(n == name for n, _ in pred)
            written = {(_key(g.honorific), _key(g.rank)) for g in rows if _key(g.name) == name}
            if name in persons:
                c["titles_n"] += 1
                c["titles_ok"] += persons[name] in written
        if show and (pred != want):
            print(article)
            print("   missing:", sorted(want - pred))
            print("   extra:  ", sorted(pred - want))
    out = {}
    for lang, c in sorted(counts.items()):
        out[lang] = {
            **_f1(c["tp"], c["fp"], c["fn"]),
            "pairs": c["tp"] + c["fn"],
            "untitled_precision": c["untitled_ok"] / c["untitled"] if c["untitled"] else 1.0,
            "person_recall": c["persons_found"] / c["persons"] if c["persons"] else 0.0,
            "organization_agreement": c["org_ok"] / c["org_n"] if c["org_n"] else 0.0,
            "honorific_rank_agreement": c["titles_ok"] / c["titles_n"] if c["titles_n"] else 0.0,
        }
    return out


def main(argv: list[str] | None = None) -> dict[str, dict]:
    """Print the scores per language; ``--show`` lists the differing pairs per article."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list missing/extra pairs")
    parser.add_argument("--json", type=Path, help="also write the scores here")
    parser.add_argument(
        "--gold", type=Path, default=ARTICLES / "gold.tsv",
        help="gold file (article paths relative to tests/fixtures/articles/)",
    )
    args = parser.parse_args(argv)
    scores = evaluate(load_gold(args.gold), load_settings(env={}), show=args.show)
    for lang, s in scores.items():
        print(lang, {k: round(v, 3) if isinstance(v, float) else v for k, v in s.items()})
    if args.json:
        args.json.write_text(json.dumps(scores, indent=2), encoding="utf-8")
    return scores


if __name__ == "__main__":
    main()
