"""Quotes: direct quotes and their speakers.

A quotation mark pair (quote_marks.tsv) is only a *quote* when it is attributed or stands as a
sentence of its own; a quoted title or campaign name in the middle of a sentence is not:

1. a cue (cue_verbs.txt) next to the quote, with the speaker on either side of the cue:
   ``"…," kata X`` / ``"…," X said`` / ``"…," ujarnya`` after the quote, or
   ``X said: "…"`` / ``menurut X, "…"`` before it;
2. otherwise the quote must fill its sentence (nothing before it since the sentence start and
   nothing after it but the sentence end). Such a quote has no cue; its speaker is the speaker of
   the quote just before it when that one is in the same or the previous block (the journalistic
   "continued quote"), else unknown.

Multi-paragraph quotes: a block that opens a quote and does not close it continues into the
next block when that block starts with an opening mark (the convention of repeating the opening
mark on each paragraph) or closes the quote before opening another; photo captions in between
are passed over. ``start`` is in the first
block; ``end`` counts in the first block's text joined to the following ones with "\\n" (see
tables.QUOTES); ``text`` is the quoted words, the repeated opening marks and a trailing comma
left out.

The speaker is resolved to a person by name (full name or any word of it, the most recently
named person first) or, for a pronoun (pronouns.txt) or a cue with a pronoun clitic
("ujarnya"), to the last person named before the quote.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc

from pipeline.records import Block, Entity, Person, Quote
from pipeline.settings import Settings
from pipeline.stages.people import (
    BlockParser,
    PeopleLexicon,
    Trie,
    block_entities,
    name_key,
    names_compatible,
    people_lexicon,
    tokenize,
)

SENTENCE_END = ".!?"
MAX_GAP = 2  # words allowed between a speaker and the cue: "Wang also said", "he told"
MAX_BEFORE = 16  # tokens searched back for a cue before the quote (a name and its apposition)
MAX_OBJECT_COLON = 10  # any words between a cue and the colon that ends its sentence
MAX_OBJECT = 5  # lower-case words between a cue and a colon: "said at a regular briefing:"
# (three without a colon: "told the court "…"" but not a scare quote after "said it was")


@dataclass(slots=True)
class _Raw:
    """A quotation mark pair: segments ``(block index, start, end)`` of the quoted words."""

    segments: list[tuple[int, int, int]] = field(default_factory=list)
    open_at: int = 0  # index of the opening mark in the first block
    close_at: int | None = None  # index just after the closing mark in the last block


@cache
def _opening_re(openers: str) -> re.Pattern[str]:
    return re.compile("[" + re.escape(openers) + "]")


def find_quoted(blocks: Sequence[Block], lex: PeopleLexicon) -> list[_Raw]:
    """Every quotation-mark pair of the article, multi-paragraph ones joined.

    The scan jumps from mark to mark (a regex for the opening marks, ``str.find`` for the
    closing one) instead of looking at every character.
    """
    closing = dict(lex.quote_marks)
    opening = _opening_re("".join(closing))
    out: list[_Raw] = []
    cur: _Raw | None = None
    close_ch = ""
    for bi, block in enumerate(blocks):
        text = block.text
        i = 0
        seg_start = 0
        if cur is not None and block.kind == "caption":
            continue  # a photo caption set between the paragraphs of a quote
        if cur is not None:
            stripped = len(text) - len(text.lstrip())
            if stripped < len(text) and text[stripped] in closing:
                i = seg_start = stripped + 1
            elif (
                close_ch not in closing  # curly marks: the closing one cannot be an opening one
                and close_ch in text
                and not any(o in text[: text.index(close_ch)] for o in closing)
            ):
                i = seg_start = 0
            else:
                out.append(cur)  # never closed: it ends with its paragraph
                cur = None
        while i < len(text):
            if cur is None:
                m = opening.search(text, i)
                if m is None:
                    break
                i = m.start()
                if i == 0 or not text[i - 1].isalnum():
                    cur = _Raw(open_at=i)
                    close_ch = closing[text[i]]
                    seg_start = i + 1
                i += 1
            else:
                k = text.find(close_ch, max(i, seg_start + 1))
                if k < 0:
                    break
                cur.segments.append((bi, seg_start, k))
                cur.close_at = k + 1
                out.append(cur)
                cur = None
                i = k + 1
        if cur is not None:
            cur.segments.append((bi, seg_start, len(text)))
    if cur is not None:
        out.append(cur)
    return [q for q in out if q.segments]


# --------------------------------------------------------------------------- attribution


@dataclass(frozen=True, slots=True)
class _Attribution:
    cue: str
    speaker: str | None
    kind: str  # name | pronoun | other | none


def _range(parser: BlockParser, a: int, b: int) -> tuple[int, int]:
    idx = [k for k, t in enumerate(parser.toks) if t.start >= a and t.end <= b]
    return (idx[0], idx[-1] + 1) if idx else (0, 0)


def _cue(parser: BlockParser, k: int, limit: int) -> tuple[int, str, bool] | None:
    """``(end, cue, has pronoun clitic)`` of a cue at token ``k``."""
    m = parser.lex.cues.longest(parser.toks, k, limit)
    if m:
        return m[0], parser.span_text(k, m[0]), False
    t = parser.tok(k)
    if t is not None and k < limit:
        for clitic in parser.lex.clitics:
            stem = t.low.removesuffix(clitic)
            if stem != t.low and parser.lex.cues.longest(tokenize(stem), 0):
                return k + 1, t.text, True
    return None


def _speaker(parser: BlockParser, k: int, limit: int) -> tuple[int, str, str] | None:
    """``(end, text, kind)`` of a speaker at ``k``: a pronoun, or a name after any titles."""
    t = parser.tok(k)
    if t is None or k >= limit:
        return None
    if t.low in parser.lex.pronouns:
        return k + 1, t.text, "pronoun"
    j = k
    owner = j  # "said CHR spokesperson Jacqueline de Guia": an acronym or body owns the title
    while owner < limit and owner - k < 3 and (
        parser.toks[owner].is_acronym or owner in parser.other
    ):
        owner += 1
    if owner > k and parser.role(owner, limit) and not parser.toks[owner].is_cap:
        j = owner
    while (m := parser.honorific_or_rank(j, limit)) is not None:
        j = m[0]
    r = parser.role(j, limit)
    if r:
        q = r[0]
        while q < limit and q - r[0] < 3 and parser.qualifier(q):
            q += 1  # "kata peneliti utama | BRIN, Prof. Dr. X,"
        apposed = _apposed_after_title(parser, q, limit)
        if apposed is not None:
            return apposed
    if r and (parser.toks[j].is_cap or parser.name_token(r[0])):  # "ujar hakim ketua Asmudi"
        j = r[0]
        while (m := parser.honorific_or_rank(j, limit)) is not None:
            j = m[0]
        if parser.org_head(j) is not None:
            j = parser.org_phrase(j, limit)
        j = parser.trailing_org_run(j, parser.name_run(j, limit))
    e = parser.name_run(j, limit)
    # a piece of a longer place or organisation is no name: "Trisakti" of "Trisakti University"
    piece = any(a < e and j < b and (a < j or b > e) for a, b in parser.spans)
    if e > j and not piece:
        return e, parser.span_text(j, e), "name"
    return None


def _apposed_after_title(parser: BlockParser, j: int, limit: int) -> tuple[int, str, str] | None:
    """"kata Kepala Balai Besar Konservasi Sumber Daya Alam Papua, Johny Santoso Silaban,":
    after a title, its organisation in capitalised words, then the name between commas."""
    x = j
    while x < limit and x - j < 12 and (
        parser.cap(x) or (parser.toks[x].low in parser.lex.glue and parser.cap(x + 1))
    ):
        x += 1
    if x == j or not parser.is_text(x, ","):
        return None
    n = x + 1
    while (m := parser.honorific_or_rank(n, limit)) is not None:
        n = m[0]  # "…, Prof. Dr. Yudhistira Nugraha,"
    e = parser.name_run(n, limit)
    closed = e == limit or parser.is_text(e, ",", ".")
    if e > n and closed:
        return e, parser.span_text(n, e), "name"
    return None


def _after(parser: BlockParser, a: int, b: int) -> _Attribution | None:
    """Attribution right after the quote: ``, kata X`` / ``, X said`` / ``, ujarnya``."""
    i, j = _range(parser, a, b)
    while i < j and parser.toks[i].text in ",—–-":
        i += 1
    if i >= j:
        return None
    cue = _cue(parser, i, j)
    if cue:
        if cue[2]:
            return _Attribution(cue[1], "-" + parser.lex.clitics[0], "pronoun")
        sp = _speaker(parser, cue[0], j)
        if sp:
            return _Attribution(cue[1], sp[1], sp[2])
        tail = parser.span_text(cue[0], min(j, cue[0] + 5)).strip(" ,")
        return _Attribution(cue[1], tail or None, "other" if tail else "none")
    sp = _speaker(parser, i, j)
    start = sp[0] if sp else i
    for k in range(start, min(j, start + MAX_GAP + (0 if sp else 4) + 1)):
        if parser.toks[k].text in SENTENCE_END + ",":
            break
        cue = _cue(parser, k, j)
        if cue:
            if sp:
                return _Attribution(cue[1], sp[1], sp[2])
            other = parser.span_text(i, k).strip()
            return _Attribution(cue[1], other or None, "other" if other else "none")
    return None


def _before(parser: BlockParser, a: int, b: int) -> _Attribution | None:
    """Attribution right before the quote: ``X said: "`` / ``menurut X, "``."""
    i, j = _range(parser, a, b)
    colon = j > i and parser.toks[j - 1].text == ":"
    while j > i and parser.toks[j - 1].text in ":,":
        j -= 1
    if j <= i:
        return None
    for k in range(j - 1, max(i, j - MAX_BEFORE) - 1, -1):
        cue = _cue(parser, k, j)
        if cue is None:
            continue
        if cue[2] and cue[0] == j:
            return _Attribution(cue[1], "-" + parser.lex.clitics[0], "pronoun")
        sp = _speaker(parser, cue[0], j)
        if (
            sp
            and (sp[0] == j or parser.is_text(sp[0], ",") or _body_tail(parser, sp[0], j, True))
            and k == _clause_start(parser, i, k)
        ):
            # "menurut X," / "according to X," / "according to X, chairman of Y,"
            return _Attribution(cue[1], sp[1], sp[2])
        if sp is None and cue[0] < j and k == _clause_start(parser, i, k) == i:
            # "Menurut seorang pedagang yang enggan disebut namanya, "…"": no name given
            return _Attribution(cue[1], parser.span_text(cue[0], j), "other")
        # "X said:" / "X mengatakan bahwa" / "X told the court:"
        if cue[0] >= j - 1 or (
            j - cue[0] <= (MAX_OBJECT if colon else 3)
            and all(t.is_word and t.text.islower() for t in parser.toks[cue[0] : j])
        ) or (
            # "told the Criminal Court:", "urged parents in rural areas to be vigilant:": a
            # colon before the quote marks it as speech, whatever the object holds
            colon
            and j - cue[0] <= MAX_OBJECT_COLON
            and all(t.is_word or t.text in "-'’" for t in parser.toks[cue[0] : j])
        ):
            if parser.is_text(k - 1, ","):
                # "Juru bicara Kantor …, Bernardo Rafaelito Alejandro, mengatakan …:": the name
                # between the last two commas is the subject, maybe before an age ("A resident
                # of X, Rokiah Yusof, 58, said:")
                close = k - 1
                if parser.is_text(k - 3, ",") and parser.toks[k - 2].text.isdigit():
                    close = k - 3
                c2 = next(
                    (x for x in range(close - 1, max(i, close - 9) - 1, -1)
                     if parser.is_text(x, ",")),
                    None,
                )
                sp = _speaker(parser, c2 + 1, close) if c2 is not None else None
                if sp and sp[0] == close:
                    return _Attribution(cue[1], sp[1], sp[2])
            # "…, seorang petugas berteriak, "…"": a described, unnamed subject
            cs = _clause_start(parser, i, k)
            if cs < k and parser.toks[cs].low in parser.lex.determiners and all(
                parser.toks[x].is_word and not parser.toks[x].is_cap for x in range(cs, k)
            ):
                return _Attribution(cue[1], parser.span_text(cs, k), "other")
            # "Striker asal Brasil itu mengatakan, "…"": a description closed by a
            # demonstrative (demonstratives.txt) points back like a pronoun
            if cs < k - 1 and parser.toks[k - 1].low in parser.lex.demonstratives and all(
                parser.toks[x].is_word for x in range(cs, k)
            ):
                return _Attribution(cue[1], parser.span_text(cs, k), "pronoun")
            # "X, executive director of Y, said:": the subject before the apposition
            near = range(max(i, k - 8), k) if not parser.is_text(k - 1, ",") else range(0)
            for s in near:
                sp = _speaker(parser, s, k)
                if sp and (k - MAX_GAP <= sp[0] <= k or _body_tail(parser, sp[0], k)):
                    return _Attribution(cue[1], sp[1], sp[2])
            # "X, speaking after casting his vote, said:": the subject opens the sentence
            for s in range(i, k):
                sp = _speaker(parser, s, k)
                if sp:
                    return _Attribution(cue[1], sp[1], sp[2])
            return _Attribution(cue[1], None, "none")
        return None
    return None


def _body_tail(parser: BlockParser, a: int, k: int, capitalised: bool = False) -> bool:
    """Tokens ``a:k`` are a connector and an organisation or place: "X | of Trisakti
    University | said"; with ``capitalised``, any capitalised words the NER did not tag will do
    ("according to Alex Au | of Transient Workers Count Too |, "…"")."""
    t = parser.tok(a)
    return (
        t is not None
        and a + 1 < k
        and t.low in parser.lex.role_org_connectors
        and all(x in parser.other or (capitalised and parser.cap(x)) for x in range(a + 1, k))
    )


def _clause_start(parser: BlockParser, i: int, k: int) -> int:
    """First token of the clause holding token ``k`` (after the last comma before it)."""
    while k > i and not parser.is_text(k - 1, ","):
        k -= 1
    return k


def _sentence_bounds(text: str, open_at: int) -> int:
    """Start of the sentence holding the opening mark at ``open_at``."""
    k = open_at
    while k > 0 and text[k - 1] not in SENTENCE_END:
        k -= 1
    return k


def _post_end(
    text: str, close_at: int, openers: str, abbreviations: frozenset[str] = frozenset()
) -> int:
    """End of the sentence after the closing mark at ``close_at``.

    A period followed by a lower-case word closes an abbreviation, not the sentence:
    `"…," President Ferdinand Marcos Jr. said`; so does one after a listed abbreviation or an
    initial (`kata …, Prof. Dr. Yudhistira Nugraha`).
    """
    k = close_at
    while k < len(text) and text[k] not in openers:
        if text[k] in SENTENCE_END:
            nxt = text[k + 1 : k + 3]
            word = text[max(close_at, k - 6) : k].split()[-1:] if text[k] == "." else []
            short = bool(word) and (
                word[0] in abbreviations or (len(word[0]) == 1 and word[0].isupper())
            )
            if not (text[k] == "." and nxt[:1] == " " and (nxt[1:].islower() or short)):
                break
        k += 1
    return k


# --------------------------------------------------------------------------- speakers


class _People:
    """Where each person is named, to resolve a speaker's name or pronoun."""

    def __init__(self, blocks: Sequence[Block], people: Sequence[Person], lex: PeopleLexicon):
        self.blocks = blocks
        self.people = people
        self.lex = lex
        self.keys = [
            (name_key(n), p.person_id) for p in people for n in (p.name, *p.aliases)
        ]
        self._named: list[tuple[int, int, int]] | None = None

    @property
    def named(self) -> list[tuple[int, int, int]]:
        """``(block index, offset, person_id)`` of every naming, sorted; built on first use
        only, as most articles have no quote to resolve."""
        if self._named is None:
            self._named = self._scan()
        return self._named

    def _scan(self) -> list[tuple[int, int, int]]:
        trie = Trie()
        for p in self.people:
            for alias in p.aliases:
                trie.add(alias, p.person_id)
            trie.add(p.name, p.person_id)
            for w in tokenize(p.name):
                if w.is_cap and len(w.text) >= 2 and w.low not in self.lex.particles:
                    trie.add(w.text, p.person_id)
        named: list[tuple[int, int, int]] = []
        if not trie.root:
            return named
        for bi, b in enumerate(self.blocks):
            toks = tokenize(b.text)
            k = 0
            while k < len(toks):
                m = trie.longest(toks, k)
                if m and toks[k].is_cap:
                    for pid in sorted(set(m[1])):
                        named.append((bi, toks[k].start, pid))
                    k = m[0]
                else:
                    k += 1
        named.sort()
        return named

    def last_before(self, bi: int, offset: int) -> int | None:
        """The person a pronoun speaker refers to: the last one named before the quote, unless
        an unnamed source was introduced after that naming ("Seorang pengepul yang enggan
        disebut namanya … "…," katanya")."""
        before = [n for n in self.named if (n[0], n[1]) < (bi, offset)]
        if not before:
            return None
        unnamed = self._unnamed_before(bi, offset)
        if unnamed is not None and unnamed > (before[-1][0], before[-1][1]):
            return None
        return before[-1][2]

    def _unnamed_before(self, bi: int, offset: int) -> tuple[int, int] | None:
        """``(block index, offset)`` of the last unnamed-source phrase before the quote, in its
        block or the one before."""
        for b in (bi, bi - 1):
            if b < 0:
                break
            toks = tokenize(self.blocks[b].text)
            found = [
                t.start
                for k, t in enumerate(toks)
                if (b < bi or t.start < offset) and self.lex.unnamed_sources.longest(toks, k)
            ]
            if found:
                return b, found[-1]
        return None

    def by_name(self, name: str, bi: int, offset: int) -> int | None:
        key = name_key(name)
        cands = {pid for k, pid in self.keys if names_compatible(key, k)}
        if not cands:
            return None
        if len(cands) == 1:
            return next(iter(cands))
        before = [n for n in self.named if n[2] in cands and (n[0], n[1]) <= (bi, offset)]
        return before[-1][2] if before else min(cands)


def extract_quotes(
    blocks: Sequence[Block],
    docs: Sequence[Doc],
    people: Sequence[Person],
    entities: Sequence[Entity],
    lang: str,
    settings: Settings,
) -> tuple[Quote, ...]:
    """Attributed or sentence-level direct quotes, with speakers resolved where possible."""
    lex = people_lexicon(lang)
    openers = "".join(o for o, _ in lex.quote_marks)
    quoted = find_quoted(blocks, lex)
    if not quoted:
        return ()
    parsers = [BlockParser(b.text, lex) for b in blocks]
    ents = block_entities(blocks, docs, entities)
    for b, p in zip(blocks, parsers, strict=True):
        p.set_entities(ents[b.block_id])  # a speaker is no organisation's or place's word
    who = _People(blocks, people, lex)
    out: list[Quote] = []
    last: tuple[int, int | None, str | None] | None = None  # (last block, speaker id, text)
    for q in quoted:
        first_bi = q.segments[0][0]
        last_bi, _, b = q.segments[-1]
        first_text, last_text = blocks[first_bi].text, blocks[last_bi].text
        att = None
        post_end = len(last_text)
        if q.close_at is not None:
            post_end = _post_end(last_text, q.close_at, openers, lex.abbreviations)
            att = _after(parsers[last_bi], q.close_at, post_end)
        sent_start = _sentence_bounds(first_text, q.open_at)
        if att is None:
            att = _before(parsers[first_bi], sent_start, q.open_at)
        speaker_id: int | None = None
        speaker_text = att.speaker if att else None
        if att is None:
            alone = not first_text[sent_start : q.open_at].strip(" \t|")
            closes = q.close_at is None or not last_text[q.close_at : post_end].strip(" \t,|")
            if not (alone and closes):
                continue  # a quoted term inside a sentence, with no cue: not a quote
            if last is not None and last[0] >= first_bi - 1:
                speaker_id, speaker_text = last[1], last[2]
        elif att.kind == "pronoun":
            speaker_id = who.last_before(first_bi, q.open_at)
        elif att.kind == "name" and att.speaker:
            speaker_id = who.by_name(att.speaker, last_bi, b)
        text, start, end = _quote_text(blocks, q)
        if not text:
            continue
        out.append(
            Quote(
                len(out),
                blocks[first_bi].block_id,
                speaker_id,
                speaker_text,
                att.cue if att else None,
                text,
                start,
                end,
            )
        )
        last = (last_bi, speaker_id, speaker_text)
    return tuple(out)


def _quote_text(blocks: Sequence[Block], q: _Raw) -> tuple[str, int, int]:
    """Quoted words without marks, and their start/end (end in the newline-joined blocks)."""
    parts = []
    for bi, s, e in q.segments:
        parts.append(blocks[bi].text[s:e])
    first_bi, start, _ = q.segments[0]
    last_bi, _, last_end = q.segments[-1]
    first = parts[0]
    lead = len(first) - len(first.lstrip())
    start += lead
    parts[0] = first.lstrip()
    tail = parts[-1].rstrip()
    trimmed = len(parts[-1]) - len(tail)
    if tail.endswith(","):
        tail, trimmed = tail[:-1].rstrip(), trimmed + len(tail) - len(tail[:-1].rstrip())
    parts[-1] = tail
    offset = sum(len(blocks[k].text) + 1 for k in range(first_bi, last_bi))
    end = offset + last_end - trimmed
    if len(parts) == 1:
        end = max(end, start)
    return "\n".join(p.strip() for p in parts), start, end
