"""Language: the language of the article and of each block, with langdetect, seeded.

langdetect alone is not enough for this product: it gets only ~98% of short English sentences
right (junk guesses such as ``af`` or ``ca``), and it has no profile for Malay or Javanese, which
it reports as Indonesian. The decision for one text is therefore:

1. Fewer than ``min_letters`` letters: ``und`` (too short to say).
2. Open-set langdetect over its 55 profiles gives the top language ``L`` with probability ``p``.
3. If ``L`` is not supported and langdetect is unsure (``p < open_set_certain``), langdetect is
   run again with its priors narrowed to the supported languages; its winner ``S`` is taken when
   at least ``min_function_word_share`` of the words are function words of ``S`` (lexical
   evidence that character n-grams lack on short texts). Confidence ``1 - p``.
4. Otherwise ``p < min_confidence`` is unclear (``und``), and ``L`` stands, confidence ``p``.
5. A supported result is checked against the languages langdetect confuses with it
   (``pipeline/lang/<S>/language.toml``: Malay, Javanese, Vietnamese without diacritics, Tagalog
   for Indonesian): when that language's marker words outnumber the supported language's by
   ``min_marker_margin`` and are at least ``min_marker_share`` of the words, the text is in that
   language. So a Malay article keeps ``ms`` and the runner marks it ``unsupported_language``.

The article is decided from all its blocks (captions included) unless a language is forced
(the JSONL ``lang``, or ``--lang``), which wins with confidence 1.0. Blocks of an article in a
supported language that are shorter than ``narrow_below_letters`` are decided with the
candidates narrowed to the supported set (langdetect priors), the issue's rule for short blocks;
longer blocks, and all blocks of an unsupported article, get the full decision above. Forcing
does not change how blocks are detected: an English caption in a forced-Indonesian article still
reads ``en``.

Determinism: langdetect samples n-grams at random. A detector re-seeds its generator with its
``seed`` before every detection, so with the seed set (``settings.langdetect_seed``) a text gets
the same answer whatever was detected before it and in whichever process. The profiles are
loaded once per process (about half a second).

Thresholds come from the ``[language]`` table of defaults.toml, word lists from the language data
folders; the supported set from ``settings.supported_languages``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

import regex
from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

from pipeline.lang import LANG_DIR
from pipeline.records import Block, LanguageGuess
from pipeline.settings import DEFAULTS_FILE, Settings

UND = "und"
DATA_FILE = "language.toml"

_LETTER = regex.compile(r"\p{L}")
_WORD = regex.compile(r"\p{L}[\p{L}\p{M}]*(?:[-'’]\p{L}[\p{L}\p{M}]*)*")


@dataclass(frozen=True, slots=True)
class LanguageOptions:
    """The ``[language]`` thresholds (documented in defaults.toml)."""

    min_letters: int
    min_confidence: float
    open_set_certain: float
    min_function_word_share: float
    min_marker_margin: int
    min_marker_share: float
    narrow_below_letters: int
    aliases: tuple[tuple[str, str], ...]

    @classmethod
    def from_table(cls, table: Mapping[str, Any]) -> LanguageOptions:
        """Build from the parsed ``[language]`` table; a missing key is a configuration error."""
        return cls(
            min_letters=int(table["min_letters"]),
            min_confidence=float(table["min_confidence"]),
            open_set_certain=float(table["open_set_certain"]),
            min_function_word_share=float(table["min_function_word_share"]),
            min_marker_margin=int(table["min_marker_margin"]),
            min_marker_share=float(table["min_marker_share"]),
            narrow_below_letters=int(table["narrow_below_letters"]),
            aliases=tuple(sorted(dict(table.get("aliases", {})).items())),
        )


@cache
def _default_table() -> dict[str, Any]:
    with DEFAULTS_FILE.open("rb") as handle:
        return dict(tomllib.load(handle).get("language", {}))


def language_options(settings: Settings) -> LanguageOptions:
    """The options carried by ``settings`` (a ``language`` table), else defaults.toml's."""
    table = getattr(settings, "language", None)
    return LanguageOptions.from_table(table if table else _default_table())


@dataclass(frozen=True, slots=True)
class _Confusable:
    code: str
    theirs: frozenset[str]
    ours: frozenset[str]


@dataclass(frozen=True, slots=True)
class _LanguageData:
    function_words: frozenset[str]
    confusables: tuple[_Confusable, ...]


@cache
def _language_data(code: str) -> _LanguageData:
    """pipeline/lang/<code>/language.toml (empty for a language without a folder)."""
    path = LANG_DIR / code / DATA_FILE
    data = tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    confusables = tuple(
        _Confusable(other, frozenset(words.get("theirs", ())), frozenset(words.get("ours", ())))
        for other, words in data.get("confusables", {}).items()
    )
    return _LanguageData(frozenset(data.get("function_words", ())), confusables)


@cache
def _factory() -> DetectorFactory:
    """langdetect's profiles, loaded once per process (our own factory, not the global one)."""
    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    return factory


def _probabilities(
    text: str, seed: int, candidates: tuple[str, ...] | None, aliases: Mapping[str, str]
) -> list[tuple[str, float]]:
    """langdetect's (code, probability) list, best first; priors narrowed to ``candidates``."""
    factory = _factory()
    detector = factory.create()
    detector.seed = seed  # re-applied by the detector before each detection
    if candidates is not None:
        prior = {lc: 1.0 for lc in factory.langlist if aliases.get(lc, lc) in candidates}
        if not prior:
            return []
        detector.set_prior_map(prior)
    detector.append(text)
    try:
        found = detector.get_probabilities()
    except LangDetectException:  # no usable n-grams (digits, punctuation)
        return []
    return [(aliases.get(lang.lang, lang.lang), float(lang.prob)) for lang in found]


def _share(words: list[str], lexicon: frozenset[str]) -> float:
    return sum(w.lower() in lexicon for w in words) / len(words) if words else 0.0


def _confidence(p: float) -> float:
    return round(min(1.0, max(0.0, p)), 4)


def _check_confusables(
    code: str, p: float, words: list[str], opts: LanguageOptions
) -> LanguageGuess:
    """Relabel a supported-language result when a confusable language's markers dominate."""
    lowercase = [w for w in words if w == w.lower()]  # capitalised words are mostly names
    best: tuple[int, str, float] | None = None
    for other in _language_data(code).confusables:
        theirs = sum(w in other.theirs for w in lowercase)
        ours = sum(w in other.ours for w in lowercase)
        lead = theirs - ours
        enough = lead >= opts.min_marker_margin and theirs >= opts.min_marker_share * len(words)
        if enough and (best is None or lead > best[0]):
            best = (lead, other.code, p * theirs / (theirs + ours))
    if best is None:
        return LanguageGuess(code, _confidence(p))
    return LanguageGuess(best[1], _confidence(best[2]))


def _guess(
    text: str, supported: tuple[str, ...], narrowed: bool, opts: LanguageOptions, seed: int
) -> LanguageGuess:
    """The language of one text (the rule in the module docstring)."""
    if len(_LETTER.findall(text)) < opts.min_letters:
        return LanguageGuess(UND, 0.0)
    aliases = dict(opts.aliases)
    if narrowed:
        probs = _probabilities(text, seed, supported, aliases)
        if not probs or probs[0][1] < opts.min_confidence:
            return LanguageGuess(UND, _confidence(probs[0][1]) if probs else 0.0)
        return LanguageGuess(probs[0][0], _confidence(probs[0][1]))
    probs = _probabilities(text, seed, None, aliases)
    if not probs:
        return LanguageGuess(UND, 0.0)
    top, p = probs[0]
    words = _WORD.findall(text)
    if top not in supported and p < opts.open_set_certain:
        closed = _probabilities(text, seed, supported, aliases)
        if closed:
            best = closed[0][0]
            share = _share(words, _language_data(best).function_words)
            if share >= opts.min_function_word_share:
                return _check_confusables(best, 1.0 - p, words, opts)
    if p < opts.min_confidence:
        return LanguageGuess(UND, _confidence(p))
    if top in supported:
        return _check_confusables(top, p, words, opts)
    return LanguageGuess(top, _confidence(p))


def detect_text(text: str, settings: Settings, *, narrowed: bool = False) -> LanguageGuess:
    """The language of one text; ``narrowed`` decides among the supported languages only."""
    supported = tuple(settings.supported_languages)
    return _guess(text, supported, narrowed, language_options(settings), settings.langdetect_seed)


def detect_languages(
    blocks: tuple[Block, ...], forced: str | None, settings: Settings
) -> tuple[LanguageGuess, tuple[Block, ...]]:
    """The article's language and the blocks with their own language set."""
    opts = language_options(settings)
    supported = tuple(settings.supported_languages)
    seed = settings.langdetect_seed
    forced = (forced or "").strip().lower() or None
    if forced in (None, "auto") and settings.lang != "auto":
        forced = settings.lang.strip().lower()
    if forced and forced != "auto":
        article = LanguageGuess(forced, 1.0)
    else:
        article = _guess("\n".join(b.text for b in blocks), supported, False, opts, seed)
    narrow = article.code in supported
    out = []
    for block in blocks:
        short = len(_LETTER.findall(block.text)) < opts.narrow_below_letters
        if len(blocks) == 1 and not forced and not (narrow and short):
            guess = article  # the same text, decided the same way
        else:
            guess = _guess(block.text, supported, narrow and short, opts, seed)
        out.append(replace(block, language=guess.code, language_confidence=guess.confidence))
    return article, tuple(out)
