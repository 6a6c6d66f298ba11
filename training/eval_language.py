"""Measure language detection against the issue's acceptance figures.

Run: ``.venv/bin/python -m training.eval_language [--errors]``.

Sentences of at least 5 words, each treated as a one-block article:

- Indonesian: the NER dev splits in ../shared/data/ner-id (tokens detokenised);
- English: the ``# text =`` lines of UNER English-EWT dev (web text: some lines are junk such
  as name lists or timestamps; they are kept, nothing is filtered by hand);
- other languages: tests/fixtures/language/other.tsv (written for this project), and
  tests/fixtures/language/other_holdout.tsv, written in batches, each measured once when
  written and then (except the last) used to extend the Malay word lists: only the last batch
  is still held out (mostly Malay, the hard case; first figures are in the file's header).

Targets: accuracy >= 99% for id and en; >= 98% of other-language sentences not labelled id or
en. Both the article decision and the block decision are reported, next to plain open-set
langdetect (same seed) as the baseline, plus throughput in blocks per second.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

import regex

from pipeline.records import Block
from pipeline.settings import Settings, load_settings
from pipeline.stages.language import _probabilities, detect_languages, language_options
from training.data import NER_EN, read_idner2k, read_nergrit

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures" / "language"
OTHER = FIXTURES / "other.tsv"
# Written after the word lists were fixed and not used to choose them.
HOLDOUT = FIXTURES / "other_holdout.tsv"
MIN_WORDS = 5

_SPACE_BEFORE = regex.compile(r" ([,.;:!?%)\]}])")
_SPACE_AFTER = regex.compile(r"([(\[{]) ")
# Scripts written without spaces between words: two characters count as one word.
_UNSPACED = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}]")
_HAS_LETTER = regex.compile(r"\p{L}")


def detokenise(words: Iterable[str]) -> str:
    """Gold tokens back to running text (spaces before closing punctuation removed)."""
    text = " ".join(words)
    return _SPACE_AFTER.sub(r"\1", _SPACE_BEFORE.sub(r"\1", text))


def n_words(text: str) -> int:
    """Words of a sentence: space-separated tokens with a letter, or CJK/Thai characters / 2."""
    spaced = sum(1 for tok in text.split() if _HAS_LETTER.search(tok))
    return max(spaced, len(_UNSPACED.findall(text)) // 2)


def indonesian() -> list[str]:
    """Indonesian dev sentences (NERGrit and IDNer2k)."""
    return [detokenise(s.words) for s in (*read_nergrit("dev"), *read_idner2k("dev"))]


def english() -> list[str]:
    """English dev sentences (UNER EWT ``# text =`` lines)."""
    path = NER_EN / "uner-ewt-dev.iob2"
    prefix = "# text = "
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line[len(prefix) :].strip() for line in lines if line.startswith(prefix)]


def holdout_batches() -> list[list[tuple[str, str]]]:
    """The held-out fixture's batches (separated by ``# ---`` lines), in writing order."""
    batches: list[list[tuple[str, str]]] = [[]]
    for line in HOLDOUT.read_text(encoding="utf-8").splitlines():
        if line.startswith("# ---"):
            batches.append([])
        elif line.strip() and not line.startswith("#"):
            code, sentence = line.split("\t", 1)
            batches[-1].append((code, sentence))
    return [b for b in batches if b]


def others(path: Path = OTHER) -> list[tuple[str, str]]:
    """(code, sentence) pairs of an other-language fixture."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            code, sentence = line.split("\t", 1)
            rows.append((code, sentence))
    return rows


@dataclass
class Labels:
    """Labels of one sentence set from the three deciders."""

    article: list[str]
    block: list[str]
    baseline: list[str]


def label(sentences: list[str], settings: Settings) -> Labels:
    """Article, block and plain-langdetect labels for each sentence as a one-block article."""
    out = Labels([], [], [])
    # Plain langdetect: its own defaults, no aliases, no narrowing.
    plain_opts = replace(language_options(settings), aliases=(), trials=7, max_chars=10_000)
    for text in sentences:
        guess, blocks = detect_languages((Block(0, "body", text, 0, len(text)),), None, settings)
        out.article.append(guess.code)
        out.block.append(blocks[0].language)
        plain = _probabilities(text, settings.langdetect_seed, None, plain_opts)
        out.baseline.append(plain[0][0] if plain else "und")
    return out


def throughput(
    sentences: list[str], settings: Settings, per_article: int = 10
) -> tuple[float, float]:
    """Blocks per second (wall clock, CPU time) of detect_languages over articles of
    ``per_article`` blocks; CPU time is the steadier figure on a shared machine."""
    articles = [sentences[i : i + per_article] for i in range(0, len(sentences), per_article)]
    wall, cpu = time.perf_counter(), time.process_time()
    n = 0
    for texts in articles:
        blocks = tuple(Block(i, "body", t, 0, len(t)) for i, t in enumerate(texts))
        detect_languages(blocks, None, settings)
        n += len(blocks)
    return n / (time.perf_counter() - wall), n / (time.process_time() - cpu)


def _pct(hits: int, total: int) -> str:
    return f"{100 * hits / total:6.2f}% ({hits}/{total})" if total else "   n/a"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list the misclassified sentences")
    args = parser.parse_args(argv)
    settings = load_settings(env={})
    supported = set(settings.supported_languages)

    sets: dict[str, tuple[list[str], Callable[[str, str], bool]]] = {}
    short: dict[str, tuple[list[str], str]] = {}
    for code, sentences in (("id", indonesian()), ("en", english())):
        long = [s for s in sentences if n_words(s) >= MIN_WORDS]
        sets[f"{code} accuracy"] = (long, lambda got, code=code: got == code)
        few = [s for s in sentences if 1 <= n_words(s) < MIN_WORDS]
        context = next(s for s in long if n_words(s) >= 20)
        short[code] = (few, context)
    other_rows = [(c, s) for c, s in others() if n_words(s) >= MIN_WORDS]
    sets["other not id/en"] = ([s for _, s in other_rows], lambda got: got not in supported)
    for n, batch in enumerate(holdout_batches(), 1):
        holdout = [s for _, s in batch if n_words(s) >= MIN_WORDS]
        sets[f"held-out batch {n}"] = (holdout, lambda got: got not in supported)

    print(
        f"Sentences of >= {MIN_WORDS} words, each as a one-block article (seed "
        f"{settings.langdetect_seed})."
    )
    print(f"{'set':<18}{'article':>22}{'block':>22}{'plain langdetect':>22}")
    errors: list[str] = []
    labelled: dict[str, Labels] = {}
    for name, (sentences, ok) in sets.items():
        labels = label(sentences, settings)
        labelled[name] = labels
        row = [
            sum(ok(g) for g in column) for column in (labels.article, labels.block, labels.baseline)
        ]
        print(f"{name:<18}" + "".join(f"{_pct(h, len(sentences)):>22}" for h in row))
        errors += [
            f"{name}\t{a}/{b}\t{s}"
            for s, a, b in zip(sentences, labels.article, labels.block, strict=True)
            if not (ok(a) and ok(b))
        ]

    print(f"\nShorter sentences (1-{MIN_WORDS - 1} words; `und` counts as wrong):")
    for code, (few, context) in short.items():
        alone = label(few, settings)
        inside = [
            detect_languages(
                (Block(0, "body", context, 0, 0), Block(1, "body", text, 0, 0)), None, settings
            )[1][1].language
            for text in few
        ]
        und = sum(g == "und" for g in alone.article)
        print(
            f"{code}: alone {_pct(sum(g == code for g in alone.article), len(few)).strip()}"
            f" ({und} und), plain langdetect "
            f"{_pct(sum(g == code for g in alone.baseline), len(few)).strip()}; as a block of "
            f"an {code} article {_pct(sum(g == code for g in inside), len(few)).strip()}"
        )
    print()

    codes = [c for c, _ in other_rows]
    per_lang = Counter(
        c
        for c, got in zip(codes, labelled["other not id/en"].article, strict=True)
        if got in supported
    )
    own = sum(c == g for c, g in zip(codes, labelled["other not id/en"].article, strict=True))
    print(f"other languages labelled with their own code (article): {_pct(own, len(codes))}")
    print(
        "other-language sentences labelled id/en, by language:",
        dict(sorted(per_lang.items())) or "none",
    )
    wall, cpu = throughput(sets["id accuracy"][0] + sets["en accuracy"][0], settings)
    print(
        f"throughput: {wall:.0f} blocks/s wall clock, {cpu:.0f} blocks per CPU second "
        "(articles of 10 sentence blocks, one process)"
    )
    if args.errors:
        print("\nErrors (set, article/block label, sentence):")
        print("\n".join(errors))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
