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
name_particles.txt, name_stopwords.txt, place_prepositions.txt. A role is only ever reported when
it starts with a title from roles.tsv, so a sentence without a title yields no role.
docs/people-and-quotes.md explains the rules and their limits.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

import regex
from spacy.tokens import Doc

from pipeline.lang import config, lexicon, mapping
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


@dataclass(frozen=True, slots=True)
class Tok:
    """A word or punctuation mark of a block, with its character offsets."""

    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def is_cap(self) -> bool:
        """Starts with a capital letter (or a digit, as in "Komisi 1")."""
        return self.text[0].isupper()

    @property
    def is_acronym(self) -> bool:
        return len(self.text) >= 2 and self.text.isupper() and self.text.isalpha()


def tokenize(text: str) -> list[Tok]:
    """Words (with inner apostrophes and hyphens) and single punctuation marks.

    Lexicon entries go through the same function, so "Dr." matches ``Dr`` ``.`` in the text
    whatever the spaCy tokenizer of a language does with abbreviations.
    """
    return [Tok(m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]


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
        node = self.root
        stop = len(toks) if limit is None else min(limit, len(toks))
        j = i
        while j < stop:
            node = node.get(toks[j].low)
            if node is None:
                break
            j += 1
            if "\0" in node:
                out.append((j, node["\0"]))
        return out

    def longest(self, toks: Sequence[Tok], i: int, limit: int | None = None) -> tuple | None:
        found = self.matches(toks, i, limit)
        return found[-1] if found else None


def _trie(entries: Iterable[tuple[str, object]]) -> Trie:
    trie = Trie()
    for entry, payload in entries:
        if entry:
            trie.add(entry, payload)
    return trie


@dataclass(frozen=True)
class PeopleLexicon:
    """The per-language data the people and quotes stages use, loaded once."""

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
    role_org_connectors: frozenset[str]
    name_connectors: frozenset[str]
    determiners: frozenset[str]
    particles: frozenset[str]
    stopwords: frozenset[str]
    place_prepositions: frozenset[str]
    pronouns: frozenset[str]
    clitics: tuple[str, ...]
    quote_marks: tuple[tuple[str, str], ...]
    head_final: bool  # organisation names put modifiers before the head ("Women's Union")

    @property
    def glue(self) -> frozenset[str]:
        """Lower-case words that never end a role or an organisation name."""
        return self.name_connectors | self.role_org_connectors | self.determiners


@cache
def people_lexicon(lang: str) -> PeopleLexicon:
    """Build the tries of ``lang`` from its data files (cached per process)."""

    def words(name: str) -> frozenset[str]:
        return frozenset(w.lower() for w in lexicon(lang, name))

    return PeopleLexicon(
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
        role_org_connectors=words("role_org_connectors"),
        name_connectors=words("name_connectors"),
        determiners=words("role_determiners"),
        particles=words("name_particles"),
        stopwords=frozenset(lexicon(lang, "name_stopwords")),
        place_prepositions=words("place_prepositions"),
        pronouns=words("pronouns"),
        clitics=tuple(c.lower() for c in lexicon(lang, "pronoun_clitics")),
        quote_marks=tuple(mapping(lang, "quote_marks").items()),
        head_final=bool(config(lang).get("entities", {}).get("org_extend_left", False)),
    )


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


class BlockParser:
    """Rules over the tokens of one block; see the module docstring for the constructions."""

    def __init__(self, text: str, lex: PeopleLexicon) -> None:
        self.text = text
        self.lex = lex
        self.toks = tokenize(text)
        self.n = len(self.toks)
        self.other: set[int] = set()  # tokens inside ORG/LOC entities
        self.entity_end: dict[int, int] = {}  # first token of an ORG entity -> its end token

    def set_entities(self, ents: Iterable[tuple]) -> None:
        """Remember which tokens the NER put in non-person entities."""
        for start, end, _, is_person, label in ents:
            if not is_person and label in PLACE_ORG_LABELS:
                idx = [k for k, t in enumerate(self.toks) if t.end > start and t.start < end]
                self.other.update(idx)
                if idx and label == "ORG":
                    self.entity_end[idx[0]] = idx[-1] + 1

    # -- small predicates ---------------------------------------------------------------

    def tok(self, i: int) -> Tok | None:
        return self.toks[i] if 0 <= i < self.n else None

    def is_text(self, i: int, *values: str) -> bool:
        t = self.tok(i)
        return t is not None and t.text in values

    def cap(self, i: int) -> bool:
        t = self.tok(i)
        return t is not None and t.is_word and t.is_cap

    def org_head(self, i: int) -> int | None:
        """End of an organisation head word at ``i`` (capitalised, as written in running text)."""
        if not self.cap(i):
            return None
        m = self.lex.org_heads.longest(self.toks, i)
        return m[0] if m else None

    def honorific_or_rank(self, i: int, limit: int | None = None) -> tuple | None:
        """``(end, kind, written, en)`` of the longest honorific or rank at ``i``."""
        if not self.cap(i):
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
        if self.tok(i) is None or not self.toks[i].is_word:
            return None
        best = None
        direct = self.lex.roles.longest(self.toks, i, limit)
        if direct:
            best = (direct[0], direct[1][0])
        for mend, mods in self.lex.modifiers.matches(self.toks, i, limit):
            inner = self.role(mend, limit)
            if inner and (best is None or inner[0] > best[0]):
                best = (inner[0], f"{mods[0]} {inner[1]}".strip())
        return best

    def span_text(self, i: int, j: int) -> str:
        return self.text[self.toks[i].start : self.toks[j - 1].end] if j > i else ""

    def skip_determiners(self, i: int) -> int:
        while self.tok(i) is not None and self.toks[i].low in self.lex.determiners:
            i += 1
        return i

    # -- names ---------------------------------------------------------------------------

    def name_token(self, i: int) -> bool:
        t = self.tok(i)
        return (
            t is not None
            and t.is_word
            and t.is_cap
            and not t.text.isdigit()
            and t.text not in self.lex.stopwords
            and self.org_head(i) is None
        )

    def name_run(self, i: int, limit: int | None = None) -> int:
        """End of the capitalised personal name starting at ``i`` (``i`` if there is none)."""
        stop = self.n if limit is None else limit
        j = i
        while j < stop and j - i < MAX_NAME_TOKENS:
            if self.name_token(j) or (
                j > i
                and self.toks[j].low in self.lex.particles
                and self.toks[j].text.islower()
                and self.name_token(j + 1)
            ):
                j += 1
            else:
                break
        return j

    # -- organisations -------------------------------------------------------------------

    def org_phrase(self, i: int, limit: int) -> int:
        """End of the organisation name starting at capitalised token ``i``."""
        j = i
        while j < limit:
            t = self.toks[j]
            if t.is_word and (t.is_cap or t.text.isdigit()):
                j += 1
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

    def after_connectors(self, j: int) -> int:
        """First token after the run of connectors at ``j`` ("and the Pacific")."""
        k = j
        while k < self.n and k - j < 3 and self.toks[k].low in self.lex.glue:
            k += 1
        return k

    def has_org_head(self, i: int, j: int) -> bool:
        return any(self.org_head(k) is not None for k in range(i, j))

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
        return k if self.role(k) else None

    def portfolio_end(self, j: int, limit: int) -> int:
        """"Minister for Trade and Industry": a capitalised title followed by a connector and
        capitalised words that are no organisation (no head, not an ORG entity) keeps them."""
        if j >= limit or self.toks[j].low not in self.lex.role_org_connectors:
            return j
        k = self.skip_determiners(j + 1)
        if not self.cap(k) or k in self.entity_end or self.toks[k].is_acronym:
            return j
        end = self.org_phrase(k, limit)
        if end <= k or self.has_org_head(k, end) or any(x in self.other for x in range(k, end)):
            return j
        return end

    def lower_role_end(self, j: int, limit: int) -> int:
        """A lower-case title takes up to three lower-case qualifiers when an organisation
        follows: "pengamat ekonomi dari Universitas Indonesia"."""
        k = j
        while k < min(limit, j + 3) and self.toks[k].is_word and not self.toks[k].is_cap:
            if self.toks[k].low in self.lex.role_org_connectors:
                break
            k += 1
        connected = j < k < limit and self.toks[k].low in self.lex.role_org_connectors
        return k if connected and self.cap(self.skip_determiners(k + 1)) else j

    def role_ok(self, i: int, end: int, limit: int) -> bool:
        """A lower-case title counts only when it ends a phrase (", a lawyer,") or names its
        organisation ("a member of Parliament"); "a member of the public" has no title."""
        if self.toks[i].is_cap or self.cap(end - 1):
            return True  # "Ketua", or "mantan Menteri Keuangan"
        if end >= limit:
            return True
        end = self.lower_role_end(end, limit)
        nxt = self.toks[end]
        if nxt.low in self.lex.role_org_connectors:
            return self.names_a_body(self.skip_determiners(end + 1), limit)
        return not nxt.is_word or nxt.is_cap or self.list_then_role(end) is not None

    def names_a_body(self, k: int, limit: int) -> bool:
        """The words at ``k`` (up to the next comma) hold a capitalised name or an organisation
        word, even lower-case: "the provincial police", "the 2nd Infantry Regiment"."""
        stop = min(limit, k + 8)
        while k < stop and self.toks[k].text not in ",.;:()":
            if self.cap(k) or self.lex.org_heads.longest(self.toks, k):
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
            if self.org_head(k) is not None:
                return seg if self.lex.head_final else k
            if k > j and t.is_cap and (self.honorific_or_rank(k) or (k == seg and self.role(k))):
                return None
            if t.is_word and t.is_cap:
                k += 1
            elif t.text == "," or t.low in self.lex.role_org_connectors:
                k = self.skip_determiners(k + 1)
                seg = k
            elif t.low in self.lex.name_connectors and self.cap(k + 1):
                k += 1
            else:
                return None
        return None

    def parse_roles(self, i: int, limit: int) -> tuple[list[RoleHit], int]:
        """Roles from the title at ``i``: ``ROLE [of] ORG[, PARENT] [, dan ROLE …]``."""
        hits: list[RoleHit] = []
        while True:
            i = self.skip_determiners(i)
            m = self.role(i, limit)
            if m is None or not self.role_ok(i, m[0], limit):
                break
            start, j = i, m[0]
            capital = self.toks[start].is_cap or self.cap(j - 1)
            if capital:
                reach = self.org_reachable(j, limit)
                if reach is not None and reach > j:
                    j = reach
                elif reach is None:
                    j = self.portfolio_end(j, limit)
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
            elif k < limit and capital:
                found = self.org_at(k, limit, need_head=False)  # "Direktur Eksekutif Indef"
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
            hits.append(
                RoleHit(
                    self.span_text(start, role_end),
                    m[1] or None,
                    org,
                    parent,
                    self.toks[start].start,
                    self.toks[end - 1].end,
                )
            )
            nxt = end + 1 if self.is_text(end, ",", ";") else end
            following = self.list_then_role(nxt)
            if following is None and nxt > end and self.role(self.skip_determiners(nxt)):
                following = nxt
            if following is None or following >= limit:
                return hits, end
            i = following
        return hits, i

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
            for back in range(4, 0, -1):  # longest first: "Letnan Kolonel", not "Kolonel"
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

    def run_start(self, pos: int, floor: int) -> int:
        """Start of the title-like run ending at ``pos`` (capitalised words, connectors, "(X)")."""
        i = pos
        while i > floor:
            t = self.toks[i - 1]
            if (t.is_word and t.is_cap) or (t.is_word and (
                t.low in self.lex.name_connectors or self.lex.modifiers.longest(self.toks, i - 1)
            )) or (t.text in "()" and i - 1 > floor):
                i -= 1
            else:
                break
        while i < pos and not self.toks[i].is_cap and not self.lex.modifiers.longest(self.toks, i):
            i += 1
        return i

    def premodifier(self, pos: int, floor: int) -> tuple[int, list[RoleHit], int] | None:
        """A role title written before the name: "Menteri Luar Negeri Retno", "Kepala BNPB X".

        Returns ``(start of the evidence, roles, start of the role)``.
        """
        start = self.run_start(pos, floor)
        for i in range(start, pos):
            m = self.role(i, pos)
            if m and (self.toks[i].is_cap or self.lex.modifiers.longest(self.toks, i)):
                hits, _ = self.parse_roles(i, pos)
                if not hits:
                    return None
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

    def in_title(self, k: int) -> bool:
        """Token ``k`` belongs to an honorific, rank or role title."""
        for x in range(max(0, k - 3), k + 1):
            for m in (self.honorific_or_rank(x), self.role(x)):
                if m and m[0] > k and self.cap(x):
                    return True
        return False

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
        return k if k < s and self.in_title(k - 1) else s

    def next_to_cue(self, s: int, e: int) -> bool:
        """A name right before or after a quote cue ("Lim Boon Heng told", "kata Budi")."""
        if self.lex.cues.longest(self.toks, e):
            return True
        return any(
            (m := self.lex.cues.longest(self.toks, s - back)) is not None and m[0] == s
            for back in (1, 2)
            if s - back >= 0
        )

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
        k0 = k + 1 if self.is_text(k, ",") else k
        rel = self.lex.relative_markers.longest(self.toks, k0)
        if rel:
            return self.parse_roles(self.skip_determiners(rel[0]), self.n)
        if self.is_text(k, ","):
            return self.parse_roles(k + 1, self.n)
        return [], e


# --------------------------------------------------------------------------- mentions


def _person_spans(block: Block, parser: BlockParser, ents: Sequence[tuple]) -> list[Mention]:
    """PERSON entities, cleaned of titles and of names that belong to an organisation."""
    out: list[Mention] = []
    toks = parser.toks
    for start, end, entity_id, is_person, _ in ents:
        if not is_person:
            continue
        idx = [k for k, t in enumerate(toks) if t.end > start and t.start < end]
        if not idx:
            continue
        s, e = idx[0], idx[-1] + 1
        while s < e:
            m = parser.honorific_or_rank(s, e)
            r = parser.role(s, e)
            if m and m[0] < e:
                s = m[0]
            elif r and r[0] < e and r[0] - s >= 2 and parser.toks[s].is_cap:
                s = r[0]
            else:
                break
        while e > s and not toks[e - 1].is_word:
            e -= 1
        while e < parser.n and e not in parser.other and parser.name_token(e) and e - s < 4:
            e += 1  # "Ruzhanul" | "Ulum": a cut name runs on over capitalised words
        if parser.lex.head_final:
            s = parser.extend_after_title(s)
        if e <= s or not toks[s].is_cap or parser.has_org_head(s, e):
            continue
        if any(not t.is_word and t.text not in ".-'’" for t in toks[s:e]):
            continue  # a URL or an e-mail address, not a name
        if any(parser.org_head(s - back) == s for back in (1, 2, 3) if s - back >= 0):
            continue  # "SMA Luong Van Tuy": a person's name inside an organisation's name
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
    before = parser.tok(s - 2)
    if before is None or before.text in SENTENCE_OPENERS:
        return False  # a sentence opener such as "Menyoroti" proves nothing
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
    return Mention(
        block.block_id,
        s,
        e,
        parser.span_text(s, e),
        parser.toks[s].start,
        parser.toks[e - 1].end,
        eid,
        src,
        initial=prev is None or prev.text in SENTENCE_OPENERS,
    )


def _overlaps(spans: Sequence[Mention], s: int, e: int) -> bool:
    return any(m.s < e and s < m.e for m in spans)


def _anchored_spans(block: Block, parser: BlockParser, taken: list[Mention]) -> list[Mention]:
    """Names found by the lexicons alone: after a title, or before a role apposition."""
    out: list[Mention] = []
    lex = parser.lex
    i = 0
    while i < parser.n:
        m = parser.honorific_or_rank(i)
        if m:
            j = m[0]
            while (nxt := parser.honorific_or_rank(j)) is not None:
                j = nxt[0]
            e = parser.name_run(j)
            if e > j and not _overlaps(taken + out, j, e):
                out.append(_mention(block, parser, j, e, None, "title"))
            i = max(e, i + 1)
            continue
        r = parser.role(i)
        if r and parser.toks[i].is_cap and not parser.has_org_head(parser.run_start(i, 0), i):
            j = r[0]
            while (nxt := parser.honorific_or_rank(j)) is not None:
                j = nxt[0]
            j2 = parser.skip_qualifiers(j)
            e = parser.name_run(j2)
            j2 = parser.trailing_org_run(j2, e)
            joined = parser.tok(e) is not None and parser.toks[e].low in lex.name_connectors
            if e > j2 and e - j2 <= 4 and not joined and not _overlaps(taken + out, j2, e):
                out.append(_mention(block, parser, j2, e, None, "title"))
                i = e
                continue
            # "Juru Bicara Kementerian Luar Negeri, Lalu Muhamad Iqbal, menolak …"
            _, end = parser.parse_roles(i, parser.n)
            if parser.is_text(end, ",") and parser.name_token(end + 1):
                e = parser.name_run(end + 1)
                after = parser.tok(e)
                closed = after is None or after.text == "," or not after.is_cap
                if e - end > 2 and closed and not _overlaps(taken + out, end + 1, e):
                    out.append(_mention(block, parser, end + 1, e, None, "title"))
                    i = e
                    continue
            i = max(j, i + 1)
            continue
        if parser.name_token(i) and not parser.name_token(i - 1):
            e = parser.name_run(i)
            prev = parser.tok(i - 1)
            after_place = prev is not None and (
                prev.low in lex.place_prepositions or prev.low in lex.name_connectors
            )
            inside = any(k in parser.other for k in range(i, e))
            # one word is enough before "yang merupakan Ketua …", two before a bare comma
            k0 = e + 1 if parser.is_text(e, ",") else e
            relative = parser.lex.relative_markers.longest(parser.toks, k0) is not None
            long_enough = e - i >= 2 or relative
            if long_enough and not after_place and not inside and not _overlaps(taken + out, i, e):
                hits, _ = parser.roles_after(e)
                if hits and (hits[0].role[:1].isupper() or hits[0].organization):
                    out.append(_mention(block, parser, i, e, None, "apposition"))
                elif parser.next_to_cue(i, e):
                    out.append(_mention(block, parser, i, e, None, "speaker"))
            i = max(e, i + 1)
            continue
        i += 1
    return out


def _block_entities(
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
        m = refs.longest(parser.toks, i)
        if m and parser.toks[i].is_cap and not _overlaps(taken, i, m[0]):
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
        hits, end = parser.roles_after(men.e)
        men.roles.extend(hits)
        floor = max(end, men.e)


# --------------------------------------------------------------------------- merging


@dataclass(slots=True)
class _Cluster:
    name: str
    key: tuple[str, ...]
    mentions: list[Mention]
    entity_ids: set[int]
    last: tuple[int, int]


def names_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return bool(a) and bool(b) and (set(a) <= set(b) or set(b) <= set(a))


def _cluster(mentions: Sequence[Mention]) -> list[_Cluster]:
    """One cluster per person: shared entity id, or name words contained in the other's."""
    clusters: list[_Cluster] = []
    for men in sorted(mentions, key=lambda m: (m.block_id, m.start)):
        key = name_key(men.name)
        pos = (men.block_id, men.start)
        cands = [
            c
            for c in clusters
            if names_compatible(key, c.key)
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
    return clusters


def _evidenced(c: _Cluster) -> bool:
    """Drop a one-word name seen only as the first word of sentences, with no title: a
    capitalised sentence opener ("Menyoroti …") is no evidence of a person."""
    if len(c.key) > 1:
        return True
    return any(not m.initial or m.honorific or m.rank or m.roles for m in c.mentions)


def find_mentions(
    blocks: Sequence[Block],
    docs: Sequence[Doc],
    entities: Sequence[Entity],
    lang: str,
) -> list[Mention]:
    """Every person mention of the article with its titles and roles, in reading order."""
    lex = people_lexicon(lang)
    ents = _block_entities(blocks, docs, entities)
    parsers = {b.block_id: BlockParser(b.text, lex) for b in blocks}
    per_block: dict[int, list[Mention]] = {}
    for b in blocks:
        p = parsers[b.block_id]
        p.set_entities(ents[b.block_id])
        spans = _person_spans(b, p, ents[b.block_id])
        spans += _anchored_spans(b, p, spans)
        per_block[b.block_id] = spans
    names = {m.name for spans in per_block.values() for m in spans if len(name_key(m.name)) > 1}
    refs = _reference_trie(sorted(names), lex)
    out: list[Mention] = []
    for b in blocks:
        p = parsers[b.block_id]
        spans = per_block[b.block_id]
        spans += _reference_spans(b, p, spans, refs)
        _attach_titles(p, spans)
        out.extend(sorted(spans, key=lambda m: m.s))
    return out


def extract_people(
    blocks: Sequence[Block],
    docs: Sequence[Doc],
    entities: Sequence[Entity],
    lang: str,
    settings: Settings,
) -> tuple[tuple[Person, ...], tuple[Role, ...]]:
    """People (0-based ids in order of first mention) and their roles, one row per distinct
    (role, organisation, parent) with the first evidence span."""
    clusters = [c for c in _cluster(find_mentions(blocks, docs, entities, lang)) if _evidenced(c)]
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
            )
        )
        seen: set[tuple] = set()
        for m in ms:
            for h in m.roles:
                key = (h.role.lower(), h.organization, h.parent_organization)
                if key in seen:
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
