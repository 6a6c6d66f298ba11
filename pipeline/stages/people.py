"""People: persons with honorific, rank, roles and organisations.

News in this genre names officials through a chain ``honorific/rank NAME, ROLE ORG, ORG`` or
``ROLE ORG NAME``. A statistical NER misses or mis-bounds such names often enough that the chain
itself must find them, so a person mention comes from any of:

- a PERSON entity of the entities stage (the cluster id is kept for merging);
- an honorific or rank (or a capitalised role title) followed by a capitalised name;
- a capitalised name followed by an apposition, parenthesis or relative clause holding a role;
- a later reference to a name already found (full name, first or last word).

Everything language-specific is data in ``pipeline/lang/<code>/``: honorifics.txt, ranks.tsv,
roles.tsv, role_modifiers.tsv, org_heads.txt, relative_markers.txt, role_org_connectors.txt,
org_parent_connectors.txt, name_connectors.txt, list_connectors.txt, role_determiners.txt,
name_particles.txt, name_stopwords.txt, place_prepositions.txt, portfolio_titles.txt,
portfolio_markers.txt, field_connectors.txt, role_target_connectors.txt, non_role_qualifiers.txt,
non_role_phrases.txt, body_nouns.txt, role_categories.txt, title_clitics.txt,
name_abbreviations.txt, name_prefixes.txt, demonstratives.txt, name_introducers.txt,
unnamed_sources.txt (quotes), demonyms.txt, place_role_titles.txt, possessive_suffixes.txt,
name_starts.txt, name_suffixes.txt, degrees.txt, place_directions.txt, and (read only) the
gazetteers of the entity stage (gazetteer_*.txt, rules_*.txt, rules_vi_surnames.txt), to split
a name the NER glued to a known place or organisation and to see where a name opens after a
portfolio. A role is only ever reported when it starts with a title from roles.tsv, so a
sentence without a title yields no role.
docs/people-and-quotes.md explains the rules and their limits.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

import regex
from spacy.tokens import Doc

from pipeline.lang import config, lexicon, mapping, named_by_portfolio
from pipeline.ner_rules import ORDINAL
from pipeline.records import Block, Entity, Person, Role
from pipeline.settings import Settings

TOKEN_RE = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:['’\-][\p{L}\p{M}\p{N}]+)*|\S")
PERSON_LABELS = frozenset({"PERSON", "PER"})
# Entities that can stand between a title and a name, or that a name cannot be part of. Other
# labels (WORK_OF_ART, DATE …) are too unreliable on names to veto one.
PLACE_ORG_LABELS = frozenset({"ORG", "LOC", "GPE", "FAC", "NORP"})
MAX_NAME_TOKENS = 6
SENTENCE_OPENERS = frozenset('.!?:;"“”|')


# --------------------------------------------------------------------------- tokens and tries


class Tok:
    """A word or punctuation mark of a block, with its character offsets.

    The derived attributes are computed once: the rules read them millions of times per
    thousand articles (see Part 2 of issue 4 in docs/people-and-quotes.md).
    """

    __slots__ = ("end", "has_digit", "is_acronym", "is_cap", "is_word", "low", "start", "text")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.low = text.lower()
        first = text[0]
        self.is_word = first.isalnum()
        self.is_cap = first.isupper()  # a capital letter (not a digit: "Komisi 1" is no name)
        self.is_acronym = len(text) >= 2 and text.isupper() and text.isalpha()
        # "U-23", "PK-12": codes, no names (most words are letters only: one C call decides)
        self.has_digit = not text.isalpha() and any(c.isdigit() for c in text)

    def __repr__(self) -> str:
        return f"Tok({self.text!r}, {self.start}, {self.end})"


@lru_cache(maxsize=512)  # the blocks and names of an article or two: a few MB at most
def tokenize(text: str) -> tuple[Tok, ...]:
    """Words (with inner apostrophes and hyphens) and single punctuation marks.

    Lexicon entries go through the same function, so "Dr." matches ``Dr`` ``.`` in the text
    whatever the spaCy tokenizer of a language does with abbreviations. Cached: the people and
    quotes stages tokenize the same blocks and names; the tokens are never modified.
    """
    out: list[Tok] = []
    pos = 0
    find = text.find
    for word in TOKEN_RE.findall(text):  # cheaper than match objects; only spaces between
        start = find(word, pos)
        pos = start + len(word)
        out.append(Tok(word, start, pos))
    return tuple(out)


class Trie:
    """Token-sequence trie over lower-cased tokens; payloads are kept per entry."""

    def __init__(self) -> None:
        self.root: dict[str, dict] = {}

    def add(self, entry: str, payload: object) -> None:
        node = self.root
        for tok in tokenize(entry):
            node = node.setdefault(tok.low, {})
        node.setdefault("\0", []).append(payload)

    def matches(self, toks: Sequence[Tok], i: int, limit: int | None = None) -> list[tuple]:
        """All ``(end, payloads)`` of entries starting at token ``i``, shortest first."""
        out: list[tuple] = []
        if i < 0 or i >= len(toks) or (node := self.root.get(toks[i].low)) is None:
            return out
        stop = len(toks) if limit is None else min(limit, len(toks))
        if i >= stop:
            return out
        j = i + 1
        while True:
            if "\0" in node:
                out.append((j, node["\0"]))
            if j >= stop or (node := node.get(toks[j].low)) is None:
                return out
            j += 1

    def longest(self, toks: Sequence[Tok], i: int, limit: int | None = None) -> tuple | None:
        """The longest ``(end, payloads)`` at token ``i`` (most calls fail on the first token)."""
        if i < 0 or i >= len(toks) or (node := self.root.get(toks[i].low)) is None:
            return None
        stop = len(toks) if limit is None else min(limit, len(toks))
        if i >= stop:
            return None
        best = None
        j = i + 1
        while True:
            if "\0" in node:
                best = (j, node["\0"])
            if j >= stop or (node := node.get(toks[j].low)) is None:
                return best
            j += 1


def _trie(entries: Iterable[tuple[str, object]]) -> Trie:
    trie = Trie()
    for entry, payload in entries:
        if entry:
            trie.add(entry, payload)
    return trie


@dataclass(frozen=True)
class PeopleLexicon:
    """The per-language data the people and quotes stages use, loaded once."""

    lang: str
    honorifics: Trie
    ranks: Trie  # payload: (as written entry, English)
    roles: Trie  # payload: English rendering
    modifiers: Trie  # payload: English rendering
    org_heads: Trie
    relative_markers: Trie
    rank_suffixes: Trie
    org_parent_connectors: Trie
    list_connectors: Trie
    cues: Trie
    unnamed_sources: Trie  # "yang enggan disebut namanya": a speaker the text does not name
    portfolio_titles: Trie
    portfolio_markers: Trie  # "Bidang": capitalised words after it are a portfolio
    field_connectors: frozenset[str]  # "of": "head of sustainability"
    title_clitics: tuple[str, ...]  # "nya": "kuasa hukumnya" is "kuasa hukum" + "nya"
    name_abbreviations: frozenset[str]  # "Moh", "Ma": given names shortened with a period
    name_prefixes: frozenset[str]  # "I", "Ni": capitalised words that open a name
    demonstratives: frozenset[str]  # "itu": after a title and capitalised words, no name
    name_introducers: Trie  # "bernama", "named": a personal name follows
    org_words: frozenset[str]  # "Foundation", "Holdings": words of bodies, never of names
    title_last_words: frozenset[str]  # last words of the roles, which such a clitic may follow
    non_role_phrases: Trie  # "anggota keluarga", "family member": a title word, no office
    body_nouns: Trie  # "a logistics firm": an organisation, though unnamed
    role_categories: Trie  # "pebulu tangkis | tunggal putri": a category, not the title's field
    function_words: frozenset[str]  # connectors, prepositions: lower case even in headlines
    abbreviations: frozenset[str]  # "Prof", "Dr", "Moh": a period after them ends no sentence
    name_suffixes: Trie  # "Jr.": the end of a name, with its period
    degrees: Trie  # "Sp.A", "PhD": between commas after a name, no name and no title
    org_prefixes: frozenset[str]  # "PT", "CV": legal forms; the words after them name a company
    place_titles: Trie  # "Kepala Desa": the next capitalised word is its place
    place_directions: Trie  # "Barat": continues that place ("Camat Amarasi Barat")
    place_role_titles: Trie  # "Gubernur": its place may join the role ([people] place_in_role)
    verb_prefixes: tuple[str, ...]  # "memvonis": a verb, no qualifier of a title
    clause_openers: frozenset[str]  # "yang", "who": a relative clause, no part of a title
    verb_min_length: int
    verb_suffixes: tuple[str, ...]  # "questioned", "saying": English verb forms, no qualifier
    verb_exceptions: frozenset[str]  # "media", "terorisme": prefixed like verbs, but nouns
    participles: tuple[str, ...]  # "ing": "a lawyer representing X" is a reduced relative
    known_places: Trie  # the places of the gazetteers alone
    known_names: Trie  # places and organisations of the gazetteers, to split a glued name off
    given_names: frozenset[str]
    name_starts: frozenset[str]  # given names and family names that open a name after a portfolio
    role_org_connectors: frozenset[str]
    name_connectors: frozenset[str]
    determiners: frozenset[str]
    particles: frozenset[str]
    stopwords: frozenset[str]
    place_prepositions: frozenset[str]
    pronouns: frozenset[str]
    clitics: tuple[str, ...]
    quote_marks: tuple[tuple[str, str], ...]
    possessives: tuple[str, ...]  # "'s": not part of a name, marks an owner before a title
    non_role_qualifiers: frozenset[str]  # "family" in "a family member"
    coordinators: frozenset[str]  # "dan", "and": close an enumeration inside a name
    head_final: bool  # organisation names put modifiers before the head ("Women's Union")
    # first words of honorifics/ranks and of roles/modifiers: most tokens are neither, and a
    # set test is much cheaper than the trie walks behind honorific_or_rank() and role()
    title_starts: frozenset[str] = frozenset()
    lower_titles: frozenset[str] = frozenset()  # honorifics written lower-case: "dr."
    role_starts: frozenset[str] = frozenset()

    @property
    def glue(self) -> frozenset[str]:
        """Lower-case words that never end a role or an organisation name."""
        return self.name_connectors | self.role_org_connectors | self.determiners


@cache
def people_lexicon(lang: str) -> PeopleLexicon:
    """Build the tries of ``lang`` from its data files (cached per process)."""

    def words(name: str) -> frozenset[str]:
        return frozenset(w.lower() for w in lexicon(lang, name))

    people_cfg: dict[str, Any] = config(lang).get("people", {})
    # name parts that also name an organisation ("Airlangga" of "Universitas Airlangga") are no
    # evidence of a person
    org_parts = {
        w for part in ("gazetteer_org", "rules_org") for e in lexicon(lang, part) for w in e.split()
    }
    given = frozenset(lexicon(lang, "gazetteer_person")) - org_parts
    return PeopleLexicon(
        lang=lang,
        honorifics=_trie((h, h) for h in lexicon(lang, "honorifics")),
        ranks=_trie((r, (r, en)) for r, en in mapping(lang, "ranks").items()),
        roles=_trie(mapping(lang, "roles").items()),
        modifiers=_trie(mapping(lang, "role_modifiers").items()),
        org_heads=_trie(
            (h, h) for h in (*lexicon(lang, "org_heads"), *lexicon(lang, "unit_heads"))
        ),
        relative_markers=_trie((m, m) for m in lexicon(lang, "relative_markers")),
        rank_suffixes=_trie((m, m) for m in lexicon(lang, "rank_suffixes")),
        org_parent_connectors=_trie((m, m) for m in lexicon(lang, "org_parent_connectors")),
        list_connectors=_trie((m, m) for m in lexicon(lang, "list_connectors")),
        cues=_trie((c, c) for c in lexicon(lang, "cue_verbs")),
        unnamed_sources=_trie((c, c) for c in lexicon(lang, "unnamed_sources")),
        portfolio_titles=_trie((t, t) for t in lexicon(lang, "portfolio_titles")),
        portfolio_markers=_trie((t, t) for t in lexicon(lang, "portfolio_markers")),
        field_connectors=words("field_connectors"),
        title_clitics=tuple(c.lower() for c in lexicon(lang, "title_clitics")),
        name_abbreviations=frozenset(lexicon(lang, "name_abbreviations")),
        name_prefixes=frozenset(lexicon(lang, "name_prefixes")),
        demonstratives=words("demonstratives"),
        name_introducers=_trie((t, t) for t in lexicon(lang, "name_introducers")),
        org_words=frozenset(lexicon(lang, "org_words")),
        title_last_words=frozenset(
            toks[-1].low for r in mapping(lang, "roles") if (toks := tokenize(r))
        ),
        non_role_phrases=_trie((t, t) for t in lexicon(lang, "non_role_phrases")),
        body_nouns=_trie((t, t) for t in lexicon(lang, "body_nouns")),
        role_categories=_trie((t, t) for t in lexicon(lang, "role_categories")),
        abbreviations=frozenset(
            w.rstrip(".")
            for part in ("honorifics", "name_abbreviations", "name_suffixes")
            for e in lexicon(lang, part)
            for w in e.split()
            if w.endswith(".") or part == "name_abbreviations"
        )
        | frozenset(
            w.rstrip(".") for e in mapping(lang, "ranks") for w in e.split() if w.endswith(".")
        ),
        function_words=frozenset(
            w.lower()
            for part in (
                "name_connectors", "role_org_connectors", "role_determiners",
                "place_prepositions", "relative_markers", "list_connectors",
            )
            for w in lexicon(lang, part)
            if " " not in w
        ),
        name_suffixes=_trie((t, t) for t in lexicon(lang, "name_suffixes")),
        degrees=_trie((t, t) for t in lexicon(lang, "degrees")),
        org_prefixes=frozenset(config(lang).get("entities", {}).get("org_prefix_words", [])),
        place_titles=_trie((t, t) for t in lexicon(lang, "place_titles")),
        place_directions=_trie((t, t) for t in lexicon(lang, "place_directions")),
        place_role_titles=_trie((t, t) for t in lexicon(lang, "place_role_titles")),
        verb_prefixes=tuple(people_cfg.get("verb_prefixes", [])),
        clause_openers=frozenset(w.lower() for w in people_cfg.get("clause_openers", [])),
        verb_min_length=int(people_cfg.get("verb_min_length", 0)),
        verb_suffixes=tuple(people_cfg.get("verb_suffixes", [])),
        participles=tuple(people_cfg.get("participle_suffixes", [])),
        verb_exceptions=frozenset(people_cfg.get("verb_exceptions", [])),
        known_places=_trie(
            (n, n) for part in ("gazetteer_loc", "rules_loc") for n in lexicon(lang, part)
        ),
        known_names=_trie(
            (n, n)
            for part in ("gazetteer_org", "gazetteer_loc", "rules_org", "rules_loc")
            for n in lexicon(lang, part)
        ),
        given_names=given,
        name_starts=frozenset(
            (
                *given,
                *lexicon(lang, "rules_vi_surnames"),
                *lexicon(lang, "name_starts"),
            )
        ),
        role_org_connectors=words("role_org_connectors") | words("role_target_connectors"),
        name_connectors=words("name_connectors"),
        determiners=words("role_determiners"),
        particles=words("name_particles"),
        stopwords=frozenset((*lexicon(lang, "name_stopwords"), *lexicon(lang, "demonyms"))),
        place_prepositions=words("place_prepositions"),
        pronouns=words("pronouns"),
        clitics=tuple(c.lower() for c in lexicon(lang, "pronoun_clitics")),
        quote_marks=tuple(mapping(lang, "quote_marks").items()),
        possessives=lexicon(lang, "possessive_suffixes"),
        non_role_qualifiers=words("non_role_qualifiers"),
        coordinators=words("name_connectors")
        & frozenset(c.lower() for c in lexicon(lang, "list_connectors") if " " not in c),
        head_final=bool(config(lang).get("entities", {}).get("org_extend_left", False)),
        title_starts=_first_words(
            (*lexicon(lang, "honorifics"), *mapping(lang, "ranks"))
        ),
        role_starts=_first_words((*mapping(lang, "roles"), *mapping(lang, "role_modifiers"))),
        lower_titles=frozenset(
            toks[0].text for h in lexicon(lang, "honorifics") if (toks := tokenize(h))
            and toks[0].text.islower()
        ),
    )


def _first_words(entries: Iterable[str]) -> frozenset[str]:
    return frozenset(toks[0].low for e in entries if (toks := tokenize(e)))


# --------------------------------------------------------------------------- block analysis


@dataclass(frozen=True, slots=True)
class RoleHit:
    """A role found next to a name, with character offsets of its evidence in the block."""

    role: str
    role_en: str | None
    organization: str | None
    parent_organization: str | None
    start: int
    end: int


@dataclass(slots=True)
class Mention:
    """One mention of a person in one block (token indices of the bare name)."""

    block_id: int
    s: int
    e: int
    name: str
    start: int
    end: int
    entity_id: int | None = None
    source: str = "ner"  # ner | title | apposition | speaker | reference
    initial: bool = False  # first word of a sentence: capitalisation is no evidence of a name
    honorific: str | None = None
    rank: str | None = None
    rank_en: str | None = None
    roles: list[RoleHit] = field(default_factory=list)


def split_title_clitics(toks: tuple[Tok, ...], lex: PeopleLexicon) -> tuple[Tok, ...]:
    """Split a possessive clitic off a lower-case title word ("kuasa hukumnya, X" is "kuasa
    hukum" + "nya"), so the title matches roles.tsv; other words, names among them ("Sonya"),
    are left whole."""
    if not lex.title_clitics:
        return toks
    out: list[Tok] | None = None
    clitics = lex.title_clitics
    for n, t in enumerate(toks):
        # one C call first: most words end in no clitic
        clitic = next(c for c in clitics if t.low.endswith(c)) if t.low.endswith(clitics) else ""
        stem = t.text[: -len(clitic)] if clitic else ""
        if clitic and t.text.islower() and stem in lex.title_last_words:
            if out is None:
                out = list(toks[:n])
            cut = t.end - len(clitic)
            out += [Tok(stem, t.start, cut), Tok(t.text[len(stem):], cut, t.end)]
        elif out is not None:
            out.append(t)
    return toks if out is None else tuple(out)


class BlockParser:
    """Rules over the tokens of one block; see the module docstring for the constructions."""

    def __init__(self, text: str, lex: PeopleLexicon) -> None:
        self.text = text
        self.lex = lex
        self.toks = split_title_clitics(tokenize(text), lex)
        self.n = len(self.toks)
        self.other: set[int] = set()  # tokens inside ORG/LOC entities
        self.named: set[int] = set()  # tokens inside any non-person entity (NORP, DATE, …)
        self.org_tokens: set[int] = set()  # tokens inside ORG entities
        self.person_starts: set[int] = set()  # first tokens of PERSON entities
        self.entity_end: dict[int, int] = {}  # first token of an ORG entity -> its end token
        self.spans: list[tuple[int, int]] = []  # token spans of the ORG/LOC entities
        self._starts: list[int] = []
        self._ends: list[int] | None = None
        # tokens of degrees between commas after a name: "Ayu Lestari, | Sp.A | ,"
        self.degree_after: dict[int, int] = {}
        for k, t in enumerate(self.toks):
            if t.text == "," and (d := lex.degrees.longest(self.toks, k + 1)) is not None and (
                d[0] >= self.n or self.toks[d[0]].text in ",.;)"
            ):
                self.degree_after[k] = d[0]
        self.degree_tokens = {
            x for k, e in self.degree_after.items() for x in range(k + 1, e)
        }

    def set_entities(self, ents: Iterable[tuple]) -> None:
        """Remember which tokens the NER put in non-person entities."""
        for start, end, _, is_person, label in ents:
            if is_person and (idx := self.overlapping(start, end)):
                self.person_starts.add(idx[0])
            if not is_person:
                self.named.update(self.overlapping(start, end))
            if label == "ORG":
                self.org_tokens.update(self.overlapping(start, end))
            if not is_person and label in PLACE_ORG_LABELS:
                idx = self.overlapping(start, end)
                self.other.update(idx)
                if idx:
                    self.spans.append((idx[0], idx[-1] + 1))
                if idx and label == "ORG":
                    self.entity_end[idx[0]] = idx[-1] + 1

    def overlapping(self, start: int, end: int) -> range:
        """Indices of the tokens overlapping characters ``start:end`` (binary search)."""
        if self._ends is None:
            self._starts = [t.start for t in self.toks]
            self._ends = [t.end for t in self.toks]
        return range(bisect_right(self._ends, start), bisect_left(self._starts, end))

    # -- small predicates ---------------------------------------------------------------

    def tok(self, i: int) -> Tok | None:
        return self.toks[i] if 0 <= i < self.n else None

    def is_text(self, i: int, *values: str) -> bool:
        return 0 <= i < self.n and self.toks[i].text in values

    def cap(self, i: int) -> bool:
        """A capitalised word (an upper-case first character is always a letter)."""
        return 0 <= i < self.n and self.toks[i].is_cap

    def org_head(self, i: int) -> int | None:
        """End of an organisation head word at ``i`` (capitalised, as written in running text)."""
        if not self.cap(i):
            return None
        m = self.lex.org_heads.longest(self.toks, i)
        return m[0] if m else None

    def honorific_or_rank(self, i: int, limit: int | None = None) -> tuple | None:
        """``(end, kind, written, en)`` of the longest honorific or rank at ``i``."""
        if not 0 <= i < self.n:
            return None
        t = self.toks[i]
        if t.low not in self.lex.title_starts or not (
            t.is_cap or t.text in self.lex.lower_titles
        ):
            return None
        best = None
        h = self.lex.honorifics.longest(self.toks, i, limit)
        if h:
            best = (h[0], "honorific", self.span_text(i, h[0]), None)
        r = self.lex.ranks.longest(self.toks, i, limit)
        if r and (best is None or r[0] > best[0]):
            end = r[0]
            while (suffix := self.lex.rank_suffixes.longest(self.toks, end, limit)) is not None:
                end = suffix[0]  # "Letjen TNI", "Irjen Pol.", "Mayjen TNI (Purn.)"
            best = (end, "rank", self.span_text(i, end), r[1][0][1] or None)
        return best

    def role(self, i: int, limit: int | None = None) -> tuple[int, str] | None:
        """``(end, English)`` of the longest role title at ``i``, a modifier composed in.

        "Wakil Kepala" is "Deputy Head" only if roles.tsv has no own line for it (a direct entry
        of the same length wins) and role_modifiers.tsv declares "Wakil".
        """
        best = self.bare_role(i, limit)
        if best is not None and self.ordinal(best[0], limit):
            # "Finance Minister II", "Wakil Ketua I DPRD": the numeral is part of the title
            numeral = self.toks[best[0]].text
            best = (best[0] + 1, f"{best[1]} {numeral}" if best[1] else best[1])
        return best

    def bare_role(self, i: int, limit: int | None = None) -> tuple[int, str] | None:
        """:meth:`role` without a numeral after the title."""
        if not 0 <= i < self.n:
            return None
        t = self.toks[i]
        if not t.is_word or t.low not in self.lex.role_starts:
            return None
        for x in range(max(0, i - 3), i + 1):
            m = self.lex.non_role_phrases.longest(self.toks, x)
            if m is not None and m[0] > i:
                return None  # "anggota keluarga", "family member"
        best = None
        direct = self.lex.roles.longest(self.toks, i, limit)
        if direct:
            best = (direct[0], direct[1][0])
        for mend, mods in self.lex.modifiers.matches(self.toks, i, limit):
            inner = self.bare_role(mend, limit)
            if inner and (best is None or inner[0] > best[0]):
                best = (inner[0], f"{mods[0]} {inner[1]}".strip())
        return best

    def ordinal(self, k: int, limit: int | None) -> bool:
        """A Roman numeral numbering the title before ``k``; "I" only before a capital or
        punctuation, as in English it is also the pronoun ("… Minister I met")."""
        if k >= (self.n if limit is None else limit):
            return False
        word = self.toks[k].text
        if ORDINAL.fullmatch(word):
            return True
        after = self.tok(k + 1)
        return word == "I" and (after is None or not after.is_word or after.is_cap)

    def span_text(self, i: int, j: int) -> str:
        return self.text[self.toks[i].start : self.toks[j - 1].end] if j > i else ""

    def skip_determiners(self, i: int) -> int:
        while self.tok(i) is not None and self.toks[i].low in self.lex.determiners:
            i += 1
        return i

    # -- names ---------------------------------------------------------------------------

    def name_token(self, i: int) -> bool:
        """A capitalised word that can be part of a personal name."""
        if not 0 <= i < self.n:
            return False
        t = self.toks[i]
        return (
            t.is_cap
            and not t.has_digit  # "U-23", "PK-12": no name
            and i not in self.degree_tokens
            and t.text not in self.lex.stopwords
            and self.org_head(i) is None
        )

    def name_run(self, i: int, limit: int | None = None) -> int:
        """End of the capitalised personal name starting at ``i`` (``i`` if there is none)."""
        stop = self.n if limit is None else limit
        if i < self.n and self.toks[i].is_acronym:
            return i  # "Ketua Umum PP PBSI": an acronym opens no name ("Mahfud MD" ends in one)
        j = i
        while j < stop and j - i < MAX_NAME_TOKENS:
            if j > i and self.honorific_or_rank(j):
                break  # "Bandung | Letkol Inf Faisal Rizal": a rank starts another name
            suffix = self.lex.name_suffixes.longest(self.toks, j, stop) if j > i else None
            if suffix is not None:
                j = suffix[0]  # "Marcos Jr.": the suffix and its period end the name
                break
            if self.name_token(j) and self.initial(j):
                j += 2  # "Johnny G. Plate": an initial keeps its period inside the name
            elif self.name_token(j) or (
                j > i
                and self.toks[j].low in self.lex.particles
                and self.toks[j].text.islower()
                and self.name_token(j + 1)
            ):
                j += 1
            else:
                break
        return j

    def after_place(self, i: int, e: int) -> int:
        """Start of the name in the run ``i:e`` after a listed place that opens it.

        "Menteri Pertahanan Thailand Phumtham Wechayachai", "Wali Kota Medan Rico Waas": the
        place belongs to the title; two name words must remain. After a title of
        place_titles.txt the first word is the place even if unlisted ("Kepala Desa Sukamaju
        Enjang Supriatna").
        """
        m = self.lex.known_places.longest(self.toks, i, e)
        if m is not None and e - m[0] >= 2:
            return m[0]
        titled = any(
            (t := self.lex.place_titles.longest(self.toks, x, i)) is not None and t[0] == i
            for x in range(max(0, i - 3), i)
        )
        if (
            titled
            and m is not None
            and e - m[0] == 1
            and self.lex.place_directions.longest(self.toks, m[0], e) is None
        ):
            return m[0]  # "Bupati Pati | Sudewo": a listed place, then a one-word name
        # (unless the NER reads a name from a known given name on: "Lurah Ahmad Fauzi Hasan")
        given = i in self.person_starts and self.toks[i].text in self.lex.given_names
        if titled and e - i == 1 and self.is_text(e, ","):
            return e  # "Lurah Pakansari, Dede Supriatna": the word is the place, the name follows
        d = self.lex.place_directions.longest(self.toks, i + 1, e) if titled else None
        if d is not None and e - d[0] >= 1:
            return d[0]  # "Camat Amarasi Barat | Dominggus Sabneno"
        return i + 1 if titled and e - i >= 3 and not given else i

    def whole_place(self, i: int, e: int) -> bool:
        """The run ``i:e`` is a listed place and nothing more ("Bupati Kolaka Timur nonaktif"),
        maybe with a compass word of place_directions.txt ("Amarasi Barat")."""
        m = self.lex.known_places.longest(self.toks, i, e)
        if m is not None and m[0] < e:
            d = self.lex.place_directions.longest(self.toks, m[0], e)
            return d is not None and d[0] == e
        return e > i and m is not None and m[0] == e

    def initial(self, j: int) -> bool:
        """A one-letter capital or a listed abbreviated given name ("Moh. Syaiful Anam", "Ma.
        Consuelo Castillo") and its period, with more of the name after it."""
        return (
            (len(self.toks[j].text) == 1 or self.toks[j].text in self.lex.name_abbreviations)
            and self.is_text(j + 1, ".")
            and self.name_token(j + 2)
            and not self.honorific_or_rank(j + 2)
        )

    # -- organisations -------------------------------------------------------------------

    def org_phrase(self, i: int, limit: int) -> int:
        """End of the organisation name starting at capitalised token ``i``."""
        j = i
        while j < limit:
            t = self.toks[j]
            if j > i and (
                self.toks[j - 1].is_acronym or self.toks[j - 1].has_digit
            ) and self.name_after_acronym(j, limit):
                break  # "Pusat Gempa Bumi dan Tsunami BMKG | Daryono.", "Timnas … U-23 | Gerald"
            if t.is_word and (t.is_cap or t.text.isdigit()):
                j += 1
                continue
            if t.text == "/" and j > i and self.cap(j + 1) and j + 1 < limit:
                j += 1  # "Kodim 0618/Kota Bandung"
                continue
            title = self.honorific_or_rank(j - 1) if t.text == "." and j > i else None
            if title is not None and title[0] == j + 1 and self.cap(j + 1) and j + 1 < limit:
                j += 1  # "RSUP Dr. Sardjito": a body named after a titled person
                continue
            if t.text == ",":
                listed = self.enumeration_end(j, limit)
                if listed is None:
                    break
                j = listed
                continue
            nxt = self.after_connectors(j)
            if t.low in self.lex.name_connectors and self.cap(nxt) and nxt < limit:
                if self.list_then_role(j) is not None:
                    break
                if self.honorific_or_rank(j + 1):
                    break
                j = nxt
                continue
            break
        while j > i and self.toks[j - 1].low in self.lex.name_connectors:
            j -= 1
        return max(j, min(limit, self.entity_end.get(i, j))) if j > i else j

    def before_named_unit(self, i: int, m: tuple[int, str], limit: int) -> tuple[int, str]:
        """The title without its last word when that word heads a unit with a name of its own.

        "Kepala Biro" is a title, but in "Kepala Biro Penerangan Masyarakat Divisi Humas Polri"
        the bureau is named, so it is the organisation, as the department is in "Wakil Direktur
        Departemen Keamanan Siber …": role "Kepala", and so in "Kepala | Seksi Intelijen
        Kejaksaan Negeri Bekasi". A fixed title of roles.tsv that holds its unit stays whole,
        the way news writes press officers: "Kepala Bidang Humas | Polda Metro Jaya".
        """
        end = m[0]
        if end - i < 2 or self.org_head(end - 1) != end:
            return m
        shorter = self.role(i, end - 1)
        if shorter is None or shorter[0] != end - 1:
            return m
        # the words of the unit's own name: capitalised, inside the entity that holds the head
        own = max((b for a, b in self.spans if a <= end - 1 < b), default=end)
        k, words = end, 0
        while k < limit:
            t = self.toks[k]
            free = k < own or k not in self.other
            if self.cap(k) and free and not t.is_acronym and self.org_head(k) is None:
                words += 1
            elif not (t.low in self.lex.name_connectors and self.cap(k + 1)):
                break
            k += 1
        # the name is closed by another body, an acronym, a comma or the end of the phrase
        closed = (
            k >= limit
            or not self.cap(k)
            or self.org_head(k) is not None
            or (self.toks[k].is_acronym and k not in self.other)
        )
        return shorter if words >= 1 and closed else m

    def plain_caps(self, k: int, limit: int) -> int:
        """End of up to three capitalised words at ``k`` with no organisation head, title or
        entity of their own: an item of an enumeration."""
        j = k
        while (
            j < limit
            and j - k < 3
            and self.cap(j)
            and j not in self.other
            and self.org_head(j) is None
            and not self.role(j)
            and not self.honorific_or_rank(j)
        ):
            j += 1
        return j

    def enumeration_end(self, j: int, limit: int) -> int | None:
        """End of ", Klimatologi, dan Geofisika" at the comma ``j``: capitalised items closed by
        a coordinator ("dan", "and") are one name ("Badan Meteorologi, Klimatologi, dan
        Geofisika", "Minister for Culture, Community and Youth"); None when it is no such list."""
        k = j
        while k < limit and self.is_text(k, ","):
            k += 1
            if k < limit and self.toks[k].low in self.lex.coordinators:
                end = self.plain_caps(k + 1, limit)
                return end if end > k + 1 else None
            end = self.plain_caps(k, limit)
            if end == k:
                return None
            k = end
            if k < limit and self.toks[k].low in self.lex.coordinators:
                end = self.plain_caps(k + 1, limit)
                return end if end > k + 1 else None
        return None

    def after_connectors(self, j: int) -> int:
        """First token after the run of connectors at ``j`` ("and the Pacific")."""
        k = j
        while k < self.n and k - j < 3 and self.toks[k].low in self.lex.glue:
            k += 1
        return k

    def has_org_head(self, i: int, j: int) -> bool:
        return any(self.org_head(k) is not None for k in range(i, j))

    def has_org_word(self, i: int, j: int) -> bool:
        """A word of bodies (org_words.txt: "Tbk", "Foundation") among tokens ``i:j``."""
        return any(self.toks[k].text in self.lex.org_words for k in range(i, j))

    def after_titles(self, k: int) -> int:
        """First token after the honorifics and ranks that start at ``k`` ("Irjen Pol | X")."""
        while (t := self.honorific_or_rank(k)) is not None:
            k = t[0]
        return k

    def split_org(self, i: int, j: int) -> tuple[tuple[int, int], tuple[int, int] | None]:
        """Split "Departemen X Kementerian Y" / "Department X of the Ministry Y" in two.

        The split is at a parent connector ("of the", "under", "di bawah") before a second
        organisation head. A second head with no connector ("Departemen Kerja Partai dan Politik
        Kementerian Keamanan Publik") is one name, as written; a comma-separated parent is
        found by ``parent_after``. Both parts keep at least two tokens so that "Kementerian
        Badan Usaha Milik Negara" stays whole.
        """
        heads = [k for k in range(i, j) if self.org_head(k) is not None]
        for p in reversed(heads[1:]):
            cut = p
            prev = max(h for h in heads if h < p)
            for k in range(p - 1, prev, -1):
                if self.lex.org_parent_connectors.longest(self.toks, k, p):
                    cut = k
                    break
            if cut == p:
                continue
            left_end = cut
            while left_end > i and not self.toks[left_end - 1].is_cap:
                left_end -= 1
            right_start = p
            if cut < p:
                right_start = self.skip_determiners(
                    self.lex.org_parent_connectors.longest(self.toks, cut, p)[0]
                )
                while right_start < p and not self.cap(right_start):
                    right_start += 1
            if left_end - i >= 2 and j - right_start >= 2:
                return (i, left_end), (right_start, j)
        return (i, j), None

    def org_at(self, i: int, limit: int, *, need_head: bool) -> tuple[int, int] | None:
        """An organisation name at ``i``: capitalised, and with a head word if ``need_head``."""
        if not self.cap(i) or self.honorific_or_rank(i):
            return None
        if self.role(i) and self.org_head(i) is None:
            return None
        j = self.org_phrase(i, limit)
        if j <= i:
            return None
        if need_head and not self.has_org_head(i, j):
            return None
        return i, j

    # -- roles ---------------------------------------------------------------------------

    def list_then_role(self, i: int) -> int | None:
        """Start of the next role if tokens at ``i`` are a list connector then a role title."""
        m = self.lex.list_connectors.longest(self.toks, i)
        if not m:
            return None
        k = self.skip_determiners(m[0])
        if self.role(k):
            return k
        # "the former prime minister and Perikatan Nasional chairman": an owner, then the title
        lead = self.role_lead(k, self.n) if self.lex.head_final and self.cap(k) else None
        if lead is None:
            return None
        # "… and Rural and Regional Development Minister": a portfolio before its title
        if lead[2] is None and (
            self.lex.portfolio_titles.longest(self.toks, lead[1]) is None
            or self.honorific_or_rank(k) is not None
            or any(not self.toks[x].is_word for x in range(k, lead[1]))
        ):
            return None
        r = self.role(lead[1])
        # not "…, and Garuda president director Wamildan …": a title before a name is its own
        return k if r is not None and not self.name_token(r[0]) else None

    def is_portfolio(self, i: int, j: int) -> bool:
        """The title ``i:j`` ends with a portfolio title (portfolio_titles.txt): "Menteri"."""
        return any(
            (m := self.lex.portfolio_titles.longest(self.toks, x, j)) is not None and m[0] == j
            for x in range(i, j)
        )

    def name_start(self, k: int) -> bool:
        """Token ``k`` opens a personal name followed by more of it: an initial ("K.
        Shanmugam"), a known given or family name ("Tran Van Thuan"). A portfolio is written
        in common nouns, so such a word after a portfolio title ends the portfolio."""
        t = self.tok(k)
        if t is None or not t.is_cap:
            return False
        if len(t.text) == 1 and self.is_text(k + 1, "."):
            return self.name_token(k + 2)
        return t.text in self.lex.name_starts and self.name_token(k + 1)

    def portfolio_end(self, j: int, limit: int, start: int | None = None) -> int:
        """"Minister for Trade and Industry": a capitalised title followed by a connector and
        capitalised words that are no organisation (no head, not an ORG entity) keeps them; so
        does a portfolio title ("Menteri") followed directly by such words ("Menteri Komunikasi
        dan Informatika", "Menteri Koordinator Bidang Politik, Hukum, dan Keamanan")."""
        marker = (
            self.lex.portfolio_markers.longest(self.toks, j, limit) if start is not None else None
        )
        if (
            start is not None
            and not self.lex.head_final  # "Prime Minister | and Rural … Minister": two titles
            and j < limit
            and self.toks[j].low in self.lex.coordinators
            and self.cap(j + 1)
            and self.list_then_role(j) is None
            and any(self.lex.portfolio_titles.longest(self.toks, x, j) for x in range(start, j))
        ):
            # "Wakil Menteri Perindustrian | dan Perdagangan X": a listed portfolio goes on
            marker = (j + 1, [])
        # "Deputi Bidang Meteorologi | BMKG": after a marker any title takes a portfolio
        first = marker[0] if marker and self.cap(marker[0]) else j
        if start is not None and self.cap(first) and first < limit and (
            first > j or self.is_portfolio(start, j)
        ):
            if first == j and self.toks[j].is_acronym and self.org_head(j) is None:
                return j + 1  # "Menteri BUMN": an acronym right after the title is the portfolio
            k = first
            # an entity the NER began at the marker does not end the portfolio, an acronym does
            own = max((b for a, b in self.spans if a <= j < b), default=j) if first > j else j
            while (
                k < limit
                and (k not in self.other or k < own)
                and not (first > j and k > first and self.toks[k].is_acronym)
                and self.org_head(k) is None
                and not self.honorific_or_rank(k)
                and self.lex.known_places.longest(self.toks, k, limit) is None
                and not (k > j and self.name_start(k))
            ):
                t = self.toks[k]
                if t.is_word and t.is_cap:
                    k += 1
                elif t.text == ",":
                    listed = self.enumeration_end(k, limit)
                    if listed is None:
                        break
                    k = listed
                elif (
                    t.low in self.lex.name_connectors
                    and self.cap(k + 1)
                    and self.list_then_role(k) is None
                ):
                    k += 1
                else:
                    break
            while k > first and not self.toks[k - 1].is_word:
                k -= 1
            if k > first:
                return k
        if j >= limit or self.toks[j].low not in self.lex.role_org_connectors:
            return j
        k = self.skip_determiners(j + 1)
        # after a portfolio title an ORG reading of the NER is not trusted ("Minister for
        # National Development"); an organisation head still makes it an organisation
        portfolio = start is not None and self.is_portfolio(start, j)
        if not self.cap(k) or (k in self.entity_end and not portfolio) or self.toks[k].is_acronym:
            return j
        end = self.org_phrase(k, limit)
        if portfolio:  # "Deputy Minister of Health | Tran Van Thuan"
            end = next((x for x in range(k + 1, end) if self.name_start(x)), end)
        if end <= k or self.has_org_head(k, end):
            return j
        if not portfolio and any(x in self.other for x in range(k, end)):
            return j
        return end

    def lower_role_end(self, j: int, limit: int) -> int:
        """A lower-case title takes up to three lower-case qualifiers when an organisation
        follows: "pengamat ekonomi dari Universitas Indonesia"."""
        k = self.field_end(j, limit)
        j = k
        while k < min(limit, j + 3) and self.toks[k].is_word and not self.toks[k].is_cap:
            if (
                self.toks[k].low in self.lex.role_org_connectors
                or self.toks[k].low in self.lex.clause_openers
                or self.toks[k].low in self.lex.place_prepositions
                or self.list_then_role(k)
            ):
                break
            k += 1
        if (
            j < k < limit
            and self.toks[k].low in self.lex.place_prepositions
            and all(self.qualifier(x) for x in range(j, k))
        ):
            return k  # "pedagang sayur | asal Cicalengka": the field, then where from
        connected = j < k < limit and self.toks[k].low in self.lex.role_org_connectors
        if (
            connected
            and self.cap(self.skip_determiners(k + 1))
            and all(self.qualifier(x) for x in range(j, k))  # not "… | dalam upacara | di …"
        ):
            return k
        # "Profesor hukum pidana Universitas Indonesia": qualifiers, then the organisation
        plain = all(self.qualifier(x) for x in range(j, k))
        if plain and j < k < limit and not self.lex.head_final and (
            self.org_head(k) is not None or k in self.entity_end or self.toks[k].is_acronym
        ):
            return k  # (an acronym names a body too: "Koordinator relawan | MDMC Banjarnegara")
        # where qualifiers follow the title, they may also close the phrase: "X, guru honorer,"
        nxt = self.tok(k)
        closed = k == limit or (
            nxt is not None and (nxt.text in ",;)" or nxt.low in self.lex.clause_openers)
        )
        plain = all(self.qualifier(x) for x in range(j, k))
        return k if closed and plain and j < k and not self.lex.head_final else j

    def field_end(self, j: int, limit: int) -> int:
        """End of the field of a lower-case title ("head | of sustainability", "professor | of
        economics at …"): a field connector, then one to three qualifiers with no determiner,
        closed by punctuation or a connector to a capitalised organisation."""
        if j >= limit or self.toks[j].low not in self.lex.field_connectors:
            return j
        k = j + 1
        while k < min(limit, j + 4) and self.qualifier(k) and self.toks[k].low not in (
            self.lex.determiners
        ) and self.toks[k].low not in self.lex.role_org_connectors:
            k += 1
        if k == j + 1:
            return j
        if k >= limit or self.toks[k].text in ",;)":
            return k
        nxt = self.skip_determiners(k + 1)
        connected = self.toks[k].low in self.lex.role_org_connectors and self.cap(nxt)
        return k if connected else j

    def role_ok(self, i: int, end: int, limit: int) -> bool:
        """A lower-case title counts only when it ends a phrase (", a lawyer,") or names its
        organisation ("a member of Parliament"); "a member of the public" has no title."""
        if self.toks[i].is_cap or self.cap(end - 1):
            return True  # "Ketua", or "mantan Menteri Keuangan"
        if end >= limit:
            return True
        end = self.lower_role_end(end, limit)
        if self.toks[end].low in self.lex.title_clitics:
            end += 1  # "kuasa hukum | nya ,"
            if end >= limit:
                return True
        if self.toks[end].low in self.lex.clause_openers:
            return True  # "pengacara | yang mendampingi terdakwa": before "yang" is skipped below
        while end < limit and self.toks[end].low in self.lex.non_role_qualifiers:
            end += 1  # "kuasa hukum | terdakwa ,": whom the title serves
        if end >= limit:
            return True
        nxt = self.toks[end]
        if nxt.low in self.lex.role_org_connectors and (
            self.names_a_body(self.skip_determiners(end + 1), limit)
            or self.whom_served(end + 1, limit)
        ):
            return True
        if nxt.low in self.lex.place_prepositions:
            return True  # "a rice farmer in An Giang province", "a fisherman from the ward"
        if nxt.low in self.lex.clause_openers:
            return True  # "a street vendor who lost her stall"
        if (
            self.lex.participles
            and nxt.low.endswith(self.lex.participles)
            and self.verb_like(nxt.low)
            and self.apposed_at(i)
        ):
            return True  # "X, a lawyer representing two of the suspects,": a reduced clause
        return not nxt.is_word or nxt.is_cap or self.list_then_role(end) is not None

    def apposed_at(self, i: int) -> bool:
        """The phrase at ``i`` opens an apposition: a comma, maybe a determiner, before it."""
        k = i - 1
        if k >= 0 and self.toks[k].low in self.lex.determiners:
            k -= 1
        return self.is_text(k, ",")

    def whom_served(self, k: int, limit: int) -> bool:
        """"a lawyer for | the family ,": a determiner and one to three lower-case words closing
        the phrase say whom a lower-case title serves; the title stands ("member of the
        public" is in non_role_phrases.txt)."""
        x = self.skip_determiners(k)
        if x == k:
            return False
        y = x
        while y < limit and y - x < 3 and self.toks[y].is_word and self.toks[y].text.islower():
            y += 1
        return y > x and (y >= limit or self.toks[y].text in ",;)" or self.sentence_end(y))

    def sentence_end(self, y: int) -> bool:
        """Token ``y`` is a full stop that ends the sentence (the end of the block, a closing
        quote or a capital after it), not an abbreviation's."""
        if not self.is_text(y, ".", "!", "?"):
            return False
        nxt = self.tok(y + 1)
        return nxt is None or nxt.is_cap or nxt.text in "\"”’'"

    def names_a_body(self, k: int, limit: int) -> bool:
        """The words at ``k`` (up to the next comma) hold a capitalised name or an organisation
        word, even lower-case: "the provincial police", "the 2nd Infantry Regiment", "a logistics
        firm" (body_nouns.txt)."""
        stop = min(limit, k + 8)
        while k < stop and self.toks[k].text not in ",.;:()":
            if (
                self.cap(k)
                or self.lex.org_heads.longest(self.toks, k)
                or self.lex.body_nouns.longest(self.toks, k)
            ):
                return True
            k += 1
        return False

    def org_reachable(self, j: int, limit: int) -> int | None:
        """Where the organisation starts if the title at ``j`` runs on to one.

        A role phrase may continue over capitalised words, connectors and commas ("Spesialis
        Program dan Kebijakan untuk Tata Kelola, Perdamaian dan Keamanan, Kantor …") but only up
        to an organisation head; the organisation starts at the head, or, in languages whose
        names put modifiers first (``org_extend_left``), at the start of the head's segment.
        """
        seg = j
        k = j
        while k < limit:
            t = self.toks[k]
            place = self.lex.known_places.longest(self.toks, k, limit)
            if place is not None and t.is_cap:
                k = place[0]  # "Duta Besar Amerika Serikat …": "Serikat" heads no organisation
                continue
            if self.org_head(k) is not None:
                if self.lex.head_final:
                    return seg
                # the NER's name holding the head may cover all words from the title on
                # ("Peneliti | Indonesia Budget Center"): the organisation starts there; so
                # does a name that ends in its head, named the English way ("Ketua |
                # Communication … Research Center (CISSReC)")
                last = not self.cap(k + 1) and k > seg
                return seg if last or any(a == seg and k < b for a, b in self.spans) else k
            if k > j and t.is_cap and (self.honorific_or_rank(k) or (k == seg and self.role(k))):
                return None
            if t.is_word and t.is_cap:
                k += 1
            elif t.text == "," or t.low in self.lex.role_org_connectors:
                k = self.skip_determiners(k + 1)
                seg = k
            elif t.low in self.lex.name_connectors and self.cap(k + 1):
                if self.list_then_role(k) is not None:
                    return None  # "Minister for Education and Minister-in-charge of …"
                k += 1
            else:
                return None
        return None

    def parse_roles(self, i: int, limit: int) -> tuple[list[RoleHit], int]:
        """Roles from the title at ``i``: ``ROLE [of] ORG[, PARENT] [, dan ROLE …]``."""
        hits: list[RoleHit] = []
        while True:
            i = self.skip_determiners(i)
            t = self.tok(i)
            if t is not None and t.text[0].isdigit() and "-" in t.text:
                i += 1  # "a 34-year-old delivery rider"
            text_start, owner, mod_en = i, None, ""
            if self.lex.head_final and self.role(i, limit) is None:
                lead = self.role_lead(i, limit)
                if lead is not None:
                    text_start, i, owner = lead
            elif (
                self.lex.head_final
                and (mod := self.lex.modifiers.longest(self.toks, i, limit))
                and self.role(i, limit)[0] <= mod[0]  # not "Deputy Prime Minister"
            ):
                # "Deputy | Agriculture and Food Security Minister": a modifier, then a
                # portfolio written before its title
                lead = self.role_lead(mod[0], limit)
                if lead is not None and lead[0] == mod[0] and lead[2] is None:
                    i, mod_en = lead[1], mod[1][0]
            m = self.role(i, limit)
            if m is None or not self.role_ok(i, m[0], limit):
                break
            if mod_en and m[1]:
                m = (m[0], f"{mod_en} {m[1]}")
            whole = m
            m = self.before_named_unit(i, m, limit)
            start, j = i, m[0]
            capital = self.toks[start].is_cap or self.cap(j - 1)
            portfolio = (
                self.portfolio_end(j, limit, start)
                if capital and m == whole and self.lex.portfolio_markers.longest(self.toks, j)
                else j
            )
            if portfolio > j:
                j = portfolio  # "Deputi Bidang Meteorologi | BMKG"
            elif capital:
                reach = self.org_reachable(j, limit)
                if reach is not None and reach > j:
                    j = reach
                elif reach is None:
                    j = self.portfolio_end(j, limit, start)
                if j == m[0] and j < limit and self.toks[j].is_word and not self.toks[j].is_cap:
                    j = self.lower_role_end(j, limit)  # "Pengamat politik dari …" opening a clause
            else:
                j = self.lower_role_end(j, limit)
            role_end = j
            while role_end > start + 1 and (
                not self.toks[role_end - 1].is_word
                or self.toks[role_end - 1].low in self.lex.glue
            ):
                role_end -= 1
            org = parent = None
            end = role_end
            k = role_end
            if k < limit and self.toks[k].low in self.lex.role_org_connectors:
                found = self.org_at(self.skip_determiners(k + 1), limit, need_head=False)
            elif self.is_text(k, ",") and k + 1 < limit:
                found = self.org_at(k + 1, limit, need_head=True)
            elif k < limit and capital and not (k > m[0] and self.name_start(k)):
                # "Direktur Eksekutif Indef"; not a name after a portfolio ("… of Health | Tran")
                found = self.org_at(k, limit, need_head=False)
            elif k < limit and not self.lex.head_final and (
                self.org_head(k) is not None or k in self.entity_end
            ):
                # "pengajar Sekolah Tinggi Hukum …", "dosen Universitas Indonesia": a lower-case
                # title followed directly by an organisation
                found = self.org_at(k, limit, need_head=False)
            else:
                found = None
            if found:
                (o1, o2), par = self.split_org(*found)
                org = self.span_text(o1, o2)
                end = found[1]
                if par:
                    parent = self.span_text(*par)
                end = self.skip_acronym(end, limit)
                more = self.parent_after(end, limit)
                if more:
                    if parent is None:
                        parent = self.span_text(*more)
                    end = self.skip_acronym(more[1], limit)
            if org is None and owner is not None:
                org = owner
            hits.append(
                RoleHit(
                    self.span_text(text_start, role_end),
                    m[1] or None,
                    org,
                    parent,
                    self.toks[text_start].start,
                    self.toks[end - 1].end,
                )
            )
            nxt = end + 1 if self.is_text(end, ",", ";") else end
            following = self.list_then_role(nxt)
            if following is None and nxt > end and self.role(self.skip_determiners(nxt)):
                following = nxt
            rel = self.lex.relative_markers.longest(self.toks, nxt) if following is None else None
            if rel is not None and self.role(self.skip_determiners(rel[0])):
                following = self.skip_determiners(rel[0])  # "…, Ketua VFA yang juga menjabat …"
            if following is None or following >= limit:
                return hits, end
            i = following
        return hits, i

    def role_lead(self, i: int, limit: int) -> tuple[int, int, str | None] | None:
        """What comes before a title where modifiers precede it (``org_extend_left``):
        lower-case qualifiers ("delivery rider"), an owner with a possessive ("Myanmar's
        ambassador") or an organisation ("the Indonesian Armed Forces commander").

        Returns ``(start of the role text, start of the title, organisation or None)``; a
        country or nationality owner is dropped, as in pre-modifiers.
        """
        q = i
        while q < limit and q - i < 2 and self.qualifier(q) and not self.role(q, limit):
            q += 1
        b = self.body_words_after(q, limit)
        if b > q and self.role(b, limit) and not self.toks[b].is_cap:
            return b, b, self.span_text(i, b)  # "the national police | chief"
        if q == i and self.possessive(i) and not self.toks[i].is_cap and self.role(i + 1, limit):
            return i + 1, i + 1, None  # "the junta's | spokesman": an unnamed owner
        if q > i and self.role(q, limit) and (
            not self.toks[q].is_cap or self.toks[q].is_acronym  # "a party-list MP"
        ):
            return i, q, None
        k = i
        possessive = listed = False
        while k < limit and k - i < 8:
            if k > i and self.role(k, limit):
                break
            if self.cap(k):
                k += 1
                if self.possessive(k - 1):
                    possessive = True
                    break
            elif k > i and self.toks[k].low in self.lex.name_connectors and self.cap(k + 1):
                k += 1
            elif k > i and self.toks[k].text == "," and self.cap(k + 1):
                k += 1  # "the Tourism, Arts and Culture Minister": only before a portfolio
                listed = True
            else:
                break
        if k == i:
            return None
        b = self.body_words_after(k, limit)
        if b > k and not possessive and self.role(b, limit) and not self.toks[b].is_cap:
            return b, b, self.span_text(i, b)  # "the Kuala Lumpur police | chief"
        text_start = title = k
        while (
            title < limit
            and title - k < 2
            and self.qualifier(title)
            and not self.role(title, limit)
        ):
            title += 1
        if not (title > k and self.role(title, limit) and not self.toks[title].is_cap):
            title = k
        if not self.role(title, limit):
            return None
        owner = None
        orgish = self.has_org_head(i, k) or any(x in self.entity_end for x in range(i, k))
        # before a portfolio title ("Minister") an ORG reading of the NER is not trusted:
        # "Rural and Regional Development Minister" names the portfolio, not a body
        portfolio = (
            not possessive
            and title == k
            and self.lex.portfolio_titles.longest(self.toks, title) is not None
            and not self.has_org_head(i, k)
            and not any(
                self.toks[x].is_acronym or (x in self.named and x not in self.org_tokens)
                for x in range(i, k)
            )
        )
        if portfolio:
            return i, title, None
        if listed:
            return None
        if orgish or all(self.toks[x].is_acronym for x in range(i, k)):
            owner = self.span_text(i, k)
            if possessive:
                owner = next(
                    owner[: -len(p)] for p in self.lex.possessives if owner.endswith(p)
                )
        elif not possessive and title == k and not any(
            x in self.named or self.toks[x].is_acronym for x in range(i, k)
        ):
            # "Rural and Regional Development Minister": plain capitalised words that no
            # entity claims are the title's portfolio (a country or nationality is dropped)
            text_start = i
        return text_start, title, owner

    def skip_acronym(self, j: int, limit: int) -> int:
        """Skip a parenthesised acronym after an organisation: "… Bencana (BNPB)"."""
        if self.is_text(j, "(") and j + 2 < limit and self.is_text(j + 2, ")"):
            t = self.toks[j + 1]
            if t.is_word and (t.is_acronym or t.is_cap):
                return j + 3
        return j

    def parent_after(self, j: int, limit: int) -> tuple[int, int] | None:
        """A parent organisation after ``j``: ", Kementerian X" or "under the Ministry X"."""
        if self.is_text(j, ",") and j + 1 < limit:
            found = self.org_at(j + 1, limit, need_head=True)
            if found:
                return found
            e = self.entity_end.get(j + 1)
            if e is not None and e <= limit and self.is_text(e, ",") and (
                e == limit or self.cap(e + 1)
            ):
                return j + 1, e  # "…, Bareskrim Polri, AKBP X": an ORG of the NER between commas
        m = self.lex.org_parent_connectors.longest(self.toks, j, limit)
        if m:
            return self.org_at(self.skip_determiners(m[0]), limit, need_head=True)
        return None

    # -- around a name -------------------------------------------------------------------

    def titles_before(self, s: int, floor: int) -> tuple[int, list[tuple]]:
        """Honorifics and ranks right before token ``s``: ``(new start, [(kind, text, en)])``."""
        found: list[tuple] = []
        pos = s
        moved = True
        while moved:
            moved = False
            for back in range(8, 0, -1):  # longest first: "Letnan Kolonel", not "Kolonel";
                # up to "Letnan Jenderal TNI (Purn.)"
                i = pos - back
                if i < floor:
                    continue
                m = self.honorific_or_rank(i, pos)
                if m and m[0] == pos and not self.inside_role(i, pos):
                    found.insert(0, m[1:])
                    pos = i
                    moved = True
                    break
        return pos, found

    def inside_role(self, i: int, end: int) -> bool:
        """Tokens ``i:end`` are the tail of a longer role title: "Direktur Jenderal" is a role,
        its "Jenderal" no rank."""
        for x in range(max(0, i - 3), i):
            r = self.role(x)
            if r and r[0] >= end and self.cap(x):
                return True
        return False

    def run_start(self, pos: int, floor: int, commas: bool = False) -> int:
        """Start of the title-like run ending at ``pos`` (capitalised words, connectors, "(X)";
        with ``commas`` also the commas of an enumeration: "Badan Meteorologi, Klimatologi,
        dan Geofisika"). A title written with lower-case words ("Juru bicara") is taken whole."""
        i = pos
        while i > floor:
            t = self.toks[i - 1]
            if (t.is_word and (t.is_cap or t.text.isdigit())) or (t.is_word and (
                t.low in self.lex.name_connectors
                or t.low in self.lex.role_org_connectors
                or self.lex.modifiers.longest(self.toks, i - 1)
            )) or (t.text in "()/" and i - 1 > floor) or (
                commas and t.text == "," and i < pos and i - 1 > floor and self.cap(i - 2)
            ) or (
                # "Wakil Perdana Menteri sekaligus Menteri Luar Negeri X": two titles
                i - 1 > floor and self.cap(i - 2) and self.list_then_role(i - 1) == i
            ) or (
                # "Chairman of the National Assembly X": a determiner after a connector
                t.low in self.lex.determiners
                and i - 1 > floor
                and self.toks[i - 2].low in self.lex.role_org_connectors
            ):
                i -= 1
            else:
                break
        while i < pos and not self.toks[i].is_cap and not self.lex.modifiers.longest(self.toks, i):
            i += 1
        best = i
        for k in range(i - 1, max(floor, i - 3) - 1, -1):
            if not self.toks[k].is_word:
                break
            r = self.role(k, pos)
            if r and r[0] >= i and (
                self.toks[k].is_cap or self.lex.modifiers.longest(self.toks, k)
            ):
                best = k
        return best

    def premodifier(self, pos: int, floor: int) -> tuple[int, list[RoleHit], int] | None:
        """A role title written before the name: "Menteri Luar Negeri Retno", "Kepala BNPB X",
        "Kepala Badan Meteorologi, Klimatologi, dan Geofisika (BMKG) X", "pelatih tim nasional
        X", "chief executive X".

        Returns ``(start of the evidence, roles, start of the role)``.
        """
        start = self.run_start(pos, floor)
        found = self.capital_premodifier(pos, start)
        if found is None:
            wide = self.run_start(pos, floor, commas=True)
            if wide < start:
                found = self.capital_premodifier(pos, wide, whole=True)
        if found is None:
            found = self.lower_premodifier(pos, floor)
        return found

    def lower_premodifier(self, pos: int, floor: int) -> tuple[int, list[RoleHit], int] | None:
        """A title not followed by capitalised words, right before the name: after it up to two
        lower-case qualifiers where names of bodies follow the title ("pelatih tim nasional
        Shin Tae-yong", "hakim ketua Eko"), before it where they precede it ("badminton player
        Jonatan Christie", "School of Public Policy dean Danny Quah")."""
        if self.lex.head_final:
            for k in range(max(floor, pos - 6), pos):  # "group chief executive officer"
                r = self.role(k, pos)
                if r is not None and r[0] < pos and self.field_end(r[0], pos) == pos:
                    r = (pos, r[1])  # "assistant director | of operations | Ahmad …"
                if r is None or r[0] != pos or self.toks[k].is_cap:
                    continue
                q = k
                while q > max(floor, k - 3) and self.qualifier(q - 1) and not self.role(q - 1):
                    q -= 1
                b = self.body_words_before(q, floor)
                org = None
                o = self.run_start(b, floor)
                if b < q or (o < q and (
                    self.has_org_head(o, q) or any(x in self.entity_end for x in range(o, q))
                )):
                    org_end = q
                    if self.is_text(q - 1, ")") and (
                        opened := next((x for x in range(q - 2, o, -1) if self.is_text(x, "(")), 0)
                    ):
                        org_end = opened  # "… Agency (BNPB) | head": the acronym is left out
                    org = self.span_text(o, org_end)  # "Penang police | chief", "Maybank | chief"
                start = o if org else q
                hit = RoleHit(
                    self.span_text(q, pos),
                    r[1] or None,
                    org,
                    None,
                    self.toks[start].start,
                    self.toks[pos - 1].end,
                )
                return start, [hit], q
            return None
        for k in range(max(floor, pos - 5), pos):
            r = self.role(k, pos)
            if r is None or pos - r[0] > 3:
                continue
            # "analis Phintraco Sekuritas Ratna Lim": capitalised words ending in a word of
            # bodies (org_words.txt) are the title's organisation, though the NER missed it
            body = (
                r[0] < pos
                and not self.toks[k].is_cap
                and self.toks[pos - 1].text in self.lex.org_words
                and all(self.cap(x) for x in range(r[0], pos))
            )
            if body or all(
                self.qualifier(x) or x in self.other or self.code(x) for x in range(r[0], pos)
            ):
                # the field of the title is part of it ("Pengamat politik", "pedagang sayur"),
                # a body after it is not ("pelatih | tim nasional")
                q = r[0]
                while (
                    not body
                    and q < pos
                    and self.qualifier(q)
                    and not self.lex.org_heads.longest(self.toks, q, q + 1)
                    and not self.lex.body_nouns.longest(self.toks, q)
                    and not self.lex.role_categories.longest(self.toks, q)
                ):
                    q += 1
                hit = RoleHit(
                    self.span_text(k, q),
                    r[1] or None,
                    self.span_text(r[0], pos) if body else None,
                    None,
                    self.toks[k].start,
                    self.toks[(pos if body else q) - 1].end,
                )
                return k, [hit], k
        return None

    def named_body_ends(self, a: int, p: int) -> bool:
        """Tokens ``a:p`` are a body named by its head's portfolio ("Kementerian Luar Negeri")."""
        return named_by_portfolio(self.lex.lang, tuple(t.text for t in self.toks[a:p]))

    def code(self, k: int) -> bool:
        """A capitalised token with a digit: a team or unit code ("U-23", "Kodim 0501")."""
        t = self.tok(k)
        return t is not None and t.is_cap and t.has_digit

    def body_word(self, k: int) -> bool:
        """A lower-case organisation word ("police", "party") that can precede a title."""
        t = self.tok(k)
        return (
            t is not None
            and t.text.islower()
            and self.lex.org_heads.longest(self.toks, k, k + 1) is not None
        )

    def body_words_after(self, k: int, limit: int) -> int:
        """End of up to two lower-case organisation words at ``k``."""
        b = k
        while b < limit and b - k < 2 and self.body_word(b):
            b += 1
        return b

    def body_words_before(self, q: int, floor: int) -> int:
        """Start of lower-case organisation words right before the title at ``q``: in "Penang
        police chief X" or "the national police chief" the police is the body the chief heads,
        so it goes to the organisation, as a capitalised owner does ("Maybank chief")."""
        b = q
        while b > floor and q - b < 2 and self.body_word(b - 1):
            b -= 1
        while b < q and b > floor and self.toks[b - 1].text.islower() and self.qualifier(b - 1):
            b -= 1  # "national police"
        return b

    def qualifier(self, k: int) -> bool:
        """A lower-case word that can qualify a title ("tim", "badminton"), not a function word
        or an organisation word ("police spokesman": the police is the body, not the role)."""
        t = self.tok(k)
        if t is None or k in self.other:
            return False
        if (t.is_cap or self.lex.head_final) and self.lex.org_heads.longest(self.toks, k, k + 1):
            return False  # a lower-case "tim" qualifies where heads are capitalised (Indonesian)
        if self.lex.head_final and t.text.capitalize() in self.lex.stopwords:
            return False  # "after" in "rose after chief executive X"
        return (
            t.text.replace("-", "").isalpha()  # "private-hire driver"
            and t.text.islower()
            and t.low not in self.lex.glue
            and t.low not in self.lex.non_role_qualifiers
            and t.low not in self.lex.pronouns
            and t.low not in self.lex.title_clitics  # "kuasa hukum | nya"
            and not self.lex.cues.longest(self.toks, k)
            and not self.lex.relative_markers.longest(self.toks, k)
            and not self.verb_like(t.low)
        )

    def verb_like(self, word: str) -> bool:
        """A word with a verb prefix or suffix of ``[people] verb_prefixes/verb_suffixes``
        ("memvonis", "menuntut"; "questioned", "saying"), not listed as an exception."""
        lex = self.lex
        return (
            len(word) >= lex.verb_min_length
            and (word.startswith(lex.verb_prefixes) or word.endswith(lex.verb_suffixes))
            and word not in lex.verb_exceptions
        )

    def capital_premodifier(
        self, pos: int, start: int, whole: bool = False
    ) -> tuple[int, list[RoleHit], int] | None:
        """The first capitalised title of the run ``start:pos`` with what follows it up to the
        name; with ``whole`` only when the roles reach the name (a run over commas)."""
        for i in range(start, pos):
            m = self.role(i, pos)
            if m and (self.toks[i].is_cap or self.lex.modifiers.longest(self.toks, i)):
                hits, reached = self.parse_roles(i, pos)
                if not hits or (whole and reached < pos):
                    return None
                lead = self.title_modifiers(start, i)
                if lead < i and hits[0].organization is None:
                    first = hits[0]
                    written = self.text[self.toks[lead].start : self.toks[i].start]
                    hits[0] = RoleHit(
                        written + first.role,  # "Education Secretary", "District Judge"
                        first.role_en,
                        None,
                        first.parent_organization,
                        self.toks[lead].start,
                        first.end,
                    )
                    i = lead
                prefix = (start, i)
                if prefix[1] > prefix[0] and hits[0].organization is None:
                    p_text = self.span_text(*prefix)
                    if self.has_org_head(*prefix) or all(
                        self.toks[k].is_acronym for k in range(*prefix)
                    ):
                        first = hits[0]
                        hits[0] = RoleHit(
                            first.role,
                            first.role_en,
                            p_text,
                            None,
                            self.toks[prefix[0]].start,
                            first.end,
                        )
                return start, hits, i
        return None

    def title_modifiers(self, start: int, i: int) -> int:
        """First token of the capitalised words right before the title at ``i`` that belong to it.

        Where modifiers precede the head (``org_extend_left``), "Education Secretary", "District
        Judge" and "Resident Representative" are one title. Up to two plain capitalised words
        count; an acronym, a word the NER put in any entity ("Chinese", "Thailand", "Maybank")
        or an organisation head ends them: those are owners, dealt with as the prefix.
        """
        if not self.lex.head_final:
            return i
        # before a portfolio title an ORG reading of the NER is not trusted ("Public Works
        # Secretary"), a place or nationality still is
        # (a portfolio may hold up to four words and "and": "Interior and Local Government")
        portfolio = self.lex.portfolio_titles.longest(self.toks, i) is not None
        r = self.role(i)
        # a title ending in a portfolio title ("Education Minister") takes more words and "and"
        # ("Primary and Secondary Education Minister"), but no entity's words
        wide = portfolio or any(
            self.lex.portfolio_titles.longest(self.toks, x) is not None
            for x in range(i, r[0] if r else i)
        )
        k = i
        while k > start and i - k < (5 if wide else 2):
            x = k - 1
            joined = (
                wide
                and k < i
                and self.toks[x].low in self.lex.name_connectors
                and x > start
                and self.cap(x - 1)
            )
            if joined and self.org_head(x - 1) is not None:
                return i  # "Department of Education | Secretary": the words name the body
            if not (joined or self.modifier_word(x, portfolio)):
                break
            k -= 1
        return k

    def modifier_word(self, x: int, portfolio: bool) -> bool:
        """A plain capitalised word that can modify the English title after it."""
        return (
            self.cap(x)
            and self.toks[x].is_word
            and not self.toks[x].is_acronym
            and (x not in self.named or (portfolio and x in self.org_tokens))
            and (portfolio or self.org_head(x) is None)  # "Local Government Secretary"
            and not self.possessive(x)
            and not self.honorific_or_rank(x)
            and self.role(x) is None
        )

    def clause_role(self, c: int, floor: int) -> int | None:
        """Start of a role phrase that fills the clause ending at the comma ``c``, after at most
        determiners and a possessive name: "A spokesperson for Grab, Ms X", "Pengamat politik
        dari Universitas Padjadjaran, X", "Hishammuddin Hussein's lawyer, X"."""
        k = c
        while k > floor and c - k < 20 and (
            self.toks[k - 1].is_word
            or self.toks[k - 1].text in "()&-/'’"
            or (  # the period of an abbreviated title inside a name: "RSUP Dr. Sardjito"
                self.toks[k - 1].text == "."
                and (t := self.honorific_or_rank(k - 2)) is not None
                and t[0] == k
            )
        ):
            k -= 1
        x = self.skip_determiners(k)
        t = self.tok(x)
        if t is not None and t.text[:1].isdigit() and "-" in t.text:
            x += 1  # "A 27-year-old e-hailing driver, X"
        cue = self.lex.cues.longest(self.toks, x, c)
        if cue is not None:  # "Menurut pengamat politik dari UGM, X", "According to a …, X"
            x = self.skip_determiners(cue[0])
        owner = x  # a capitalised owner ending in a possessive: "Hishammuddin Hussein's"
        while owner < c and self.cap(owner) and not self.possessive(owner):
            owner += 1
        if owner < c and self.possessive(owner):
            x = owner + 1
        r = self.role(x, c)
        if r is None:
            # "Police said the lorry driver, X", "didampingi kuasa hukumnya, X": a lower-case
            # noun phrase after a determiner or a verb ends the clause
            d = max(
                (
                    y
                    for y in range(x, c)
                    if self.toks[y].low in self.lex.determiners or self.verb_like(self.toks[y].low)
                ),
                default=x,
            )
            # ("disampaikan juru bicara Kementerian Kesehatan, X": a title right after it)
            if d > x and (
                all(not self.toks[y].is_cap for y in range(d, c)) or self.role(d + 1, c)
            ):
                x = d + 1
                t = self.tok(x)
                if t is not None and t.text[:1].isdigit() and "-" in t.text:
                    x += 1  # "The body of a 62-year-old fisherman, X"
                r = self.role(x, c)
        if r is None and self.lex.head_final and (lead := self.role_lead(x, c)) is not None:
            # "His defence lawyer, X": qualifiers before the title (an owner is dealt with apart)
            r = self.role(lead[1], c) if lead[2] is None else None
        if r is None:
            # "Mereka adalah Kepala Dinas … Kabupaten Mesuji, X": the clause's first capitalised
            # title, if its role phrase runs to the comma
            y = next(
                (y for y in range(x + 1, c) if self.toks[y].is_cap and self.role(y, c)), None
            )
            if y is not None and self.parse_roles(y, c)[1] >= c:
                x, r = y, self.role(y, c)
        chained = self.place_clause(x, c)
        if r is None and chained and self.is_text(k - 1, ","):
            # "Kepala Biro Komunikasi …, Kementerian Keuangan, X", "Kepala Dinas … Kabupaten
            # Muara Enim, Sumatera Selatan, X": the clause is the parent organisation or the
            # province of the role in the clause before it
            return self.clause_role_before(k - 1, c, floor)
        if r is None or not self.role_ok(x, r[0], c):
            return None
        hits, end = self.parse_roles(x, c)
        if end + 1 == c and self.toks[end].low in self.lex.title_clitics:
            end = c  # "kuasa hukum | nya ,"
        if hits and end < c and self.toks[end].low in self.lex.clause_openers:
            end = c  # "Sopir angkot | yang menjadi saksi mata ,": a relative clause closes it
        while end < c and self.toks[end].low in self.lex.non_role_qualifiers and hits:
            end += 1  # "Penasihat hukum | terdakwa ,": whom the title serves, not its part
        if hits and end < c and self.toks[end].low in self.lex.role_org_connectors and (
            self.whom_served(end + 1, c)
        ):
            end = c  # "A lawyer for | the family ,"
        return x if hits and (end >= c or self.place_or_body_tail(end, c)) else None

    def clause_role_before(self, comma: int, c: int, floor: int) -> int | None:
        """Start of a role phrase in the clause before ``comma`` whose organisation chain runs
        on to the comma ``c``; over up to two more clauses that are places ("Kepala Desa
        Sukamaju, Kecamatan Cibeber, Cianjur, X")."""
        for hop in range(3):
            k = comma
            while k > floor and comma - k < 14 and self.toks[k - 1].is_word:
                k -= 1
            for x in range(k, comma):  # the first capitalised title of the clause
                if self.toks[x].is_cap and self.role(x, comma) is not None:
                    hits, end = self.parse_roles(x, c)
                    place = self.lex.known_places.longest(self.toks, end + 1, c)
                    tail = self.is_text(end, ",") and place is not None and place[0] == c
                    reached = end >= c or tail or self.place_or_body_tail(end, c)
                    return x if hits and (reached or (hop and end >= comma)) else None
            if not (self.place_clause(k, comma) and self.is_text(k - 1, ",")):
                return None
            comma = k - 1
        return None

    def place_clause(self, k: int, c: int) -> bool:
        """Tokens ``k:c`` are one place or organisation: an entity of the NER, a listed place,
        or a name headed by an organisation word ("Kecamatan Cibeber")."""
        if k >= c:
            return False
        place = self.lex.known_places.longest(self.toks, k, c)
        return (
            (k, c) in self.spans
            or (place is not None and place[0] == c)
            or self.org_head(k) is not None
        )

    def place_or_body_tail(self, k: int, c: int) -> bool:
        """Tokens ``k:c`` are a connector and capitalised words only: "di Canberra", "dari
        Fraksi PDI Perjuangan" after a role's organisation."""
        t = self.tok(k)
        if t is None or not (
            t.low in self.lex.role_org_connectors or t.low in self.lex.place_prepositions
        ):
            return False
        rest = range(k + 1, c)
        return len(rest) > 0 and all(
            self.cap(x) or self.toks[x].low in self.lex.name_connectors for x in rest
        ) and self.cap(k + 1)

    def possessive(self, k: int) -> bool:
        """Token ``k`` ends with a possessive suffix ("Hussein's")."""
        t = self.tok(k)
        return t is not None and any(
            t.text.endswith(p) and len(t.text) > len(p) for p in self.lex.possessives
        )

    def in_title(self, k: int) -> bool:
        """Token ``k`` belongs to an honorific, rank or role title."""
        for x in range(max(0, k - 3), k + 1):
            for m in (self.honorific_or_rank(x), self.role(x)):
                if m and m[0] > k and self.cap(x):
                    return True
        return False

    def portfolio_role_ends_at(self, k: int) -> bool:
        """A role title opening with a portfolio title ("Menteri Kesehatan") ends at ``k``,
        also with the portfolio after it ("Wakil Menteri | Pendidikan Dasar dan Menengah")."""
        return any(
            (r := self.role(y)) is not None
            and self.cap(y)
            and self.lex.portfolio_titles.longest(self.toks, y) is not None
            and (r[0] == k or (r[0] < k and self.portfolio_end(r[0], self.n, y) == k))
            for y in range(max(0, k - 8), k)
        )

    def extend_after_title(self, s: int) -> int:
        """"Defence Counsel Sheikh | Noordin Sheikh Mohammad": where organisation names come
        before the title (``org_extend_left``), capitalised words between a title and a cut name
        are the name's own."""
        k = s
        while (
            k > 0
            and (k - 1) not in self.other
            and self.name_token(k - 1)
            and not self.toks[k - 1].is_acronym
            and not self.in_title(k - 1)
            and s - k < 3
        ):
            k -= 1
        if k < s and self.in_title(k - 1):
            return k
        prev = self.tok(s - 1)
        if (
            k < s
            and s - k == 1
            and (k == 0 or self.toks[k - 1].text in SENTENCE_OPENERS or self.is_text(k - 1, ","))
            and prev is not None
            and prev.text.isalpha()
            and prev.text not in self.lex.stopwords
            and (s - 1) not in self.named
            and not self.is_text(s + 1, ".")
            and self.person_starts.intersection({s})
            and (after := self.tok(self.name_run(s))) is not None
            and not after.is_cap
        ):
            return k  # "[Pornphrom] | Vikitsreth, an adviser …": the NER missed the first word
        # "Minister for Manpower Tan See | Leng": after a portfolio a listed name start
        # opens the name
        for x in range(max(k, s - 3), s):  # the earliest: "Muhammad Faishal Ibrahim"
            if self.name_start(x) and any(
                (r := self.role(y)) and self.is_portfolio(y, r[0])
                for y in range(self.run_start(x, 0), x)
            ):
                return x
        return s

    def lone_unknown_entity(self, k: int) -> bool:
        """Token ``k`` is a one-word place/organisation the gazetteers do not know, followed by
        a lower-case word: the NER's reading of a surname ("Wamildan Tsani | Panjaitan")."""
        nxt = self.tok(k + 1)
        return (
            (k - 1) not in self.other
            and (k + 1) not in self.other
            and not self.toks[k].is_acronym
            and self.lex.known_names.longest(self.toks, k, k + 1) is None
            and (nxt is None or not nxt.is_word or not nxt.is_cap)
        )

    def role_ends_at(self, x: int) -> bool:
        """A role title of up to four words ends right before token ``x``."""
        return any(
            (r := self.role(y)) is not None and r[0] == x for y in range(max(0, x - 4), x)
        )

    def extend_after_entity(self, s: int) -> int:
        """"Wali Kota Surabaya | Eri | Cahyadi": where names come after the title's organisation
        or place, capitalised words between that entity and a cut name are the name's own."""
        k = s
        while (
            k > 0
            and s - k < 2
            and (k - 1) not in self.other
            and self.name_token(k - 1)
            and not self.toks[k - 1].is_acronym
            and self.toks[k - 1].text not in self.lex.org_words  # "CV Sinar Jaya | Abadi"
            and not self.in_title(k - 1)
            and self.lex.known_places.longest(self.toks, k - 1, k) is None  # "… Indonesia |"
            and self.lex.place_directions.longest(self.toks, k - 1, k) is None  # "… Barat |"
        ):
            k -= 1
        if k < s and ((k - 1) in self.other or self.is_text(k - 1, ")")):
            return k
        if k < s and any(
            (h := self.honorific_or_rank(y)) is not None and h[0] == k
            for y in range(max(0, k - 3), k)
        ):
            return k  # "Pendeta | Jacklevyn [Frits Manuputty]": the name runs back to the title
        if k < s and k > 0 and self.toks[k - 1].has_digit and (
            self.toks[k - 1].is_cap
        ):
            return k  # "Timnas Indonesia U-23 | Arkhan | [Fikri]": a code ends the body
        # "Menteri Kesehatan | Terawan | [Agus Putranto]": a minister's portfolio is the whole
        # title, so the free words after it are the name's, not an organisation
        ended = next((x for x in range(k, s) if self.portfolio_role_ends_at(x)), None)
        if ended is not None:
            return ended
        if (
            k < s
            and not self.cap(k - 1)
            and not self.has_org_word(k, s)
            and self.role_ends_at(k)
        ):
            return k  # "Hakim ketua | Dennie Arsan [Fatrika]": a title ending in lower case
        # "Direktur Eksekutif [Indef] Tauhid [Ahmad]": one capitalised word after a title is
        # its organisation (names without a head are one word: Indef, Celios, KPU); the
        # words between it and a cut name are the name's own
        if k < s and self.unlisted_place(k):
            return k
        for cand in range(k + 1, s):
            org = cand - 1
            if self.org_head(org) is not None or org in self.other:
                continue
            if any(
                (r := self.role(y)) is not None
                and r[0] == org
                and self.cap(y)
                and self.cap(org - 1)  # not "Hakim ketua | Dennie Arsan [Fatrika]": a name
                for y in range(max(0, org - 4), org)
            ):
                return cand
        # "Sekretaris Jenderal [ASEAN Kao] [Kim Hourn]": the words after an acronym the NER
        # joined to it belong to the name
        k = s
        while (
            k > 0
            and s - k < 2
            and (k - 1) in self.other
            and self.name_token(k - 1)
            and not self.toks[k - 1].is_acronym
            and self.toks[k - 1].text not in self.lex.org_words
        ):
            k -= 1
        # (only words of the acronym's own entity: "BPBD | Banyumas | Budi" tags a place)
        joined = any(a <= k - 1 and k < b for a, b in self.spans)
        legal_form = k > 0 and self.toks[k - 1].text in self.lex.org_prefixes  # "CV Karya Mandiri"
        place = self.lex.known_places.longest(self.toks, k, s) is not None  # "SAR | Mataram"
        # (or a body's last word: "PT Astra International Tbk | Djony | [Bunarto Tjondro]")
        closer = k > 0 and (
            self.toks[k - 1].is_acronym or self.toks[k - 1].text in self.lex.org_words
        )
        if k < s and closer and joined and not (legal_form or place):
            known = self.lex.known_names.longest(self.toks, k - 1, s)
            return s if known and known[0] == s else k  # "DKI Jakarta" is one place
        # "Wakil Bupati [Sleman Danang] [Maharsa]": a listed place the NER ran on into the name
        for a, b in self.spans:
            if b != s or s - a < 2:
                continue
            m = self.lex.known_places.longest(self.toks, a, b)
            if (
                m is not None
                and a < m[0] < b
                and b - m[0] <= 2
                and self.toks[m[0]].text in self.lex.name_starts  # a given name, not "Barat"
                and all(self.name_token(x) and self.org_head(x) is None for x in range(m[0], b))
                and self.role_ends_at(a)
            ):
                return m[0]
        return s

    def person_follows(self, e: int) -> bool:
        """After the comma at ``e`` comes a PERSON of the NER, maybe after a rank: the run
        before the comma is a link of the title's organisation chain, not the name."""
        if not self.is_text(e, ","):
            return False
        k = self.after_titles(e + 1)
        return k in self.person_starts

    def enumerated(self, e: int) -> bool:
        """The run before ``e`` is an item of an enumeration (", dan Aset Kripto"): a
        coordinator follows, then capitalised words that open no title."""
        k = e + 1 if self.is_text(e, ",") else e
        return (
            k < self.n
            and self.toks[k].low in self.lex.coordinators
            and self.cap(k + 1)
            and self.role(k + 1) is None
            and self.honorific_or_rank(k + 1) is None
            and k + 1 not in self.person_starts
        )

    def name_after_acronym(self, j: int, limit: int) -> bool:
        """Capitalised words at ``j``, after an acronym or a code, that end the run and are no
        entity, listed place or body word: a name the NER missed ("Kepala … BMKG Daryono.")."""
        e = self.name_run(j, limit)
        after = self.tok(e)
        return (
            1 <= e - j <= 3
            and (after is None or not after.is_cap)
            and not any(x in self.named or x in self.other for x in range(j, e))
            and self.lex.known_places.longest(self.toks, j, e) is None
            and not self.has_org_word(j, e)
        )

    def introduced_from(self, pos: int, floor: int) -> int | None:
        """Start of a name introducer ending at ``pos`` ("bernama", "named"), if any."""
        for x in range(max(floor, pos - 3), pos):
            m = self.lex.name_introducers.longest(self.toks, x, pos)
            if m is not None and m[0] == pos:
                return x
        return None

    def unlisted_place(self, k: int) -> bool:
        """Token ``k`` follows a regional head's title whose places are all listed
        (place_role_titles.txt, not place_titles.txt) and is no listed place: "Wakil Gubernur
        | Taj Yasin Maimoen" names no province, so "Taj" opens the name."""
        if self.lex.known_places.longest(self.toks, k, k + 1) is not None:
            return False
        return any(
            (t := self.lex.place_role_titles.longest(self.toks, x, k)) is not None
            and t[0] == k
            and not self.lex.place_titles.longest(self.toks, x, k)
            for x in range(max(0, k - 3), k)
        )

    def next_to_cue(self, s: int, e: int) -> bool:
        """A name right before or after a quote cue ("Lim Boon Heng told", "kata Budi"), or
        after a cue and a title ("ujar hakim ketua Asmudi")."""
        if self.lex.cues.longest(self.toks, e):
            return True
        return self.after_cue(s)

    def after_cue(self, s: int) -> bool:
        """Token ``s`` follows a cue, directly or after a title."""
        starts = [s]
        for x in range(max(0, s - 4), s):
            r = self.role(x, s)
            if r is not None and r[0] == s:
                starts.append(x)
        return any(
            (m := self.lex.cues.longest(self.toks, y - back)) is not None and m[0] == y
            for y in starts
            for back in (1, 2)
            if y - back >= 0
        )

    def one_word_speaker(self, i: int, e: int) -> bool:
        """One capitalised word right after a cue, or a cue and a title, ending the clause:
        "ujar Sugiono.", "ujar hakim ketua Asmudi saat …". Many Indonesians have one name."""
        if e - i != 1 or self.lex.known_names.longest(self.toks, i, e) is not None:
            return False
        after = self.tok(e)
        return (after is None or not after.is_cap) and self.after_cue(i)

    def skip_qualifiers(self, j: int) -> int:
        """Skip what the NER marked as places or organisations between a title and a name
        ("Duta Besar Jepang untuk Indonesia Kanasugi Kenji"), with their connectors."""
        while j < self.n:
            joins = (j - 1) in self.other and self.toks[j].low in self.lex.name_connectors
            if j in self.other or joins:
                j += 1
            else:
                return j
        return j

    def trailing_org_run(self, s: int, e: int) -> int:
        """Leading acronyms of a name run are an organisation ("Ketua KPK Firli Bahuri")."""
        while s < e - 1 and self.toks[s].is_acronym:
            s += 1
        return s

    def roles_after(self, e: int) -> tuple[list[RoleHit], int]:
        """Roles in an apposition, a parenthesis or a relative clause after the name."""
        k = e
        if self.is_text(k, "("):
            close = next((x for x in range(k + 1, self.n) if self.toks[x].text == ")"), self.n)
            hits, end = self.parse_roles(k + 1, close)
            if hits:
                return hits, end
            k = close + 1  # a parenthesis without a role: an age "(45)", a name "(譚廉)"
        nxt = self.tok(k + 1)
        age = nxt is not None and nxt.text.isdigit() and self.is_text(k + 2, ",")
        if self.is_text(k, ",") and age:
            k += 2  # an age between commas: "Michael Chen, 34, a software engineer"
        while k in self.degree_after:
            k = self.degree_after[k]  # "dr. Ayu Lestari, Sp.A, dokter spesialis anak"
        k0 = k + 1 if self.is_text(k, ",") else k
        rel = self.lex.relative_markers.longest(self.toks, k0)
        if rel:
            return self.parse_roles(self.skip_determiners(rel[0]), self.n)
        if self.is_text(k, ","):
            hits, end = self.parse_roles(k + 1, self.n)
            if hits and end in self.person_starts and not self.is_text(end - 1, ","):
                return [], e  # "…, 10, BNPB spokesman Abdul Muhari said": the next name's title
            inner = min(
                (
                    p
                    for p in self.person_starts
                    if k + 1 < p < end
                    and self.org_head(p) is None
                    and (self.org_head(p - 1) is None or self.toks[p - 1].is_acronym)
                ),
                default=None,
            )  # not "Partai Amanat Nasional" the NER took for a person, nor "Partai | Amanat …"
            if inner is not None and any(
                self.lex.list_connectors.longest(self.toks, x) for x in range(inner, end + 2)
            ):
                return [], e  # "X, Gubernur BI Perry Warjiyo, dan …": a list of titled people
            return hits, end
        return [], e


# --------------------------------------------------------------------------- mentions


def _person_spans(block: Block, parser: BlockParser, ents: Sequence[tuple]) -> list[Mention]:
    """PERSON entities, cleaned of titles and of names that belong to an organisation."""
    out: list[Mention] = []
    toks = parser.toks
    for start, end, entity_id, is_person, _ in ents:
        if not is_person:
            continue
        idx = parser.overlapping(start, end)
        if not idx:
            continue
        s, e = idx[0], idx[-1] + 1
        if e - s >= 2 and any(
            (p := parser.lex.known_places.longest(toks, x, e)) is not None and p[0] == e
            for x in range(s + 1, e)
        ):
            continue  # "[Tradisional Indonesia]": no name ends in a listed place
        while s < e:
            m = parser.honorific_or_rank(s, e)
            r = parser.role(s, e)
            suffix = parser.lex.rank_suffixes.longest(toks, s, e)
            if suffix and parser.honorific_or_rank(s - 1):
                s = min(suffix[0], e)  # "Kolonel [Inf Bambang Irawan]"; "Kolonel [Laut] (P)"
            elif m and m[0] < e:
                s = m[0]
            elif r and r[0] < e and r[0] - s >= 2 and parser.toks[s].is_cap:
                s = r[0]
            else:
                break
        while e > s and not toks[e - 1].is_word:
            e -= 1
        while e < parser.n and e - s < 4:
            if parser.is_text(e, ".") and parser.initial(e - 1):
                e += 1  # "Moh" | ". Syaiful Anam": the NER cut the name at the period
                continue
            if (
                not parser.name_token(e)
                or (e in parser.other and not parser.lone_unknown_entity(e))
                or (parser.toks[e].is_acronym and parser.role(e) is not None)  # "… | OCPD"
            ):
                break
            e += 1  # "Ruzhanul" | "Ulum": a cut name runs on over capitalised words
        if (
            not parser.lex.head_final
            and e - s >= 3
            and toks[s].text not in parser.lex.name_starts
            and toks[s + 1].text in parser.lex.name_starts
            and parser.cap(s - 1)
            and not parser.portfolio_role_ends_at(s)
            and parser.role_ends_at(s)
        ):
            s += 1  # "Direktur Eksekutif [Indef Tauhid Ahmad]": the body, then a given name
        extend = parser.extend_after_title if parser.lex.head_final else parser.extend_after_entity
        s = extend(s)
        if (
            s >= 2
            and parser.is_text(s - 1, ".")
            and parser.initial(s - 2)
            and not parser.honorific_or_rank(s - 2)  # "H." is Haji
        ):
            s -= 2  # "Purwanto S. | [Abdullah]": the NER cut the name at a middle initial
            if (
                s >= 1
                and parser.name_token(s - 1)
                and (s - 1) not in parser.other
                and not parser.honorific_or_rank(s - 1)
                and not parser.in_title(s - 1)
                and parser.role(s - 1) is None
            ):
                s -= 1
        s = parser.after_place(s, e)  # "Lurah [Marunda Ahmad Fauzi]": the place is the title's
        if s > 0 and toks[s - 1].text in parser.lex.name_prefixes and parser.name_token(s):
            s -= 1  # "[I] Ketut Suarta", "[Ni] Luh Putu": the prefix is part of the name
        opens = next((x for x in range(s + 1, e) if parser.name_start(x)), s)
        if opens > s and not parser.name_start(s) and any(
            (r := parser.role(y)) and parser.is_portfolio(y, r[0])
            for y in range(parser.run_start(s, 0), s)
        ):
            s = opens  # "Minister for Home [Affairs K. Shanmugam]": the portfolio ends at a name
        known = parser.lex.known_names.longest(toks, s, e)
        if (
            known is not None
            # "[Partai Golkar Muhammad Sarmuji]"; one word with a given name after it:
            # "[Danantara Rosan Roeslani]"
            and (
                known[0] - s >= 2
                or (known[0] < e and toks[known[0]].text in parser.lex.name_starts)
            )
            and known[0] < e
            and all(parser.name_token(k) for k in range(known[0], e))
        ):
            s = known[0]  # "[Partai Golkar Muhammad Sarmuji]": a known organisation glued on
        if e <= s or not toks[s].is_cap or parser.has_org_head(s, e):
            continue
        if any(not t.is_word and t.text not in ".-'’" for t in toks[s:e]):
            continue  # a URL or an e-mail address, not a name
        named_after = next(  # "RSUP Dr. | Sardjito": a body named after a titled person
            (
                h
                for h in range(max(0, s - 3), s)
                if (t := parser.honorific_or_rank(h)) is not None and t[0] == s
            ),
            s,
        )
        if not parser.lex.head_final and any(
            parser.org_head(x - back) == x
            for x in {s, named_after}
            for back in (1, 2, 3)
            if x - back >= 0
        ):
            # "SMA Luong Van Tuy": a person's name inside an organisation's name (where the
            # head ends the name, "National Assembly | Tran Thanh Man", a person may follow)
            continue
        if _inside_longer_name(parser, s) or _has_acronym(parser, s, e):
            continue
        out.append(_mention(block, parser, s, e, entity_id, "ner"))
    return out


def _inside_longer_name(parser: BlockParser, s: int) -> bool:
    """A capitalised non-title word right before the span ("Kesetaraan Gender"): the span is
    the tail of some longer name, and a person's name would have included that word."""
    prev = parser.tok(s - 1)
    if prev is not None and prev.low in parser.lex.name_connectors and prev.text.islower():
        # "SMA Luong Van Tuy untuk Siswa Berbakat": joined to an organisation by a connector
        start = parser.run_start(s - 1, 0)
        return parser.has_org_head(start, s - 1) or (s - 2) in parser.other
    if prev is None or not (prev.is_word and prev.is_cap) or prev.text in parser.lex.stopwords:
        return False
    if prev.text in parser.lex.name_prefixes:
        return False  # "hakim ketua [I] Ketut Suarta": a Balinese prefix, part of the name
    if prev.text in parser.lex.org_words and parser.name_start(s):
        return False  # "analis Phintraco Sekuritas | Ratna Lim": a body's last word, a name
    before = parser.tok(s - 2)
    if before is None or before.text in SENTENCE_OPENERS:
        return False  # a sentence opener such as "Menyoroti" proves nothing
    if (s - 1) in parser.other and any(
        (m := parser.lex.known_places.longest(parser.toks, x, s)) is not None and m[0] == s
        for x in range(max(0, s - 3), s)
    ):
        return False  # "Pemain timnas [Indonesia] Marselino Ferdinan": a place, then the name
    return not (
        parser.honorific_or_rank(s - 1)
        or parser.premodifier(s, 0) is not None
        or parser.is_text(s - 1, ")")
    )


def _has_acronym(parser: BlockParser, s: int, e: int) -> bool:
    """"Rencana Aksi Nasional (NAPT)": an acronym defined right after a name marks a programme
    or an organisation; a person's initials ("Susilo Bambang Yudhoyono (SBY)") do not count."""
    acr = parser.tok(e + 1)
    if not (parser.is_text(e, "(") and parser.is_text(e + 2, ")") and acr and acr.is_acronym):
        return False
    initials = "".join(t.text[0] for t in parser.toks[s:e] if t.is_word).upper()
    return len(acr.text) >= 3 and acr.text != initials


def _mention(
    block: Block, parser: BlockParser, s: int, e: int, eid: int | None, src: str
) -> Mention:
    prev = parser.tok(s - 1)
    suffix = parser.lex.name_suffixes.longest(parser.toks, e - 1)
    if suffix is not None and suffix[0] == e + 1:
        e += 1  # "Marcos Jr" + ".": the suffix keeps its period
    name, end = parser.span_text(s, e), parser.toks[e - 1].end
    for suffix in parser.lex.possessives:  # "Hishammuddin Hussein's lawyer"
        if name.endswith(suffix) and len(name) > len(suffix):
            name, end = name[: -len(suffix)], end - len(suffix)
            break
    return Mention(
        block.block_id,
        s,
        e,
        name,
        parser.toks[s].start,
        end,
        eid,
        src,
        initial=(prev is None or prev.text in SENTENCE_OPENERS) and not _aged(parser, e),
    )


def _aged(parser: BlockParser, e: int) -> bool:
    """An age right after the name ("Yuliani, 39, …", "Suparmi (56)"): a person, even as the
    first word of a sentence."""
    age = parser.tok(e + 1)
    if age is None or not age.text.isdigit() or not 1 <= int(age.text) <= 120:
        return False
    if parser.tok(e + 3) is None:
        return False  # "Komentar (0)" closing a page is a counter, not an age
    return (parser.is_text(e, ",") and parser.is_text(e + 2, ",")) or (
        parser.is_text(e, "(") and parser.is_text(e + 2, ")")
    )


def _overlaps(spans: Sequence[Mention], s: int, e: int) -> bool:
    return any(m.s < e and s < m.e for m in spans)


def _title_body(parser: BlockParser, s: int, e: int) -> bool:
    """The capitalised words ``s:e`` after a title are more of the title, not a name: a
    demonstrative follows ("Mantan Menteri Perumahan Rakyat itu"), they open with an
    organisation head ("Sekretaris Fraksi …") or they end in a listed place ("Menteri Imigrasi
    Australia yang …")."""
    k = parser.entity_end.get(e, e)  # "Sekretaris Fraksi [Partai Demokrat] itu"
    nxt = parser.tok(k)
    if nxt is not None and nxt.low in parser.lex.demonstratives and nxt.text.islower():
        return True
    if parser.org_head(s) is not None or parser.org_head(e) is not None:
        return True  # "Kepala Bidang Kedokteran dan [Kesehatan] Polda …": inside a chain
    if parser.has_org_word(s, e):
        return True  # "pendiri [Lokataru Foundation]"
    if any(
        (m := parser.lex.known_names.longest(parser.toks, x, e)) is not None and m[0] == e
        for x in range(s + 1, e)
    ):
        return True  # "Vice President [Corporate Communication Pelindo]": a body ends it
    if any(parser.toks[x].is_acronym for x in range(s + 1, e - 1)):
        return True  # "Anggota [Fraksi PDI Perjuangan DPRD]": an acronym inside is a body's
    inner = parser.tok(e + 1)
    if nxt is not None and nxt.text == "(" and inner is not None and (
        _has_acronym(parser, s, e)
        or (inner.is_cap and parser.tok(e + 2) is not None and parser.toks[e + 2].text[0].isdigit())
    ):
        return True  # "Direktur Jenderal Korporasi Pangan Selatan (Vinafood 2)": a body's name
    return any(
        (m := parser.lex.known_places.longest(parser.toks, x, e)) is not None and m[0] == e
        for x in range(s + 1, e)
    )


def _anchored_spans(block: Block, parser: BlockParser, taken: list[Mention]) -> list[Mention]:
    """Names found by the lexicons alone: after a title, or before a role apposition."""
    out: list[Mention] = []
    lex = parser.lex
    i = 0
    toks, lower_titles = parser.toks, lex.lower_titles
    while i < parser.n:
        if not toks[i].is_cap and toks[i].text not in lower_titles:
            i += 1  # every anchor below starts with a capital (or a lower-case honorific)
            continue
        m = parser.honorific_or_rank(i)
        if m and (parser.inside_role(i, m[0]) or (i > 0 and parser.org_head(i - 1) == i)):
            m = None  # the rank word of an office or a body: "Direktur/Direktorat Jenderal"
        if m:
            j = parser.after_titles(m[0])
            if parser.role(j) is not None and parser.cap(j):
                i = j  # "Bapak Wakil Presiden RI": the honorific addresses a title, no name
                continue
            e = parser.name_run(j)
            if e > j and not _overlaps(taken + out, j, e):
                out.append(_mention(block, parser, j, e, None, "title"))
            i = max(e, i + 1)
            continue
        r = parser.role(i)
        # "Nguyen Thi Thanh Ha, Wakil Menteri Dalam Negeri Vietnam,": an apposition to a name
        # already found names no one after its title (checked last: most tokens have no role)
        if (
            r
            and parser.toks[i].is_cap
            # "Singapore Premier League": a title word opening a known name is no title
            and not (
                (known := lex.known_names.longest(toks, i)) is not None and known[0] > r[0]
            )
            and not (parser.is_text(i - 1, ",") and any(m.e == i - 1 for m in taken + out))
            and not parser.has_org_head(parser.run_start(i, 0), i)
        ):
            j = parser.after_titles(r[0])
            j2 = parser.skip_qualifiers(j)
            body_named = j2 > 0 and parser.org_head(j2 - 1) == j2  # "RSUP | Dr. Sardjito"
            j2 = parser.after_titles(j2)  # "Rektor Institut Teknologi Bandung Prof. Reini …"
            e = j2 if body_named else parser.name_run(j2)
            if j2 == j and parser.org_head(j - 1) == j:
                e = j  # "Kepala Seksi | Pidana Umum …": after a unit word comes its name
            j2 = parser.after_place(j2, e)
            if j2 == j and parser.whole_place(j2, e):
                e = j  # "Bupati Kolaka Timur nonaktif Abdul Azis": the place, then the name
            nxt_tok = parser.tok(e)
            if e > j2 and all(x in parser.other for x in range(j2, e)) and (
                nxt_tok is not None and nxt_tok.is_word and not nxt_tok.text.islower()
            ):
                e = j2  # "Pelatih [Timnas Indonesia] U-17 Nova Arianto": the body, not the name
            if j2 == j and parser.is_portfolio(i, j) and (
                parser.org_head(e) is not None or parser.is_text(e, ",")
            ):
                e = j  # "Direktur Jenderal | Pajak | Kementerian Keuangan, X": the portfolio
            if e == j2 == j and not lex.head_final:
                # "Pengamat pendidikan Ubaid Matraji menyambut": qualifiers, then the name
                q = j
                while q - j < 3 and parser.qualifier(q):
                    q += 1
                q = parser.skip_qualifiers(q) if q > j else q  # "Pemain timnas [Indonesia] X"
                after = parser.tok(parser.name_run(q))
                if q > j and parser.name_run(q) - q >= 2 and (after is None or not after.is_cap):
                    j2, e = q, parser.name_run(q)
            nxt = parser.tok(j2)
            if e == j2 and j2 > j and nxt is not None and nxt.is_word and not nxt.is_cap:
                # "Pengacara [Hotman Paris Hutapea] mendampingi": an ORG/LOC that fills the gap
                # between a title and a lower-case word, with no head, is the name
                whole = parser.name_run(j)
                first = parser.trailing_org_run(j, whole)  # "Ketua [KPU] [Hasyim Asyari]"
                if whole == j2 and whole - first >= 2 and not parser.whole_place(first, whole):
                    j2 = parser.after_place(first, whole)  # "Wali Kota [Semarang Hevearita …]"
                    e = whole
            j2 = parser.trailing_org_run(j2, e)
            x = e
            while e > j2 and x - e < 4 and parser.cap(x) and not parser.honorific_or_rank(x):
                x += 1  # "Kapolres Bogor | Kota | Kombes …": the body may hold a head word
            rank = parser.honorific_or_rank(x) if e > j2 else None
            if rank is not None and parser.name_run(rank[0]) > rank[0]:
                # "Kapolres [Metro Jakarta Selatan] Kombes Ade Rahmat Idnal": the words between a
                # title and a rank with its name are the title's body, the name follows the rank
                i = e
                continue
            joined = (
                (
                    parser.tok(e) is not None
                    and parser.toks[e].low in lex.name_connectors
                    and parser.cap(e + 1)
                )
                or parser.enumeration_end(e, parser.n) is not None
            ) and parser.list_then_role(e) is None  # "… X dan Panglima TNI Y": two people
            # the capitalised run goes on past the name words with a word of no entity: the
            # words are a portfolio, not a name ("Direktur [Tata Usaha] Negara di …")
            runs_on = parser.cap(e) and e not in parser.named and e not in parser.person_starts
            if (
                e > j2
                and e - j2 <= 4
                and not joined
                and not runs_on
                and not _overlaps(taken + out, j2, e)
                and not _title_body(parser, j2, e)
            ):
                out.append(_mention(block, parser, j2, e, None, "title"))
                i = e
                continue
            # "Juru Bicara Kementerian Luar Negeri, Lalu Muhamad Iqbal, menolak …"
            _, end = parser.parse_roles(i, parser.n)
            # "Direktur Utama PT Pertamina (Persero) Nicke Widyawati memastikan …"
            # an acronym ends the organisation's name: "… Tsunami BMKG | Daryono."
            acronym = parser.toks[end - 1].is_acronym
            if end > j2 and parser.name_token(end) and (
                not parser.cap(end - 1)
                or parser.name_start(end)
                or parser.toks[end - 1].has_digit  # "Timnas … U-17 | Nova"
                or acronym
            ):
                e = parser.name_run(end)
                after = parser.tok(e)
                closed = after is None or not after.is_cap
                # one word only right after the organisation's "(ACRONYM)": "(BRI) Sunarso"
                short_ok = e - end == 1 and (parser.is_text(end - 1, ")") or acronym)
                if (2 <= e - end <= 4 or short_ok) and closed and not _overlaps(
                    taken + out, end, e
                ):
                    out.append(_mention(block, parser, end, e, None, "title"))
                    i = e
                    continue
            if parser.is_text(end, ",") and parser.name_token(end + 1):
                n0 = end + 1
                for _ in range(2):  # "…, Kabupaten Muara Enim, Sumatera Selatan, X,"
                    place = parser.lex.known_places.longest(parser.toks, n0)
                    body = n0
                    while body in parser.other:
                        body += 1  # "…, Bareskrim Polri, AKBP X,": the parent body's clause
                    if place is not None and parser.is_text(place[0], ","):
                        n0 = place[0] + 1
                    elif body > n0 and parser.is_text(body, ",") and parser.cap(body + 1):
                        n0 = body + 1
                    else:
                        break
                n0 = parser.after_titles(n0)  # "Ketua Umum PBSI, Irjen Pol Gatot Prasetyo,"
                e = parser.name_run(n0)
                after = parser.tok(e)
                closed = after is None or after.text == "," or not after.is_cap
                one = (  # "Direktur Utama RSUP Dr. Sardjito, Eniarti, mengatakan …"
                    e - n0 == 1
                    and parser.is_text(e, ",")
                    and len(parser.toks[n0].text) >= 3
                    and parser.lex.known_names.longest(parser.toks, n0, e) is None
                )
                if (
                    (e - n0 >= 2 or one)
                    and closed
                    and not _overlaps(taken + out, n0, e)
                    and not parser.person_follows(e)  # "Kepala X, Jabatan …, Mohd Firdaus,"
                    and not parser.enumerated(e)  # "…, Aset Keuangan Digital, dan Aset …"
                ):
                    out.append(_mention(block, parser, n0, e, None, "title"))
                    i = e
                    continue
            i = max(j, i + 1)
            continue
        if parser.name_token(i) and not parser.name_token(i - 1):
            before = len(out)
            e = parser.name_run(i)
            lower_title = next(
                (
                    x
                    for x in range(max(0, i - 3), i)
                    if (r := parser.role(x, i)) is not None
                    and r[0] == i
                    and parser.toks[x].text.islower()
                    and not parser.is_portfolio(x, i)
                ),
                None,
            )
            if (
                lower_title is not None
                # one word only next to a cue: "(BNPB) head Suharyanto said"
                and (2 <= e - i <= 4 or (e - i == 1 and parser.next_to_cue(i, e)))
                # (head-final: only next to a cue, "CHR spokesperson X said")
                and (not lex.head_final or parser.next_to_cue(i, e))
                and not _title_body(parser, i, e)
                and lex.known_names.longest(parser.toks, i, e) is None
                # an entity of the NER exactly over the name is its misreading of a person
                and (not any(x in parser.other for x in range(i, e)) or (i, e) in parser.spans)
                and not _overlaps(taken + out, i, e)
            ):
                out.append(_mention(block, parser, i, e, None, "title"))  # "gelandang Thom Haye"
                i = e
                continue
            prev = parser.tok(i - 1)
            # "di Jakarta dan Bandung": after a place preposition, or a connector after a place
            after_place = prev is not None and (
                prev.low in lex.place_prepositions
                or (prev.low in lex.name_connectors and (i - 2) in parser.other)
            )
            inside = any(k in parser.other for k in range(i, e))
            # one word is enough before "yang merupakan Ketua …", two before a bare comma
            k0 = e + 1 if parser.is_text(e, ",") else e
            relative = parser.lex.relative_markers.longest(parser.toks, k0) is not None
            # "seorang ibu bernama Maricel Dela Cruz", "a man named Ali"
            introduced = parser.introduced_from(i, 0) is not None
            if introduced and e == i and parser.toks[i].is_acronym:
                e = i + 1  # "tersangka berinisial RS": initials are the name given
            aged = _aged(parser, e) and parser.cap(i) and (i - 1) not in parser.named
            # one word before a role apposition: "Suparman, pedagang bakso di Pasar Minggu,"
            # (a lower-case title: "Sebelumnya, Ketua MK …" opens a sentence, names no one)
            apposed = e - i == 1 and parser.is_text(e, ",") and any(
                h.role[:1].islower() for h in parser.roles_after(e)[0]
            )
            # one word between commas after a title clause: "pengamat politik dari Universitas
            # Andalas, Asrinaldi, koalisi …"
            between = (
                e - i == 1
                and parser.is_text(i - 1, ",")
                and parser.is_text(e, ",")
                and len(parser.toks[i].text) >= 4
                and not inside
                and lex.known_names.longest(parser.toks, i, e) is None
                and (x := parser.clause_role(i - 1, 0)) is not None
                # "Kepala Desa Sukamaju, Cibeber,": after a place's title a word is its area
                and lex.place_titles.longest(parser.toks, x) is None
            )
            long_enough = (
                e - i >= 2
                or between
                or relative
                or introduced
                or aged
                or apposed
                or parser.one_word_speaker(i, e)
            )
            lone = e - i == 1 and parser.lone_unknown_entity(i)  # "[Warsito] (47)": a misread
            if (
                long_enough
                and e > i
                and not after_place
                and (not inside or introduced or (aged and lone))
                and not _overlaps(taken + out, i, e)
            ):
                hits, _ = parser.roles_after(e)
                if hits and (hits[0].role[:1].isupper() or hits[0].organization):
                    out.append(_mention(block, parser, i, e, None, "apposition"))
                elif introduced or (aged and e - i == 1):  # "…, Suparmi (56), mengaku"
                    out.append(_mention(block, parser, i, e, None, "title"))
                elif (
                    hits
                    and e - i >= 2
                    and parser.is_text(e, ",")
                    and lex.known_names.longest(parser.toks, i, e) is None
                    and not parser.has_org_word(i, e)
                ):  # "Hotman Paris Hutapea, pengacara yang mendampingi …": a lower-case title
                    out.append(_mention(block, parser, i, e, None, "apposition"))
                elif (
                    parser.is_text(i - 1, ",")
                    and (parser.is_text(e, ",") or _aged(parser, e))
                    and not parser.enumerated(e)
                    and parser.clause_role(i - 1, 0) is not None
                ):  # "A firefighter, Mohd Hafiz Rosli, who was …": the name of the role before
                    out.append(_mention(block, parser, i, e, None, "apposition"))
                elif parser.next_to_cue(i, e):
                    out.append(_mention(block, parser, i, e, None, "speaker"))
            elif (
                inside
                and e - i >= 2
                and not after_place
                and parser.is_text(e, ",")
                and not parser.has_org_head(i, e)
                and not any(parser.toks[x].is_acronym for x in range(i, e))
                and parser.lex.known_names.longest(parser.toks, i, e) is None
                and (i - 1) not in parser.other
                and (e not in parser.other)
                and not _overlaps(taken + out, i, e)
                and parser.roles_after(e)[0]
            ):
                # "Goh Choon Phong, chief executive of Singapore Airlines," read as an ORG:
                # a name with a role apposition is a person
                out.append(_mention(block, parser, i, e, None, "apposition"))
            elif inside and relative and e - i >= 2 and (e - 1) in parser.other:
                # "Provinsi Jawa Tengah Sumarno, yang juga menjabat …" read as one place: a
                # relative clause holding a role needs a person, the run's last word
                hits, _ = parser.roles_after(e)
                if hits and not _overlaps(taken + out, e - 1, e):
                    out.append(_mention(block, parser, e - 1, e, None, "apposition"))
            if len(out) == before:
                # no name taken: a title inside the run may still anchor one ("Vietnam's
                # Deputy Minister of Health Tran Van Thuan")
                e = next((x for x in range(i + 1, e) if parser.role(x)), e)
            i = max(e, i + 1)
            continue
        i += 1
    return out


def _names_in_entities(
    block: Block, parser: BlockParser, per_block: dict[int, list[Mention]], short: set[str]
) -> list[Mention]:
    """A one-word name found elsewhere ("kata Uka") inside a place or organisation the NER
    glued to it ("Kabupaten Bandung Uka Suska Puji Utama"): the name starts there."""
    out: list[Mention] = []
    taken = per_block[block.block_id]
    for k in sorted(parser.other):
        if parser.toks[k].text in short and (k - 1) in parser.other and parser.name_token(k):
            e = parser.name_run(k)
            if not _overlaps(taken + out, k, e):
                out.append(_mention(block, parser, k, e, None, "title"))
    return out


def _names_after_known(block: Block, parser: BlockParser, taken: list[Mention]) -> list[Mention]:
    """A name the NER glued to the place or organisation of a title before it ("Kepala Bagian
    Humas [Universitas Indonesia Amelita Lusia] menyampaikan"): where a gazetteer name ends
    inside the entity and personal-name words fill the rest up to a lower-case word, the rest
    is the person. One word is taken only if the gazetteer of given names knows it."""
    out: list[Mention] = []
    for a, b in parser.spans:
        nxt = parser.tok(b)
        if b - a < 2 or nxt is None or not nxt.is_word or nxt.is_cap:
            continue  # the glued name runs up to the verb
        start = parser.run_start(a, 0)
        if not any(parser.role(y) and parser.cap(y) for y in range(start, a)):
            continue
        for p in range(b - 1, a, -1):
            acronym = parser.toks[p - 1].is_acronym  # "[BMKG Daryono] mengatakan"
            if not acronym and not parser.named_body_ends(a, p) and not any(
                (m := parser.lex.known_names.longest(parser.toks, x, p)) is not None
                and m[0] == p
                and (p - x >= 2 or parser.org_head(x) is None)  # not a bare "Badan"
                for x in range(a, p)
            ):
                continue
            if (
                b - p <= 4
                and all(parser.name_token(k) for k in range(p, b))
                and not parser.toks[p].is_acronym
                and (b - p >= 2 or acronym or parser.toks[p].text in parser.lex.given_names)
                and not parser.whole_place(p, b)  # "[BNPB Jakarta] mengatakan": a place
                and not _overlaps(taken + out, p, b)
            ):
                out.append(_mention(block, parser, p, b, None, "title"))
            break
    return out


def block_entities(
    blocks: Sequence[Block], docs: Sequence[Doc], entities: Sequence[Entity]
) -> dict[int, list[tuple]]:
    """``(start, end, entity_id, is_person)`` per block; the Doc's ents when the entities stage
    gave none."""
    out: dict[int, list[tuple]] = {b.block_id: [] for b in blocks}
    if entities:
        for ent in entities:
            if ent.block_id in out:
                out[ent.block_id].append(
                    (ent.start, ent.end, ent.entity_id, ent.label in PERSON_LABELS, ent.label)
                )
        return out
    for block, doc in zip(blocks, docs, strict=False):
        for ent in doc.ents:
            out[block.block_id].append(
                (ent.start_char, ent.end_char, None, ent.label_ in PERSON_LABELS, ent.label_)
            )
    return out


@lru_cache(maxsize=4096)
def name_key(name: str) -> tuple[str, ...]:
    return tuple(t.low for t in tokenize(name) if t.is_word)


def _reference_trie(names: Iterable[str], lex: PeopleLexicon) -> Trie:
    """Full names, and the first and last word of longer names, as later references."""
    trie = Trie()
    for name in names:
        words = [t for t in tokenize(name) if t.is_word]
        trie.add(name, name)
        if len(words) >= 2:
            for w in (words[0], words[-1]):
                if len(w.text) >= 3 and w.low not in lex.particles and w.is_cap:
                    trie.add(w.text, name)
    return trie


def _reference_spans(
    block: Block, parser: BlockParser, taken: list[Mention], refs: Trie
) -> list[Mention]:
    out: list[Mention] = []
    i = 0
    while i < parser.n:
        m = refs.longest(parser.toks, i) if parser.toks[i].is_cap else None
        if m and not _overlaps(taken, i, m[0]):
            e = m[0]
            whole = parser.name_run(i)
            if whole <= e and not parser.cap(i - 1):
                out.append(_mention(block, parser, i, e, None, "reference"))
                i = e
                continue
        i += 1
    return out


def _attach_titles(parser: BlockParser, mentions: list[Mention]) -> None:
    """Honorific, rank and roles of each mention, left to right; a role region is used once."""
    floor = 0
    for men in sorted(mentions, key=lambda x: x.s):
        if men.s < floor:
            continue
        pos, titles = parser.titles_before(men.s, floor)
        for kind, text, en in titles:
            if kind == "honorific" and men.honorific is None:
                men.honorific = text
            elif kind == "rank" and men.rank is None:
                men.rank, men.rank_en = text, en
        pre = parser.premodifier(pos, floor)
        if pre is None and not titles and (x := parser.introduced_from(pos, floor)) is not None:
            pre = parser.premodifier(x, floor)  # "sopir truk | bernama | Wahyu Setiawan (29)"
        target = _apposed_person(parser, men, mentions) if pre and not titles else None
        if pre and target is not None:
            # "Kuasa hukum Aswandini, Sugeng Riyadi, menilai", "Kepala Zona Kamla Barat Bakamla,
            # Laksamana Pertama Bambang Trijanto, mengatakan": the title is the apposed
            # person's; what came between was its client, or the end of its organisation
            hits = pre[1]
            placed = all(x in parser.other for x in range(men.s, men.e))  # "nelayan [Muara Angke]"
            if _ends_organisation(hits, men) or (placed and hits[-1].organization is None):
                last = hits[-1]
                hits[-1] = RoleHit(
                    last.role,
                    last.role_en,
                    f"{last.organization} {men.name}" if last.organization else men.name,
                    last.parent_organization,
                    last.start,
                    men.end,
                )
                hits = [hits[-1]]  # its evidence now covers the mention: dropped below
            target.roles.extend(hits)
            floor = men.e + 1
            continue
        if pre:
            men.roles.extend(pre[1])
            _, more = parser.titles_before(pre[2], floor)
            for kind, text, en in more:
                if kind == "honorific" and men.honorific is None:
                    men.honorific = text
                elif kind == "rank" and men.rank is None:
                    men.rank, men.rank_en = text, en
        elif parser.is_text(pos - 1, ",") and pos - 1 > floor:
            # "Ketua KPK, Firli Bahuri, mengatakan": role, comma, name.
            start = parser.run_start(pos - 1, floor)
            before = parser.tok(start - 1)
            follows = parser.tok(men.e)
            if (
                start < pos - 1
                and parser.role(start, pos - 1)
                and (before is None or not before.is_cap)
                and (follows is None or follows.text == "," or not follows.is_cap)
            ):
                hits, _ = parser.parse_roles(start, pos - 1)
                men.roles.extend(hits)
            elif follows is None or follows.text == "," or not follows.is_cap:
                clause = parser.clause_role(pos - 1, floor)
                if clause is not None:
                    hits, _ = parser.parse_roles(clause, pos - 1)
                    men.roles.extend(hits)
        hits, end = parser.roles_after(men.e)
        men.roles.extend(hits)
        floor = max(end, men.e)


def _apposed_person(parser: BlockParser, men: Mention, mentions: list[Mention]) -> Mention | None:
    """The person apposed to ``men`` after a comma with at most an honorific or rank of its own,
    when the apposition closes on a verb (", X, menilai", ", X mengatakan"), not on a list
    ("X, Y, dan Z")."""
    if not parser.is_text(men.e, ","):
        return None
    nxt = min((m for m in mentions if m.s > men.e), key=lambda m: m.s, default=None)
    if nxt is None or parser.titles_before(nxt.s, men.e + 1)[0] != men.e + 1:
        return None
    k = nxt.e
    if parser.is_text(k, "(") and parser.is_text(k + 2, ")") and parser.toks[k + 1].text.isdigit():
        k += 3  # "…, Darsono (58), menemukan": an age
    k = k + 1 if parser.is_text(k, ",") else k
    if parser.toks[k].text.isdigit() if k < parser.n else False:
        k = k + 2 if parser.is_text(k + 1, ",") else k  # "…, Aung Ko Latt, 29, said"
    after = parser.tok(k)
    if after is None or not after.is_word or after.is_cap:
        return None
    if parser.lex.list_connectors.longest(parser.toks, k) or after.low in parser.lex.glue:
        return None
    return nxt


def _ends_organisation(hits: list[RoleHit], men: Mention) -> bool:
    """``men`` follows its title's organisation with nothing between: the last word(s) of it."""
    last = hits[-1] if hits else None
    return last is not None and last.organization is not None and last.end + 1 == men.start


# --------------------------------------------------------------------------- merging


@dataclass(slots=True)
class _Cluster:
    name: str
    key: tuple[str, ...]
    mentions: list[Mention]
    entity_ids: set[int]
    last: tuple[int, int]
    aliases: list[tuple[str, ...]] = field(default_factory=list)


def names_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return bool(a) and bool(b) and (set(a) <= set(b) or set(b) <= set(a))


def _alias(prev: Mention | None, men: Mention, texts: dict[int, str]) -> bool:
    """``men`` is written in parentheses right after ``prev``: "Joko Widodo (Jokowi)",
    "Basuki Tjahaja Purnama (Ahok)": another name of the same person."""
    if prev is None or prev.block_id != men.block_id or prev.end > men.start:
        return False
    text = texts.get(men.block_id, "")
    return text[prev.end : men.start].strip() == "(" and text[men.end : men.end + 1] == ")"


def _cluster(mentions: Sequence[Mention], texts: dict[int, str]) -> list[_Cluster]:
    """One cluster per person: shared entity id, name words contained in the other's, or a
    parenthesised alias of a name."""
    clusters: list[_Cluster] = []
    prev: tuple[Mention, _Cluster] | None = None
    for men in sorted(mentions, key=lambda m: (m.block_id, m.start)):
        key = name_key(men.name)
        pos = (men.block_id, men.start)
        if prev is not None and _alias(prev[0], men, texts) and not names_compatible(
            key, prev[1].key
        ):
            c = prev[1]  # "Joko Widodo (Jokowi)"
            c.mentions.append(men)
            c.aliases.append(key)
            c.last = pos
            if men.entity_id is not None:
                c.entity_ids.add(men.entity_id)
            prev = (men, c)
            continue
        cands = [
            c
            for c in clusters
            if names_compatible(key, c.key)
            or any(names_compatible(key, a) for a in c.aliases)
            or (men.entity_id is not None and men.entity_id in c.entity_ids and len(key) == 1)
        ]
        if not cands and men.entity_id is not None:
            cands = [c for c in clusters if men.entity_id in c.entity_ids and set(key) & set(c.key)]
        if cands:
            c = max(cands, key=lambda c: c.last)
            c.mentions.append(men)
            if len(key) > len(c.key):
                c.name, c.key = men.name, key
            c.last = pos
        else:
            c = _Cluster(men.name, key, [men], set(), pos)
            clusters.append(c)
        if men.entity_id is not None:
            c.entity_ids.add(men.entity_id)
        prev = (men, c)
    return clusters


def _evidenced(c: _Cluster, text: str) -> bool:
    """Drop a one-word name with no title seen only as the first word of sentences (a
    capitalised sentence opener, "Menyoroti …", is no evidence of a person) or also written in
    lower case in the article ("Lokakarya ini …" / "menghadiri lokakarya": a common noun)."""
    if not c.key:
        return False  # no word at all: nothing to report
    if len(c.key) > 1:
        return True
    if any(m.honorific or m.rank or m.roles for m in c.mentions):
        return True
    if all(m.initial for m in c.mentions):
        return False
    word = c.key[0]
    if word not in text:  # a plain substring test first: cheap
        return True
    return regex.search(rf"(?<!\w){regex.escape(word)}(?!\w)", text) is None


HEADLINE_MIN_WORDS = 6
HEADLINE_CAPITALISED = 0.8
SENTENCE_CLOSERS = frozenset({".", "!", "?", '"', "\u201d", "'", ")", ":"})


def headline_case(toks: Sequence[Tok], function_words: frozenset[str] = frozenset()) -> bool:
    """A block in title case, not ending like a sentence ("Kades Sidomulyo Dituntut 7 Tahun
    Penjara dalam Kasus Korupsi Dana Desa").

    Capitals carry no evidence of names there: every word of a headline has one, so a title
    followed by capitalised words is no "title + name". Such a block gets only the names the
    body introduces.
    """
    words = [
        t
        for t in toks
        if t.is_word and t.text[0].isalpha() and not (t.text.islower() and t.low in function_words)
    ]  # "… Hendrawan Saputra sebagai Menteri Kelautan dan Perikanan": "sebagai", "dan" are
    # lower case in title case too
    if len(words) < HEADLINE_MIN_WORDS or toks[-1].text in SENTENCE_CLOSERS:
        return False  # a sentence dense with names ends like one: "… di Jakarta, Jumat."

    return sum(t.is_cap for t in words) >= HEADLINE_CAPITALISED * len(words)


def find_mentions(
    blocks: Sequence[Block],
    docs: Sequence[Doc],
    entities: Sequence[Entity],
    lang: str,
) -> list[Mention]:
    """Every person mention of the article with its titles and roles, in reading order."""
    lex = people_lexicon(lang)
    ents = block_entities(blocks, docs, entities)
    parsers = {b.block_id: BlockParser(b.text, lex) for b in blocks}
    per_block: dict[int, list[Mention]] = {}
    for b in blocks:
        p = parsers[b.block_id]
        p.set_entities(ents[b.block_id])
        if headline_case(p.toks, lex.function_words):
            per_block[b.block_id] = []  # only names the body introduces (references below)
            continue
        spans = _person_spans(b, p, ents[b.block_id])
        spans += _anchored_spans(b, p, spans)
        spans += _names_after_known(b, p, spans)
        per_block[b.block_id] = spans
    short = {m.name for spans in per_block.values() for m in spans if len(name_key(m.name)) == 1}
    if short:
        for b in blocks:
            per_block[b.block_id] += _names_in_entities(b, parsers[b.block_id], per_block, short)
    names = {m.name for spans in per_block.values() for m in spans if len(name_key(m.name)) > 1}
    refs = _reference_trie(sorted(names), lex)
    out: list[Mention] = []
    for b in blocks:
        p = parsers[b.block_id]
        spans = per_block[b.block_id]
        spans += _reference_spans(b, p, spans, refs)
        _attach_titles(p, spans)
        # a "name" inside another person's role ("Second Minister for Law") is no person
        evidence = [(h.start, h.end, m) for m in spans for h in m.roles]
        spans = [
            m
            for m in spans
            if not any(a <= m.start and m.end <= b and o is not m for a, b, o in evidence)
        ]
        out.extend(sorted(spans, key=lambda m: m.s))
    return out


def _place_into_role(hit: RoleHit, text: str, lex: PeopleLexicon) -> RoleHit:
    """``[people] place_in_role``: "Gubernur" of "Jawa Barat" becomes the role "Gubernur Jawa
    Barat" when the title is a regional head's (place_role_titles.txt) and its place is written
    right after it ("Mayor of Manila" stays)."""
    org = hit.organization
    if org is None or hit.parent_organization is not None:
        return hit
    if not text[hit.start : hit.end].startswith(f"{hit.role} {org}"):
        return hit
    head = tokenize(hit.role)
    titled = any(
        (m := lex.place_role_titles.longest(head, k)) is not None and m[0] == len(head)
        for k in range(len(head))
    )  # "mantan Gubernur", "Wakil Bupati"
    if not titled:
        return hit
    return RoleHit(f"{hit.role} {org}", hit.role_en, None, None, hit.start, hit.end)


def _restates(short: RoleHit, full: RoleHit) -> bool:
    """``short`` is a shorter mention of the role ``full`` of the same person.

    "tegas Wakil Menteri Nguyen Van Khiem" after "Wakil Menteri Industri dan Perdagangan Nguyen
    Van Khiem", "Judge Goh" after "District Judge Marvin Goh": the same office, not a second
    one, so it gets no row of its own. A shorter title with its own organisation is kept.
    """
    a, b = short.role.lower().split(), full.role.lower().split()
    if len(a) >= len(b) or short.organization not in (None, full.organization):
        return False
    return b[: len(a)] == a or b[-len(a) :] == a


def extract_people(
    blocks: Sequence[Block],
    docs: Sequence[Doc],
    entities: Sequence[Entity],
    lang: str,
    settings: Settings,
) -> tuple[tuple[Person, ...], tuple[Role, ...]]:
    """People (0-based ids in order of first mention) and their roles, one row per distinct
    (role, organisation, parent) with the first evidence span."""
    # a mention needs a word to be a name (a rule that yields none must not stop the article)
    mentions = [m for m in find_mentions(blocks, docs, entities, lang) if name_key(m.name)]
    text = "\n".join(b.text for b in blocks)
    texts = {b.block_id: b.text for b in blocks}
    if settings.people.get("place_in_role", False):
        lex = people_lexicon(lang)
        for m in mentions:
            m.roles = [_place_into_role(h, texts[m.block_id], lex) for h in m.roles]
    clusters = [c for c in _cluster(mentions, texts) if _evidenced(c, text)]
    people: list[Person] = []
    roles: list[Role] = []
    for pid, c in enumerate(clusters):
        ms = c.mentions
        hon = next((m.honorific for m in ms if m.honorific), None)
        ranked = next((m for m in ms if m.rank), None)
        people.append(
            Person(
                pid,
                c.name,
                hon,
                ranked.rank if ranked else None,
                ranked.rank_en if ranked else None,
                len(ms),
                ms[0].block_id,
                tuple(dict.fromkeys(m.name for m in ms if name_key(m.name) in c.aliases)),
            )
        )
        seen: set[tuple] = set()
        hits = [h for m in ms for h in m.roles]
        for m in ms:
            for h in m.roles:
                key = (h.role.lower(), h.organization, h.parent_organization)
                if key in seen or any(_restates(h, other) for other in hits):
                    continue
                seen.add(key)
                roles.append(
                    Role(
                        pid,
                        h.role,
                        h.role_en,
                        h.organization,
                        h.parent_organization,
                        m.block_id,
                        h.start,
                        h.end,
                    )
                )
    roles.sort(key=lambda r: (r.block_id, r.start, r.person_id))
    return tuple(people), tuple(roles)
