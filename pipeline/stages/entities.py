"""Entities: named-entity mentions of an article, clustered within the article.

The Docs come from annotate (model + rules layer), one per block, so ``doc.ents`` already carry
the product labels (PERSON, ORG, LOC and passed-through model labels, docs/entities.md). This
stage turns them into :class:`Entity` records with block offsets and links mentions of the same
thing, because analysts count things, not strings:

- a PERSON mention joins the cluster whose fullest name contains its words in order
  ("Gaelle Demolis", "Demolis"); an ambiguous short name goes to the nearest earlier person;
- other mentions join by identical text (case and spacing ignored);
- all mentions of a cluster carry its majority label (one article, one reading of a name);
- an acronym in parentheses right after a name ("Rencana Aksi Nasional (NAPT)") joins the name;
- a multi-word name or an acronym found somewhere in the article is also tagged where the model
  missed it in another block (same label, same cluster): one article, one reading of a name.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import regex
from spacy.tokens import Doc

from pipeline.records import Block, Entity
from pipeline.settings import Settings

_NAME_WORD = regex.compile(r"[\w'’.-]+")
_WORD_CHAR = regex.compile(r"[\w-]")
_WORD = regex.compile(r"[\p{L}\p{M}]+")
_NAME_LABELS = frozenset({"PERSON", "ORG", "LOC"})


@dataclass
class _Mention:
    block_id: int
    start: int
    end: int
    text: str
    label: str
    # Derived once: clustering compares every pair of person names.
    words: tuple[str, ...] = field(init=False)
    key: str = field(init=False)

    def __post_init__(self) -> None:
        self.words = tuple(w.casefold() for w in _NAME_WORD.findall(self.text))
        self.key = " ".join(self.text.casefold().split())


class _Clusters:
    """Union-find over mention indices."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _contains(name: tuple[str, ...], part: tuple[str, ...]) -> bool:
    """``part`` occurs in ``name`` as a contiguous run of words."""
    n = len(part)
    return 0 < n <= len(name) and any(name[i : i + n] == part for i in range(len(name) - n + 1))


def _fullness(m: _Mention) -> tuple[int, int, int]:
    """Which name of a cluster is the fullest: most words, then capitalised, then longest."""
    words = m.text.split()
    return len(words), sum(w[:1].isupper() for w in words), len(" ".join(words))


def _doc_mentions(blocks: Sequence[Block], docs: Sequence[Doc]) -> list[_Mention]:
    if len(blocks) != len(docs):
        raise ValueError(f"{len(blocks)} blocks but {len(docs)} docs")
    out = []
    for block, doc in zip(blocks, docs, strict=True):
        # Doc.text is rebuilt from the tokens on each call; the length tells a mismatch as well.
        end = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
        if end != len(block.text):
            raise ValueError(f"block {block.block_id}: the Doc is not of this block's text")
        for ent in doc.ents:
            out.append(_Mention(block.block_id, ent.start_char, ent.end_char, ent.text, ent.label_))
    return out


def _propagate(blocks: Sequence[Block], mentions: list[_Mention]) -> list[_Mention]:
    """Tag untagged occurrences of multi-word names and acronyms found elsewhere."""
    labels: dict[str, str] = {}
    for m in mentions:
        words = m.text.split()
        acronym = len(m.text) >= 2 and m.text.isupper() and m.text.isalpha()
        if (len(words) >= 2 and m.text[:1].isupper()) or acronym:
            labels.setdefault(m.text, m.label)
    if not labels:
        return mentions
    taken: dict[int, list[tuple[int, int]]] = {}
    for m in mentions:
        taken.setdefault(m.block_id, []).append((m.start, m.end))
    extra = []
    for block in blocks:
        spans = taken.get(block.block_id, [])
        for s, e in _occurrences(block.text, labels):
            if not any(s < b and a < e for a, b in spans):
                name = block.text[s:e]
                extra.append(_Mention(block.block_id, s, e, name, labels[name]))
                spans.append((s, e))
    return mentions + extra


def _occurrences(text: str, names: Sequence[str]) -> list[tuple[int, int]]:
    """Non-overlapping whole-word occurrences of ``names`` in ``text``, left to right.

    At each position the longest name wins, as a regex alternation of the names sorted longest
    first would (one such regex per article cost more to compile than the search itself).
    """
    found = []
    for name in names:
        i = text.find(name)
        while i >= 0:
            e = i + len(name)
            if not (i and _WORD_CHAR.match(text, i - 1)) and not _WORD_CHAR.match(text, e):
                found.append((i, e))
            i = text.find(name, i + 1)
    found.sort(key=lambda se: (se[0], -se[1]))
    out: list[tuple[int, int]] = []
    for s, e in found:
        if not out or s >= out[-1][1]:
            out.append((s, e))
    return out


def _drop_common_words(blocks: Sequence[Block], mentions: list[_Mention]) -> list[_Mention]:
    """Drop one-word PERSON/ORG/LOC "names" that the article also writes in lowercase.

    Names are not written in lowercase; a capitalised word at a sentence start or in a
    headline-style phrase that the same article writes in lowercase elsewhere ("Lokakarya ini
    ..." and "peserta lokakarya") is an ordinary word the model took for a name. A word that
    is part of a longer name in the article stays ("Theresa May" ... "May said" ... "may").
    """
    lowercase = {
        w for b in blocks for w in _WORD.findall(b.text) if w.islower()
    }
    in_names = {w for m in mentions if len(m.words) > 1 for w in m.words}
    return [
        m for m in mentions
        if not (
            m.label in _NAME_LABELS
            and len(m.words) == 1
            and m.text[:1].isupper()
            and not m.text.isupper()
            and m.text.lower() in lowercase
            and m.words[0] not in in_names
        )
    ]


def _link_acronyms(blocks: Sequence[Block], mentions: list[_Mention], clusters: _Clusters) -> None:
    """``Long Name (LN)``: the mention inside the parentheses joins the one before them."""
    texts = {b.block_id: b.text for b in blocks}
    by_end = {(m.block_id, m.end): i for i, m in enumerate(mentions)}
    for i, m in enumerate(mentions):
        text = texts[m.block_id]
        before = text[: m.start].rstrip()
        if not before.endswith("(") or not text[m.end :].lstrip().startswith(")"):
            continue
        long_end = len(before[:-1].rstrip())
        j = by_end.get((m.block_id, long_end))
        if j is not None and mentions[j].label != "PERSON" and len(mentions[j].words) > 1:
            clusters.union(j, i)


def _cluster(blocks: Sequence[Block], mentions: list[_Mention]) -> _Clusters:
    clusters = _Clusters(len(mentions))
    first_by_key: dict[str, int] = {}
    for i, m in enumerate(mentions):
        if m.label != "PERSON":
            clusters.union(first_by_key.setdefault(m.key, i), i)
    _link_acronyms(blocks, mentions, clusters)

    # People: fullest names first, then each shorter name joins a name that contains it.
    people = [i for i, m in enumerate(mentions) if m.label == "PERSON"]
    people.sort(key=lambda i: (-len(mentions[i].words), i))
    heads: list[int] = []  # one mention per person cluster, the fullest name
    for i in people:
        words = mentions[i].words
        matches = [h for h in heads if _contains(mentions[h].words, words)]
        if not matches:
            heads.append(i)
            continue
        # Ambiguous ("Wang" with "Wang Yi" and "Wang Wei"): the person named last before it.
        def last_before(h: int, i: int = i) -> int:
            root = clusters.find(h)
            earlier = [k for k in range(i) if mentions[k].label == "PERSON"
                       and clusters.find(k) == root]
            return max(earlier, default=-1)

        clusters.union(max(matches, key=lambda h: (last_before(h), -h)), i)
    return clusters


def extract_entities(
    blocks: Sequence[Block], docs: Sequence[Doc], lang: str, settings: Settings
) -> tuple[Entity, ...]:
    """Entity mentions of all blocks (captions included), clustered, sorted by position."""
    mentions = _drop_common_words(blocks, _propagate(blocks, _doc_mentions(blocks, docs)))
    mentions.sort(key=lambda m: (m.block_id, m.start))
    clusters = _cluster(blocks, mentions)

    members: dict[int, list[int]] = {}
    for i in range(len(mentions)):
        members.setdefault(clusters.find(i), []).append(i)
    ids: dict[int, int] = {}
    canonical: dict[int, str] = {}
    label: dict[int, str] = {}
    for root, idx in sorted(members.items(), key=lambda kv: min(kv[1])):
        ids[root] = len(ids)
        canonical[root] = mentions[max(idx, key=lambda i: (_fullness(mentions[i]), -i))].text
        # One thing, one label: the most frequent in the cluster, the first on a tie
        # ("JICA" read once as a place among ORG mentions).
        votes = Counter(mentions[i].label for i in idx)
        label[root] = max(votes, key=lambda lab: votes[lab])
    return tuple(
        Entity(
            block_id=m.block_id,
            entity_id=ids[clusters.find(i)],
            start=m.start,
            end=m.end,
            text=m.text,
            label=label[clusters.find(i)],
            canonical=canonical[clusters.find(i)],
        )
        for i, m in enumerate(mentions)
    )
