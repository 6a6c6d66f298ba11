"""Language: the language of the article and of each block, with langdetect, seeded.

langdetect alone is not enough for this product: it gets only ~98% of short English sentences
right (junk guesses such as ``af`` or ``ca``), and it has no profile for Malay or Javanese, which
it reports as Indonesian. The decision for one text is therefore:

1. Fewer than ``min_letters`` letters: ``und`` (too short to say).
1a. Lexical fast path: a text whose lowercase words plainly are one supported language's
   (enough of its function words, hardly any of another's: ``lexical_*`` in defaults.toml) is
   that language without langdetect, then checked for confusables as in step 5. Paragraphs
   mostly end here; langdetect costs ~2 ms a text and was a third of a batch run's CPU.
2. Open-set langdetect over its 55 profiles gives the top language ``L`` with probability ``p``.
3. If langdetect is unsure (``p < open_set_certain``) and a supported language has enough
   function words in the text (at least ``min_function_words`` and ``min_function_word_share``
   of the words; lists in ``pipeline/lang/<code>/language.toml``), that language wins: character
   n-grams are unreliable on short texts, function words are not. If several qualify, the one
   with most function words, then langdetect with priors narrowed to the supported set, decides.
   Confidence ``p`` if it is ``L``, else ``1 - p``.
4. Otherwise ``p < min_confidence`` is unclear (``und``), and ``L`` stands, confidence ``p``.
5. A supported result is checked against the languages langdetect confuses with it
   (``[confusables.*]`` in ``pipeline/lang/<S>/language.toml``: Malay, Javanese, Vietnamese
   without diacritics and Tagalog for Indonesian): when that language's marker words outnumber
   the supported language's by ``min_marker_margin`` and are at least ``min_marker_share`` of the
   words, the text is in that language. So a Malay article keeps ``ms`` and the runner marks it
   ``unsupported_language``. Word lists cannot catch every Malay sentence: one without a typical
   Malaysian word reads as Indonesian (see training/eval_language.py for the figures).

The article is decided from all its blocks (captions included) unless a language is forced
(the JSONL ``lang``, else ``--lang``), which wins with confidence 1.0. In an article of a
supported language, blocks shorter than ``narrow_below_letters`` letters are narrowed: when the
decision above does not give a supported language, langdetect decides again with its priors
narrowed to the supported set (the issue's rule for short blocks: a short caption is not a
Danish block in an English article). Longer blocks, and all blocks of an unsupported article,
keep the decision above, except that a block of a Malay (or Javanese) article that reads as
Indonesian is Malay too (langdetect has no Malay profile to tell them apart). Forcing does not
change how blocks are detected: an English caption in a forced-Indonesian article still reads
``en``.

Determinism: langdetect samples n-grams at random. A detector re-seeds its generator with its
``seed`` before every detection, so with the seed set (``settings.langdetect_seed``) a text gets
the same answer whatever was detected before it and in whichever process. The profiles are
loaded once per process (about half a second).

Thresholds come from the ``[language]`` table of defaults.toml, word lists from the language data
folders, the supported set from ``settings.supported_languages``.
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

_LETTERS = regex.compile(r"\p{L}+")
_WORD = regex.compile(r"\p{L}[\p{L}\p{M}]*(?:[-'’]\p{L}[\p{L}\p{M}]*)*")
# What may stand between a sentence end and the first word of the next sentence.
_OPENERS = " \t\r\n\"'“‘([-"
_ENDS = ".!?:"


@dataclass(frozen=True, slots=True)
class LanguageOptions:
    """The ``[language]`` thresholds (documented in defaults.toml)."""

    min_letters: int
    min_confidence: float
    open_set_certain: float
    min_function_word_share: float
    min_function_words: int
    min_marker_margin: int
    min_marker_share: float
    narrow_below_letters: int
    aliases: tuple[tuple[str, str], ...]
    trials: int = 7  # langdetect's sampling trials per text (its default is 7)
    max_chars: int = 10_000  # langdetect reads at most this many characters of a text
    # The lexical fast path (see ``_lexically_clear``); 0 words switches it off.
    lexical_min_words: int = 0
    lexical_min_distinct: int = 0
    lexical_min_share: float = 1.0
    lexical_max_rival_share: float = 0.0

    @classmethod
    def from_table(cls, table: Mapping[str, Any]) -> LanguageOptions:
        """Build from the parsed ``[language]`` table; a missing key is a configuration error."""
        return cls(
            min_letters=int(table["min_letters"]),
            min_confidence=float(table["min_confidence"]),
            open_set_certain=float(table["open_set_certain"]),
            min_function_word_share=float(table["min_function_word_share"]),
            min_function_words=int(table["min_function_words"]),
            min_marker_margin=int(table["min_marker_margin"]),
            min_marker_share=float(table["min_marker_share"]),
            narrow_below_letters=int(table["narrow_below_letters"]),
            aliases=tuple(sorted(dict(table.get("aliases", {})).items())),
            trials=int(table.get("trials", 7)),
            max_chars=int(table.get("max_chars", 10_000)),
            lexical_min_words=int(table.get("lexical_min_words", 0)),
            lexical_min_distinct=int(table.get("lexical_min_distinct", 0)),
            lexical_min_share=float(table.get("lexical_min_share", 1.0)),
            lexical_max_rival_share=float(table.get("lexical_max_rival_share", 0.0)),
        )


@cache
def _default_table() -> dict[str, Any]:
    with DEFAULTS_FILE.open("rb") as handle:
        return dict(tomllib.load(handle).get("language", {}))


def language_options(settings: Settings) -> LanguageOptions:
    """The options carried by ``settings`` (a ``language`` table), else defaults.toml's."""
    return LanguageOptions.from_table(settings.language or _default_table())


@dataclass(frozen=True, slots=True)
class _Confusable:
    code: str
    theirs: frozenset[str]  # lowercase markers (also matched at a sentence start)
    ours: frozenset[str]
    theirs_capitalised: frozenset[str]  # stored lowercase, matched wherever they stand
    ours_capitalised: frozenset[str]
    terms: frozenset[str] = frozenset()  # every marker of the four sets
    heads: frozenset[str] = frozenset()  # first words of the two-word markers

    @classmethod
    def of(cls, code: str, *sets: frozenset[str]) -> _Confusable:
        """With the lookup sets that let ``count`` skip the words that are no marker."""
        terms = frozenset().union(*sets)
        heads = frozenset(t.split(" ", 1)[0] for t in terms if " " in t)
        return cls(code, *sets, terms=terms, heads=heads)

    def count(self, words: list[tuple[str, bool]]) -> tuple[int, int]:
        """(their markers, our markers) among ``words`` (single words and two-word phrases)."""
        theirs = ours = 0
        terms = self.terms
        last = len(words) - 1
        for i, (word, plain) in enumerate(words):
            candidates = [(word, plain)] if word in terms else []
            if word in self.heads:
                after, after_plain = words[i + 1] if i < last else ("", False)
                candidates.append((f"{word} {after}", plain and after_plain))
            for term, both in candidates:
                theirs += (both and term in self.theirs) or term in self.theirs_capitalised
                ours += (both and term in self.ours) or term in self.ours_capitalised
        return theirs, ours


@dataclass(frozen=True, slots=True)
class _LanguageData:
    function_words: frozenset[str]
    confusables: tuple[_Confusable, ...]

    @property
    def their_first_words(self) -> frozenset[str]:
        """First words of all confusables' own markers: a text without any needs no count."""
        return _their_first_words(self.confusables)


@cache
def _their_first_words(confusables: tuple[_Confusable, ...]) -> frozenset[str]:
    return frozenset(
        term.split(" ", 1)[0]
        for other in confusables
        for term in other.theirs | other.theirs_capitalised
    )


@cache
def _language_data(code: str) -> _LanguageData:
    """pipeline/lang/<code>/language.toml (empty for a language without a folder)."""
    path = LANG_DIR / code / DATA_FILE
    data = tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}

    def words(table: dict[str, Any], key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in table.get(key, ()))

    confusables = tuple(
        _Confusable.of(
            other,
            words(table, "theirs"),
            words(table, "ours"),
            words(table, "theirs_capitalised"),
            words(table, "ours_capitalised"),
        )
        for other, table in data.get("confusables", {}).items()
    )
    return _LanguageData(frozenset(data.get("function_words", ())), confusables)


@cache
def _factory() -> DetectorFactory:
    """langdetect's profiles, loaded once per process (our own factory, not the global one)."""
    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    return factory


def _probabilities(
    text: str, seed: int, priors: Mapping[str, float] | None, opts: LanguageOptions
) -> list[tuple[str, float]]:
    """langdetect's (code, probability) list, best first; candidates narrowed to ``priors``."""
    aliases = dict(opts.aliases)
    factory = _factory()
    factory.set_seed(seed)  # copied into the detector, which re-seeds before each detection
    detector = factory.create()
    detector.n_trial = opts.trials
    detector.set_max_text_length(opts.max_chars)
    if priors is not None:
        prior = {
            lc: priors[aliases.get(lc, lc)]
            for lc in factory.langlist
            if aliases.get(lc, lc) in priors
        }
        if not prior:
            return []
        detector.set_prior_map(prior)
    detector.append(text)
    try:
        found = detector.get_probabilities()
    except LangDetectException:  # no usable n-grams (digits, punctuation)
        return []
    return [(aliases.get(lang.lang, lang.lang), float(lang.prob)) for lang in found]


def _words(text: str) -> list[tuple[str, bool]]:
    """The words of ``text``, each with whether it may be read in lowercase for markers.

    A capitalised word inside a sentence is mostly a name; at a sentence start it is not.
    """
    out = []
    for m in _WORD.finditer(text):
        word = m.group()
        lower = word.lower()
        plain = word == lower or (word[1:] == lower[1:] and _starts_sentence(text, m.start()))
        out.append((lower, plain))
    return out


def _starts_sentence(text: str, start: int) -> bool:
    """Whether position ``start`` begins a sentence (text start, after . ! ? : or a newline)."""
    window = text[max(0, start - 16) : start]
    before = window.rstrip(_OPENERS)
    if not before:
        return start <= 16
    return before[-1] in _ENDS or "\n" in window[len(before) :]


def _has_letters(text: str, n: int) -> bool:
    """Whether ``text`` has at least ``n`` letters (stops counting there: articles can be big)."""
    if len(text) < n:
        return False
    seen = 0
    for run in _LETTERS.finditer(text):
        seen += run.end() - run.start()
        if seen >= n:
            return True
    return False


def _confidence(p: float) -> float:
    return round(min(1.0, max(0.0, p)), 4)


def _check_confusables(
    code: str, p: float, words: list[tuple[str, bool]], opts: LanguageOptions
) -> LanguageGuess:
    """Relabel a supported-language result when a confusable language's markers dominate."""
    best: tuple[int, str, float] | None = None
    data = _language_data(code)
    if data.their_first_words.isdisjoint(w for w, _ in words):
        return LanguageGuess(code, _confidence(p))  # no marker of any of them: nothing to count
    for other in data.confusables:
        theirs, ours = other.count(words)
        lead = theirs - ours
        enough = lead >= opts.min_marker_margin and theirs >= opts.min_marker_share * len(words)
        if enough and (best is None or lead > best[0]):
            best = (lead, other.code, p * theirs / (theirs + ours))
    if best is None:
        return LanguageGuess(code, _confidence(p))
    return LanguageGuess(best[1], _confidence(best[2]))


def _lexical_choice(
    text: str,
    words: list[tuple[str, bool]],
    supported: tuple[str, ...],
    opts: LanguageOptions,
    seed: int,
) -> str | None:
    """The supported language with enough function words in ``text``, if any.

    Several qualify: most function words wins, then langdetect narrowed to the supported set.
    """
    qualified = []
    for code in supported:
        lexicon = _language_data(code).function_words
        hits = sum(w in lexicon for w, _ in words)
        if hits >= opts.min_function_words and hits >= opts.min_function_word_share * len(words):
            qualified.append((hits, code))
    if len(qualified) <= 1:
        return qualified[0][1] if qualified else None
    uniform = dict.fromkeys(supported, 1.0)
    closed = dict(_probabilities(text, seed, uniform, opts))
    return max(qualified, key=lambda hc: (hc[0], closed.get(hc[1], 0.0)))[1]


def _lexically_clear(
    words: list[tuple[str, bool]], supported: tuple[str, ...], opts: LanguageOptions
) -> LanguageGuess | None:
    """The supported language a text plainly is from its function words alone, if any.

    The fast path in front of langdetect (which costs ~2 ms a text, a third of a batch run
    when every block is asked): a text of at least ``lexical_min_words`` lowercase words (names
    left out), at least ``lexical_min_share`` of them function words of one supported language,
    with at least ``lexical_min_distinct`` different ones of three letters or more ("a", "as",
    "do", "no" are Portuguese words too), and at most ``lexical_max_rival_share`` function words
    of three letters or more of another supported language ("an", "s" also stand in Indonesian
    text: "tahun 80-an"), is that language, subject to the same confusable check (Malay,
    Javanese ...) as a langdetect result. Confidence: that language's share of the supported
    languages' function words in the text. Anything less clear goes to langdetect.
    """
    plain = [w for w, lower in words if lower]  # names (capitalised mid-sentence) left out
    n = len(plain)
    if not opts.lexical_min_words or n < opts.lexical_min_words:
        return None
    found = sorted(
        ([w for w in plain if w in _language_data(code).function_words], code)
        for code in supported
    )
    found.sort(key=lambda fc: len(fc[0]), reverse=True)
    best_words, code = found[0]
    best = len(best_words)
    # Against it count only rival words of three letters or more: "a", "an", "s" also stand in
    # Indonesian text ("tahun 80-an", "Jum'at" split by a scraper), "di", "ke" in English.
    rival = sum(len(w) > 2 for w in found[1][0]) if len(found) > 1 else 0
    if (
        best < opts.lexical_min_share * n
        or len({w for w in best_words if len(w) > 2}) < opts.lexical_min_distinct
        or rival > opts.lexical_max_rival_share * n
    ):
        return None
    return _check_confusables(code, best / (best + rival), words, opts)


def _guess(
    text: str,
    supported: tuple[str, ...],
    narrowed: bool,
    opts: LanguageOptions,
    seed: int,
    words: list[tuple[str, bool]] | None = None,
) -> LanguageGuess:
    """The language of one text (the rule in the module docstring).

    ``narrowed``: ``text`` is a short block of a supported-language article. The open-set
    decision stands when it is a supported language; otherwise langdetect decides again with its
    priors narrowed to the supported set (zero for every other profile; weighting candidates
    instead does little, as langdetect iterates until one of them has 0.99999).
    """
    if not _has_letters(text, opts.min_letters):
        return LanguageGuess(UND, 0.0)
    words = _words(text) if words is None else words
    guess = _lexically_clear(words, supported, opts) or _open_guess(
        text, words, supported, opts, seed
    )
    if not narrowed or guess.code in supported:
        return guess
    probs = _probabilities(text, seed, dict.fromkeys(supported, 1.0), opts)
    if not probs or probs[0][1] < opts.min_confidence:
        return LanguageGuess(UND, _confidence(probs[0][1]) if probs else 0.0)
    return LanguageGuess(probs[0][0], _confidence(probs[0][1]))


def _open_guess(
    text: str,
    words: list[tuple[str, bool]],
    supported: tuple[str, ...],
    opts: LanguageOptions,
    seed: int,
) -> LanguageGuess:
    """Open-set langdetect, checked by function words and confusable markers."""
    probs = _probabilities(text, seed, None, opts)
    if not probs:
        return LanguageGuess(UND, 0.0)
    top, p = probs[0]
    if p < opts.open_set_certain:
        lexical = _lexical_choice(text, words, supported, opts, seed)
        if lexical is not None:
            return _check_confusables(lexical, p if lexical == top else 1.0 - p, words, opts)
    if p < opts.min_confidence:
        return LanguageGuess(UND, _confidence(p))
    if top in supported:
        return _check_confusables(top, p, words, opts)
    return LanguageGuess(top, _confidence(p))


def detect_text(text: str, settings: Settings) -> LanguageGuess:
    """The language of one text on its own (as a one-block article)."""
    supported = tuple(settings.supported_languages)
    return _guess(text, supported, False, language_options(settings), settings.langdetect_seed)


def detect_languages(
    blocks: tuple[Block, ...], forced: str | None, settings: Settings
) -> tuple[LanguageGuess, tuple[Block, ...]]:
    """The article's language and the blocks with their own language set."""
    opts = language_options(settings)
    supported = tuple(settings.supported_languages)
    seed = settings.langdetect_seed
    forced = _forced_code(forced, settings)
    # Each block's words are read once: the article's are their concatenation (a block starts
    # a sentence either way, and word pairs across blocks are the same as in the joined text).
    block_words = [_words(b.text) for b in blocks]
    if forced is not None:
        article = LanguageGuess(forced, 1.0)
    else:
        joined = "\n".join(b.text for b in blocks)
        all_words = [w for words in block_words for w in words]
        article = _guess(joined, supported, False, opts, seed, all_words)
    narrow = article.code in supported
    out = []
    for block, words in zip(blocks, block_words, strict=True):
        if len(blocks) == 1 and forced is None:
            guess = article  # the same text, decided the same way
        else:
            short = not _has_letters(block.text, opts.narrow_below_letters)
            guess = _guess(block.text, supported, narrow and short, opts, seed, words)
            if article.code in _confused_with(guess.code):
                # A Malay article's block without a Malaysian word reads as Indonesian; it is
                # still Malay.
                guess = LanguageGuess(article.code, guess.confidence)
        out.append(replace(block, language=guess.code, language_confidence=guess.confidence))
    return article, tuple(out)


def _confused_with(code: str) -> frozenset[str]:
    """Languages langdetect has no profile for and reports as ``code`` (Malay for Indonesian).

    For them, a block that reads as ``code`` inside an article in that language is in that
    language: langdetect cannot say it, and the word lists miss neutral sentences. Confusables
    with a profile (Vietnamese, Tagalog) are left to langdetect.
    """
    profiles = set(_factory().langlist)
    return frozenset(c.code for c in _language_data(code).confusables if c.code not in profiles)


def _forced_code(forced: str | None, settings: Settings) -> str | None:
    """The article's forced language: the input's own (JSONL ``lang``), else ``--lang``."""
    for code in (forced, settings.lang):
        code = (code or "").strip().lower()
        if code and code != "auto":
            return code
    return None
