"""Clean: remove scraping artifacts from the raw text, logging every change with raw offsets.

Why an edit list: analysts must be able to check every removal against the raw file, so the
cleaner never rewrites text in place. Detectors propose edits (raw span, replacement, kind) on
the raw text; overlapping proposals are settled by priority; the edits are applied in one pass
that records, for every clean character, the raw index it came from. Whitespace is normalised
in a second pass over that result, composing the offset maps. ``raw_offsets`` is therefore
exact by construction and the work is linear in the text length.

The rules (and why each is safe) are documented in docs/cleaning.md.
"""

from __future__ import annotations

import bisect
import difflib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

import ftfy
import regex

from pipeline.lang import merged_config_list
from pipeline.records import CleanArticle, RawArticle, Removal
from pipeline.settings import Settings

# Kinds whose replacement is not empty: a clean character inside them stands for the whole raw
# span, so the end of a clean span is mapped through the removal (see RawSpans).
REPLACING_KINDS = frozenset({"mojibake", "normalization"})

# Priority of each kind when two proposals overlap (lower wins). Line-level artifacts first;
# mojibake before invisible characters because a soft hyphen or NBSP can be half of a mojibake
# pair (`Ã\xad` is `í`).
_PRIORITY = {
    "placeholder": 0,
    "trailer": 0,
    "comment_counter": 0,
    "mojibake": 1,
    "foreign_script": 2,
    "invisible": 3,
    "normalization": 4,
}

# Whitespace the cleaner collapses, and the subset that breaks a line. The simple character
# classes use the stdlib `re`, which is faster than `regex` for them.
_WS = "\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_ODD_WS = "\t\v\f\r\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_LINE_BREAKS = frozenset("\n\r\v\f\x85\u2028\u2029")
_WS_CHARS = "\t\n\v\f\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000" + "".join(
    map(chr, range(0x2000, 0x200B))
)
_WS_FIX_RE = re.compile(rf"[{_WS}]{{2,}}|[{_ODD_WS}]")

# Zero-width and format characters, soft hyphen, and control characters (C0 except whitespace,
# DEL, C1 except NEL). Invisible in print, they split words for search and NLP. One edit per
# character, so that one overlapping a mojibake repair (`â€\x9d` + soft hyphen) does not take
# its neighbours down with it in _resolve.
_INVISIBLE_RE = re.compile(
    "[\u200b-\u200f\u2060-\u2064\ufeff\u00ad\u180e\u202a-\u202e\u2066-\u2069"
    "\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]"
)

# ZWJ/ZWNJ between two letters of a script that needs them (Persian, Indic scripts) or inside an
# emoji sequence are part of the text; anywhere else (inside a Latin word) they are noise.
_JOINER_IN_SCRIPT_RE = regex.compile(
    r"(?:[[\p{L}\p{M}]--[\p{Latin}\p{Common}]]|\p{Extended_Pictographic}|\ufe0f)[\u200c\u200d]+"
    r"(?:[[\p{L}\p{M}]--[\p{Latin}\p{Common}]]|\p{Extended_Pictographic})",
    regex.V1,
)

# Mojibake (UTF-8 read as Latin-1/cp1252) is made only of Latin-1 and cp1252 characters and
# always holds one from U+0080..U+00FF. Candidates are maximal runs of such characters (ASCII
# whitespace excluded; NBSP, zero-width characters and U+FFFD included, as they occur inside
# damaged sequences), so ftfy sees short strings and never a whole CJK paragraph.
_CP1252_HIGH = bytes(range(0x80, 0xA0)).decode("cp1252", errors="ignore")  # € ‚ ƒ „ … † ‡ …
_ZERO_WIDTH = "\u200b-\u200f\u2060-\u2064\ufeff\u180e"  # not U+00AD: it is byte AD of `í`
_ZERO_WIDTH_RE = re.compile(f"[{_ZERO_WIDTH}]")
_L1 = f"[\\x21-\\x7e\\x80-\\xff{_CP1252_HIGH}{_ZERO_WIDTH}\ufffd]"
_MOJIBAKE_TOKEN_RE = re.compile(rf"(?<!{_L1}){_L1}*[\x80-\xff]{_L1}*")
_HIGH_RE = re.compile("[\x80-\xff]")
# ftfy leaves some sequences alone when a byte reads as common punctuation: `á»…` is `ễ`, but
# `…` is also an ellipsis. A lead character of a 3-byte UTF-8 sequence followed by exactly two
# continuation characters is not natural text, so those are decoded strictly as a second step
# (Vietnamese letters U+1E00-U+1EFF are all 3-byte sequences).
_CONT = f"[\\x80-\\xbf{_CP1252_HIGH}]"
# What ftfy (with the config below) and the two steps after it can change: a UTF-8 lead byte
# followed by a continuation byte, a C1 control, or U+FFFD.
_MAYBE_MOJIBAKE_RE = re.compile(f"[\xc2-\xf4]{_CONT}|[\x80-\x9f\ufffd]")
# The same loss in Vietnamese names, whose stories these aggregators carry: `Đ` is C4 90 and
# shows as `Ä` (or `Ä�`); it is repaired only next to other mojibake or U+FFFD, as `Ä` is
# also a German or Finnish letter. `á»` + a lost byte is one of ề ọ ỏ Ố ờ; the spelling
# around it picks the likeliest (_guess_lossy_o). Other lost bytes are left to ftfy (`�`).
_LOSSY_D_RE = re.compile(f"\u00c4(?:\ufffd|(?=[\xc2-\xf4]{_CONT}|\ufffd))")
_LOSSY_O_RE = re.compile(f"\u00e1\u00bb\ufffd?(?!{_CONT})")
_THREE_BYTE_RE = re.compile(rf"[\xe0-\xef]{_CONT}{_CONT}")
# `”` is E2 80 9D and 0x9D is undefined in cp1252, so a lossy decoder leaves `â€` alone (or
# `â€\ufffd`). Of the characters E2 80 could have started with an undefined byte (U+2001,
# U+200D, U+200F, U+2010, U+201D), the closing quote is the one that occurs in text.
_LOSSY_QUOTE_RE = re.compile(f"\u00e2\u20ac\ufffd?(?!{_CONT})")
_PIPE_LINE_RE = re.compile(r"^\|[^\n]*", re.MULTILINE)
_ANY_TOKEN_RE = re.compile(r"[^ \t\n\r]+")
_NFC_SEGMENT_RE = re.compile("[^ \t\n\r" + _INVISIBLE_RE.pattern[1:-1] + "]+")
_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=True,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)

# Script families: scripts that are written together count as one (Japanese mixes Han and kana,
# Korean may mix Hangul and Han), so they are never "foreign" to each other.
_FAMILY_SCRIPTS = {
    "CJK": ("Han", "Hiragana", "Katakana", "Bopomofo", "Hangul"),
}
_NAME_TO_FAMILY = {
    "CJK": "CJK",
    "HIRAGANA": "CJK",
    "KATAKANA": "CJK",
    "BOPOMOFO": "CJK",
    "HANGUL": "CJK",
    "IDEOGRAPHIC": "CJK",
    "KANGXI": "CJK",
}
_NON_LATIN_LETTERS_RE = regex.compile(r"[\p{L}--\p{Latin}]+", regex.V1)
_LATIN_RE = regex.compile(r"\p{Latin}+")
_LETTER_RE = regex.compile(r"\p{L}")

# Pairs that frame a foreign-script term as content: brackets and quotation marks.
_FRAMES = (
    ("(", ")"),
    ("（", "）"),
    ("[", "]"),
    ("“", "”"),
    ("‘", "’"),
    ("„", "“"),
    ("«", "»"),
    ("‹", "›"),
    ("「", "」"),
    ("『", "』"),
    ("《", "》"),
    ("〈", "〉"),
    ('"', '"'),
    ("'", "'"),
)
# A frame still counts as tight when it also holds a short label or gloss set off by
# punctuation ("Chinese: 譚廉", "譚廉, 1960"); a long quotation with a fragment inside, or a
# fragment glued next to other words in the frame, is not framed.
_MAX_FRAME_WORDS = 3
_GLOSS_MARKS = frozenset(":,;/=")
# A line whose letters are mostly one foreign script, with at least this many of them, is a
# quoted passage in that script, not an injected fragment.
_MIN_PASSAGE_LETTERS = 8


@dataclass(frozen=True, slots=True)
class _Edit:
    start: int
    end: int
    replacement: str
    kind: str


@dataclass(frozen=True, slots=True)
class _Patterns:
    """Regexes compiled once per set of languages (the cleaner runs before language is known)."""

    placeholder: regex.Pattern[str] | None
    trailer: regex.Pattern[str] | None
    counter: regex.Pattern[str] | None
    credit: re.Pattern[str] | None  # the trailing `(Label: X)` of a caption


class Caption(NamedTuple):
    """A caption line split into parts; offsets are within the line."""

    text_start: int
    text_end: int
    wrap: tuple[int, int] | None  # span of `(Sumber: X)`, if the caption has a credit
    credit: str | None


def parse_caption(line: str, pats: _Patterns) -> Caption | None:
    """Split a clean line ``| text (Label: credit) |``; None when it is not a caption."""
    if len(line) < 2 or line[0] != "|" or line[-1] != "|":
        return None
    end = len(line) - 1
    m = pats.credit.search(line, 1, end) if pats.credit is not None else None
    text_end = m.start() if m else end
    start = 1
    while start < text_end and line[start] == " ":
        start += 1
    while text_end > start and line[text_end - 1] == " ":
        text_end -= 1
    if m is None:
        return Caption(start, text_end, None, None)
    return Caption(start, text_end, m.span("wrap"), m.group("credit") or None)


def _alternation(labels: Iterable[str]) -> str | None:
    escaped = [regex.escape(label) for label in labels]
    return "|".join(sorted(escaped, key=len, reverse=True)) if escaped else None


@cache
def patterns(languages: tuple[str, ...]) -> _Patterns:
    """Artifact regexes built from the lang.toml data of ``languages``."""
    flags = regex.IGNORECASE | regex.MULTILINE | regex.V1
    h = r"[^\S\n]*"  # horizontal whitespace (includes \r of CRLF files)
    placeholders = merged_config_list(languages, "placeholder_patterns")
    trailer = _alternation(merged_config_list(languages, "trailer_labels"))
    counter = _alternation(merged_config_list(languages, "comment_counter_labels"))
    credit = _alternation(merged_config_list(languages, "caption_credit_labels"))
    return _Patterns(
        placeholder=(
            regex.compile("|".join(f"(?:{p})" for p in placeholders), flags)
            if placeholders
            else None
        ),
        trailer=(
            regex.compile(
                rf"^{h}(?P<body>(?:{trailer}){h}:{h}<?(?P<url>https?://[^\s<>]+)>?){h}$", flags
            )
            if trailer
            else None
        ),
        counter=(
            regex.compile(rf"^{h}(?P<body>(?:{counter}){h}\({h}\d+{h}\)){h}$", flags)
            if counter
            else None
        ),
        credit=(
            re.compile(
                rf"(?P<wrap>\( *(?:{credit}) *: *(?P<credit>[^()\n]*?) *\)) *$", re.IGNORECASE
            )
            if credit
            else None
        ),
    )


def languages_for(raw: RawArticle, settings: Settings) -> tuple[str, ...]:
    """The languages whose artifact data apply: all supported ones, plus a forced one."""
    langs = list(settings.supported_languages)
    if raw.lang and raw.lang not in langs:
        langs.append(raw.lang)
    return tuple(langs)


# --------------------------------------------------------------------------- detectors


def _line_artifacts(text: str, pats: _Patterns) -> tuple[list[_Edit], str | None]:
    edits: list[_Edit] = []
    url = None
    if pats.placeholder is not None:
        edits += [_Edit(*m.span(), "", "placeholder") for m in pats.placeholder.finditer(text)]
    if pats.trailer is not None:
        for m in pats.trailer.finditer(text):
            edits.append(_Edit(*m.span("body"), "", "trailer"))
            url = m.group("url")  # the last trailer names the article
    if pats.counter is not None:
        edits += [
            _Edit(*m.span("body"), "", "comment_counter") for m in pats.counter.finditer(text)
        ]
    return edits, url


def _diff_edits(src: str, fixed: str, offset: int, kind: str) -> list[_Edit]:
    """Minimal replaced spans turning ``src`` into ``fixed`` (both short: one token)."""
    ops = [op for op in difflib.SequenceMatcher(None, src, fixed, autojunk=False).get_opcodes()]
    spans: list[list[int]] = []
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            continue
        if i1 == i2:  # pure insertion: anchor it on a neighbouring raw character
            if i1 > 0:
                i1, j1 = i1 - 1, j1 - 1
            else:
                i2, j2 = i2 + 1, j2 + 1
        if spans and spans[-1][1] >= i1:
            spans[-1][1], spans[-1][3] = max(spans[-1][1], i2), max(spans[-1][3], j2)
        else:
            spans.append([i1, i2, j1, j2])
    return [
        _Edit(offset + i1, offset + i2, unicodedata.normalize("NFC", fixed[j1:j2]), kind)
        for i1, i2, j1, j2 in spans
    ]


def _redecode(m: re.Match[str]) -> str:
    """A 3-byte UTF-8 sequence shown as cp1252 back to its character, if it is one."""
    seq = m.group()
    data = bytes(ord(c) if ord(c) < 256 else c.encode("cp1252")[0] for c in seq)
    try:
        char = data.decode("utf-8")
    except UnicodeDecodeError:
        return seq
    return seq if unicodedata.category(char).startswith("C") else char


def _guess_lossy_o(m: re.Match[str]) -> str:
    """The likeliest Vietnamese letter for `á»` whose last byte was lost (see _LOSSY_O_RE)."""
    before, after = m.string[: m.start()], m.string[m.end() : m.end() + 1]
    if before.endswith(("Æ°", "Æ¯", "ư", "Ư")):
        return "ờ"  # ươ: người, trường
    if before[-1:] in ("i", "y", "I", "Y", "v", "V") or before.endswith(("Ä", "Ä‘", "Đ", "đ")):
        return "ề"  # iê/yê: nhiều, tiền, quyền; về, đề
    return "ờ" if after == "i" else "ọ"  # thời, lời; Ngọc, Trọng, Thọ, học


def _mojibake(text: str) -> list[_Edit]:
    if not _HIGH_RE.search(text):
        return []
    edits: list[_Edit] = []
    for m in _MOJIBAKE_TOKEN_RE.finditer(text):
        token = m.group()
        # An invisible character inside a mojibake sequence (`â\u200b€œ`) would hide it from
        # ftfy: repair the token without them, and log a deletion apart as `invisible`.
        visible = _ZERO_WIDTH_RE.sub("", token)
        if not _MAYBE_MOJIBAKE_RE.search(visible):
            continue  # `Café`, `à`: no UTF-8 lead character followed by a continuation
        fixed = _LOSSY_QUOTE_RE.sub("\u201d", visible)
        fixed = _LOSSY_D_RE.sub("\u0110", fixed)
        fixed = _LOSSY_O_RE.sub(_guess_lossy_o, fixed)
        fixed = _THREE_BYTE_RE.sub(_redecode, ftfy.fix_text(fixed, _FTFY_CONFIG))
        if fixed == visible:
            continue
        for e in _diff_edits(token, fixed, m.start(), "mojibake"):
            gone = text[e.start : e.end]
            invisible = not e.replacement and not _ZERO_WIDTH_RE.sub("", gone)
            edits.append(_Edit(e.start, e.end, e.replacement, "invisible") if invisible else e)
    return edits


def _normalization(text: str) -> list[_Edit]:
    if unicodedata.is_normalized("NFC", text):
        return []
    edits: list[_Edit] = []
    # segments between invisibles: those are removed, so an edit must not span one
    for m in _NFC_SEGMENT_RE.finditer(text):
        token = m.group()
        if not token.isascii() and not unicodedata.is_normalized("NFC", token):
            edits += _nfc_edits(token, m.start())
    return edits


def _nfc_edits(token: str, offset: int) -> list[_Edit]:
    """One edit per character cluster (a base and its combining marks) that NFC changes.

    A diff of the whole token against its NFC form can misalign around other scripts and give
    edits that overlap a foreign-script removal, which then wins and leaves the text unnormalized
    ("a<U+0300>" before a Devanagari fragment). Clusters keep each edit local; where composition
    crosses clusters (Hangul jamo), the whole token is one edit.
    """
    edits: list[_Edit] = []
    pieces: list[str] = []
    i = 0
    while i < len(token):
        j = i + 1
        while j < len(token) and unicodedata.combining(token[j]):
            j += 1
        chunk = token[i:j]
        fixed = unicodedata.normalize("NFC", chunk)
        if fixed != chunk:
            edits.append(_Edit(offset + i, offset + j, fixed, "normalization"))
        pieces.append(fixed)
        i = j
    if not unicodedata.is_normalized("NFC", "".join(pieces)):
        whole = unicodedata.normalize("NFC", token)
        return [_Edit(offset, offset + len(token), whole, "normalization")]
    return edits


def _invisible(text: str) -> list[_Edit]:
    """Invisible characters to drop; where one sits before a combining mark, its whole token.

    Dropping "a<U+200B><U+0300>" to "a<U+0300>" would leave text that is not NFC, so such a token
    is one "normalization" edit to its NFC form without the invisibles (it contains no other
    edit: invisible and normalization edits are the only ones inside a word).
    """
    edits: list[_Edit] = []
    merged_until = -1
    for m in _INVISIBLE_RE.finditer(text):
        start, end = m.span()
        if start < merged_until:
            continue
        if _JOINER_IN_SCRIPT_RE.fullmatch(text, max(start - 1, 0), end + 1):
            continue
        if end < len(text) and unicodedata.combining(text[end]):
            token = _ANY_TOKEN_RE.search(text, _token_start(text, start))
            if token is not None and token.start() <= start < token.end():
                bare = _INVISIBLE_RE.sub("", token.group())
                edits.append(
                    _Edit(*token.span(), unicodedata.normalize("NFC", bare), "normalization")
                )
                merged_until = token.end()
                continue
        edits.append(_Edit(start, end, "", "invisible"))
    return edits


def _token_start(text: str, i: int) -> int:
    """Start of the whitespace-delimited token holding position ``i``."""
    while i > 0 and text[i - 1] not in " \t\n\r":
        i -= 1
    return i


def _family(char: str) -> str:
    name = unicodedata.name(char, "")
    first = name.split(" ", 1)[0]
    return _NAME_TO_FAMILY.get(first, first)


def _dominant_family(text: str) -> str | None:
    """``LATIN``, another script family, or None when the text has no letters."""
    runs = _NON_LATIN_LETTERS_RE.findall(text)
    non_latin = sum(map(len, runs))
    if non_latin == 0 or 20 * non_latin < len(text):
        # Under 5% of the characters: Latin dominates unless the text is nearly letterless.
        return "LATIN"
    latin = len(text) - len(_LATIN_RE.sub("", text))
    if latin >= non_latin:
        return "LATIN"
    counts: dict[str, int] = {}
    seen = 0
    for run in runs:  # a sample is enough to name the dominant family
        for char in run:
            fam = _family(char)
            counts[fam] = counts.get(fam, 0) + 1
        seen += len(run)
        if seen > 20_000:
            break
    return max(counts, key=lambda k: counts[k]) if counts else None


@cache
def _foreign_run_re(family: str) -> regex.Pattern[str] | None:
    """Runs of letters of scripts other than Latin, Common, Inherited and ``family``."""
    own = ""
    if family != "LATIN":
        scripts = _FAMILY_SCRIPTS.get(family, (family.title(),))
        own = "".join(rf"\p{{Script={s}}}" for s in scripts)
        try:
            regex.compile(own)
        except regex.error:
            return None  # a script the regex module cannot name: do not judge it
    f = rf"[[\p{{L}}\p{{M}}\p{{Nd}}]--[\p{{Latin}}\p{{Common}}\p{{Inherited}}{own}]]"
    inner = rf"(?:{f}|\p{{Inherited}}|\u200c|\u200d)"
    joiner = r"(?:[ \t\u00a0]|[[\p{Common}&&\p{P}]--\p{ASCII}])+"
    return regex.compile(rf"{f}{inner}*(?:{joiner}{f}{inner}*)*", regex.V1)


def _framed(left: str, right: str) -> bool:
    """True when a bracket or quote pair tightly encloses the run (left/right of it, same line)."""
    for opener, closer in _FRAMES:
        i = left.rfind(opener)
        if i < 0 or (opener != closer and closer in left[i + 1 :]):
            continue
        if opener == closer and left.count(opener) % 2 == 0:
            continue  # the last straight quote on the left closes an earlier quotation
        j = right.find(closer)
        if j < 0 or (opener != closer and opener in right[:j]):
            continue
        before, after = left[i + 1 :].strip(), right[:j].strip()
        if (before and before[-1] not in _GLOSS_MARKS) or (after and after[0] not in _GLOSS_MARKS):
            continue  # other words touch the run: "(UN Women प्रचार)" is not a gloss
        if len(_LATIN_RE.findall(before + " " + after)) <= _MAX_FRAME_WORDS:
            return True
    return False


def _foreign_script(text: str) -> list[_Edit]:
    family = _dominant_family(text)
    run_re = _foreign_run_re(family) if family else None
    if run_re is None:
        return []
    edits: list[_Edit] = []
    passage_lines: dict[int, bool] = {}
    for m in run_re.finditer(text):
        start, end = m.span()
        ls = text.rfind("\n", 0, start) + 1
        le = text.find("\n", end)
        le = len(text) if le < 0 else le
        if ls not in passage_lines:
            line = text[ls:le]
            foreign = sum(len(_LETTER_RE.findall(r)) for r in run_re.findall(line))
            passage_lines[ls] = foreign >= _MIN_PASSAGE_LETTERS and 2 * foreign >= len(
                _LETTER_RE.findall(line)
            )
        if passage_lines[ls] or _framed(text[ls:start], text[end:le]):
            continue
        edits.append(_Edit(start, end, "", "foreign_script"))
    return edits


# --------------------------------------------------------------------------- applying edits


def _resolve(edits: list[_Edit]) -> list[_Edit]:
    """Drop proposals overlapping a higher-priority one; return the rest sorted by start."""
    edits.sort(key=lambda e: (_PRIORITY[e.kind], e.start, -e.end))
    starts: list[int] = []
    kept: list[_Edit] = []
    for e in edits:
        i = bisect.bisect_right(starts, e.start)
        if i > 0 and kept[i - 1].end > e.start:
            continue
        if i < len(kept) and kept[i].start < e.end:
            continue
        starts.insert(i, e.start)
        kept.insert(i, e)
    return kept


def _apply(
    text: str, edits: Sequence[_Edit], offsets: Sequence[int] | None
) -> tuple[str, list[int]]:
    """Apply sorted, disjoint edits; ``offsets`` maps ``text`` to raw (None: identity)."""
    parts: list[str] = []
    out: list[int] = []
    pos = 0
    for e in edits:
        if pos < e.start:
            parts.append(text[pos : e.start])
            out.extend(range(pos, e.start) if offsets is None else offsets[pos : e.start])
        if e.replacement:
            parts.append(e.replacement)
            anchor = e.start if offsets is None else offsets[e.start]
            out.extend([anchor] * len(e.replacement))
        pos = e.end
    parts.append(text[pos:])
    out.extend(range(pos, len(text)) if offsets is None else offsets[pos:])
    return "".join(parts), out


def _whitespace_edits(text: str) -> list[_Edit]:
    """Strip the text, collapse runs to one space, or to one newline when they break a line."""
    body_start = len(text) - len(text.lstrip(_WS_CHARS))
    body_end = len(text.rstrip(_WS_CHARS))
    if body_end <= body_start:
        return [_Edit(0, len(text), "", "whitespace")] if text else []
    edits = [_Edit(0, body_start, "", "whitespace")] if body_start else []
    for m in _WS_FIX_RE.finditer(text, body_start, body_end):
        run = m.group()
        breaks = [i for i, c in enumerate(run) if c in _LINE_BREAKS]
        if not breaks:
            if run != " ":
                edits.append(_Edit(m.start(), m.end(), " ", "whitespace"))
            continue
        if breaks[0]:  # keep the offset of the line break itself
            edits.append(_Edit(m.start(), m.start() + breaks[0], "", "whitespace"))
        if run[breaks[0] :] != "\n":
            edits.append(_Edit(m.start() + breaks[0], m.end(), "\n", "whitespace"))
    if body_end < len(text):
        edits.append(_Edit(body_end, len(text), "", "whitespace"))
    return edits


class RawSpans:
    """Maps clean spans of one article to raw spans.

    A clean character that replaced a raw span (mojibake, NFC) points at the start of that
    span; when such a character ends a clean span, the raw end is the end of the replaced span.
    """

    def __init__(self, article: CleanArticle) -> None:
        self._offsets = article.raw_offsets
        self._ends = {
            r.raw_start: r.raw_end
            for r in article.removals
            if r.replacement and r.kind in REPLACING_KINDS
        }

    def __call__(self, start: int, end: int) -> tuple[int, int]:
        """``(raw_start, raw_end)`` of the clean span ``[start, end)``; empty spans stay empty."""
        if end <= start:
            return self._offsets[start], self._offsets[start]
        last = self._offsets[end - 1]
        return self._offsets[start], max(last + 1, self._ends.get(last, 0))


def clean(raw: RawArticle, settings: Settings) -> CleanArticle:
    """Return the cleaned article with raw offsets and every removal logged."""
    text = raw.text
    pats = patterns(languages_for(raw, settings))
    edits, url = _line_artifacts(text, pats)
    edits += _mojibake(text)
    edits += _foreign_script(text)
    edits += _invisible(text)
    edits += _normalization(text)
    kept = _resolve(edits)

    stage1, offsets1 = _apply(text, kept, None) if kept else (text, None)
    clean_text, offsets = _apply(stage1, _whitespace_edits(stage1), offsets1)
    offsets.append(len(text))

    removals = [Removal(e.kind, text[e.start : e.end], e.replacement, e.start, e.end) for e in kept]
    article = CleanArticle(raw, clean_text, tuple(offsets), tuple(removals), url)
    credits = _caption_credits(article, pats)
    if credits:
        removals = sorted([*removals, *credits], key=lambda r: (r.raw_start, r.raw_end))
        article = CleanArticle(raw, clean_text, article.raw_offsets, tuple(removals), url)
    return article


def _caption_credits(article: CleanArticle, pats: _Patterns) -> list[Removal]:
    """Credit wrappers of caption lines: segment moves the credit to Block.credit.

    The wrapper stays in the clean text (segment needs it to split caption and credit); the row
    makes the move visible in removals.csv, so the label `(Sumber: …)` is never lost silently.
    """
    out = []
    spans = RawSpans(article)
    for line in _PIPE_LINE_RE.finditer(article.text):
        cap = parse_caption(line.group(), pats)
        if cap is None or cap.wrap is None:
            continue
        rs, re_ = spans(*(line.start() + i for i in cap.wrap))
        out.append(Removal("caption_credit", article.raw.text[rs:re_], "", rs, re_))
    return out
