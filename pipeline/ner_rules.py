"""The rules layer that runs after the statistical NER in every language.

Why a rules layer: the models get most names but miss the conventions analysts need. Titles,
honorifics and ranks must stay outside PERSON spans; long organisation names ("Departemen
Keamanan Siber dan Pencegahan Kejahatan Teknologi Tinggi") must come out whole; Vietnamese
names and places are rare in the training data. All language knowledge is read from
pipeline/lang/<code>/ (org_heads.txt, rules_*.txt, honorifics.txt, ranks.tsv and the
``[entities]`` table of lang.toml); this module only encodes the structure of the rules.

Order of the rules, each a cheap matcher pass plus a walk over a few tokens per match:

1. fold model labels (GPE -> LOC, PER -> PERSON, ...) and strip leading titles from PERSON
   (also a title the model cut in two: "Datuk | Seri X"); bare titles and storm names
   ("Typhoon Yagi" -> EVENT) are no PERSON/ORG/LOC; a "person" or building ending in an
   institution head is an ORG ("Bach Mai Hospital");
2. honorific/rank + capitalised words -> PERSON ("Letnan Kolonel Trieu Manh Tung");
3. org head + capitalised words and connectors -> ORG, replacing the model's pieces;
4. gazetteers (LOC/ORG) fill gaps, join pieces, split two listed places the model joined
   ("Chiang Mai and Chiang Rai") or fix the label of an identical span, never cutting a model
   entity; administrative words after a place ("Cu Chi District", "Songkhla province");
5. a name swallowed by an ORG/LOC after a role title is split off ("Ketua KPU Hasyim
   Asyari" -> ORG "KPU" + PERSON "Hasyim Asyari"), and a name right after a title is a PERSON
   whatever the model called it; a two-syllable name takes a third ("Lee Hsien | Loong");
6. Vietnamese names (family name + 1-3 syllables) fill gaps or complete the model's;
7. an acronym in parentheses right after a multi-word entity gets that entity's label; a
   possessive ending leaves person names ("Hun Sen's").

Rules fix boundaries and recover what the model missed; where a rule is ambiguous the model's
reading decides (see the comments at each decision). docs/entities.md has the user-level view.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from pipeline.lang import config, lexicon, mapping, named_by_portfolio

FACTORY = "newspipe_entity_rules"
HYPHENS = {"-", "‐", "–"}
ROMAN = re.compile(r"^[IVXLC]+$")
# A numbered title's numeral ("Finance Minister II", "Wakil Ketua III"): II-IX without V alone,
# which can be an initial; "I" opens Balinese names ("I Made Sudarsana").
ORDINAL = re.compile(r"II|III|IV|VI|VII|VIII|IX")
CORE = frozenset({"PERSON", "ORG", "LOC"})


def _prefixes(table: set[tuple[str, ...]]) -> set[tuple[str, ...]]:
    """Every proper prefix of the token tuples of a title table."""
    return {k[:n] for k in table for n in range(1, len(k))}


def _norm(text: str) -> str:
    """Compare titles without case and trailing dots ("Dr." == "dr")."""
    return text.lower().rstrip(".")


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    label: str
    trigger: int = -1  # first token of the honorific/rank that licensed a PERSON
    model_support: bool = False  # the model saw a PERSON here too


class EntityRules:
    """Rewrites ``doc.ents`` after the model; see the module docstring for the rules."""

    def __init__(self, nlp: Language, lang: str) -> None:
        self.lang = lang
        cfg: dict[str, Any] = config(lang).get("entities", {})
        self.label_map: dict[str, str] = dict(cfg.get("label_map", {}))
        self.connectors = {w.lower() for w in cfg.get("org_connectors", [])}
        self.conjunctions = {w.lower() for w in cfg.get("org_conjunctions", [])}
        self.weak_connectors = {w.lower() for w in cfg.get("org_weak_connectors", [])}
        self.extend_left = bool(cfg.get("org_extend_left", False))
        self.left_stops = {w.lower() for w in cfg.get("org_left_stops", [])}
        self.possessive_words = set(cfg.get("possessive_name_words", []))
        self.particles = {w.lower() for w in cfg.get("name_particles", [])}
        # "Marcos Jr.", "Torre III": the end of a name, though written like an acronym
        self.name_suffixes = frozenset(lexicon(lang, "name_suffixes"))
        self.not_names = set(cfg.get("not_name_after_title", []))
        self.max_name = int(cfg.get("max_name_tokens", 6))
        self.keep_model_splits = bool(cfg.get("org_keep_model_splits", False))
        self.org_stop_words = set(cfg.get("org_stop_words", []))
        self.org_suffixes = set(cfg.get("org_suffix_words", []))
        self.take_back = bool(cfg.get("name_take_back_after_title", False))
        self.stop_at_roles = bool(cfg.get("org_stop_at_titles", False))
        self.strip_leading = {w.lower() for w in cfg.get("strip_leading_words", [])}
        self.name_overrides = set(cfg.get("vietnamese_name_overrides", []))
        # A name the model read as a person or gave one of these labels that ends in one of
        # these words is an organisation ("Bach Mai Hospital" read as a FAC), not a building.
        self.head_overrides = set(cfg.get("org_head_overrides", []))
        self.institution_heads = set(cfg.get("institution_heads", []))
        # Org heads (from org_heads.txt) that open the name in a head-final language: names
        # kept in Malay or Indonesian in English text ("Universitas Indonesia", "Dewan Rakyat").
        self.initial_heads = set(cfg.get("org_initial_heads", []))
        self.org_stop_labels = set(cfg.get("org_stop_labels", []))
        # Longest syllable of a three-syllable East Asian name (0: rule off).
        self.max_syllable = int(cfg.get("name_syllable_max_length", 0))
        self.name_stopwords = set(lexicon(lang, "name_stopwords"))
        self.possessives = {w.lower() for w in cfg.get("possessive_endings", [])}
        self.possessive_labels = set(cfg.get("possessive_cut_labels", []))
        self.join_names = bool(cfg.get("join_adjacent_names", False))
        # "[Alex Au of Transient Workers Count Too]": a connector inside a "person" before
        # capitalised words separates the person from the organisation
        self.person_org_connectors = {w.lower() for w in cfg.get("person_org_connectors", [])}
        self.org_final_words = set(cfg.get("org_final_words", []))
        self.demonyms = frozenset(lexicon(lang, "demonyms"))
        self.head_words = {p for p in lexicon(lang, "org_heads") if " " not in p}
        # Names of storms and the like: whatever the model called them, they are events.
        self.event_prefixes = self._keys(nlp.make_doc, cfg.get("event_name_prefixes", []))
        # Administrative words after a place name: capitalised they belong to it ("Cu Chi
        # District"), lowercase they do not ("Songkhla province").
        suffixes = cfg.get("place_suffixes", [])
        self.place_suffixes = set(suffixes)
        self.place_suffixes_lower = {w.lower() for w in suffixes}

        make = nlp.make_doc
        triggers = [*lexicon(lang, "honorifics"), *mapping(lang, "ranks")]
        roles = [*lexicon(lang, "rules_titles"), *mapping(lang, "roles")]
        # Titles stripped from PERSON: normalised token tuples, the longest match wins.
        self.titles = self._keys(make, [*triggers, *roles])
        self.max_title = max((len(k) for k in self.titles), default=0)
        # Office/role words: after a connector they end an org name ("X dan Presiden Y").
        self.roles = self._keys(make, roles)
        self.triggers = self._keys(make, triggers)
        # Which titles make the next name a PERSON even if the model said otherwise.
        self.person_after = self.titles if cfg.get("person_after_roles") else self.triggers
        # (tables that live as long as the component: their ids cannot be reused)
        self._prefixes = {id(t): _prefixes(t) for t in (self.titles, self.roles, self.triggers)}

        self.trigger_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.trigger_matcher.add("TRIGGER", [make(p) for p in triggers])
        self.head_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.head_matcher.add("HEAD", [make(p) for p in lexicon(lang, "org_heads")])
        self.gazetteer = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.gazetteer.add("LOC", [make(p) for p in lexicon(lang, "rules_loc")])
        self.gazetteer.add("ORG", [make(p) for p in lexicon(lang, "rules_org")])
        self.surname_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.surname_matcher.add("SURNAME", [make(p) for p in lexicon(lang, "rules_vi_surnames")])

        # For splitting a name off an org/place span (:meth:`_split_names`). Known names of
        # organisations may not be cut ("Universitas Gadjah Mada"); words of org heads, units
        # and places are never personal-name words; a place at the end of the org part
        # ("Kabupaten Bandung", "Republik Indonesia") and given names from the optional
        # person gazetteer are evidence that a name follows.
        known_orgs = [*lexicon(lang, "rules_org"), *lexicon(lang, "gazetteer_org")]
        self.org_names = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.org_names.add("ORG", [make(p) for p in known_orgs if " " in p])
        places = [*lexicon(lang, "rules_loc"), *lexicon(lang, "gazetteer_loc")]
        self.place_ends = {make(p)[-1].text for p in places if p}
        self.place_words = {p for p in places if p and " " not in p}
        # Name parts that also name an organisation ("Airlangga" of "Universitas Airlangga") are
        # no evidence of a person.
        org_parts = {t.text for p in known_orgs for t in make(p)}
        self.given_names = {
            t.text for p in lexicon(lang, "gazetteer_person") for t in make(p)
        } - org_parts
        # A word of a longer place name may still be a given name ("Thanh" of "Thanh Hoa" in
        # "Tran Sy Thanh"); a one-word place is a place.
        place_words = {
            t.text
            for p in places
            for t in make(p)
            if " " not in p or t.text not in self.given_names
        }
        heads = [
            *lexicon(lang, "org_heads"), *lexicon(lang, "unit_heads"), *lexicon(lang, "org_words")
        ]
        # Head words of organisations and of units inside one ("Partai" of Vietnam's
        # "Departemen Kerja Partai dan Politik").
        self.generic_words = {
            p for part in ("org_heads", "unit_heads") for p in lexicon(lang, part) if " " not in p
        }
        # one-word organisation names ("Muhammadiyah", "Pertamina") are no personal names either
        self.org_single = (
            {p for p in known_orgs if " " not in p} - self.given_names - self.generic_words
        )
        self.head_words = {t.text for p in heads for t in make(p)}
        self.not_name_words = place_words | self.org_single | self.head_words
        self.role_org_connectors = {w.lower() for w in lexicon(lang, "role_org_connectors")}
        # Words that open an organisation name but are no name alone ("PT", "Universitas"):
        # the org part of a split must be more than these.
        self.bare_org_words = {
            *(p for p in lexicon(lang, "org_heads") if " " not in p),
            *cfg.get("org_prefix_words", []),
        }

    @staticmethod
    def _keys(make: Any, phrases: list[str]) -> set[tuple[str, ...]]:
        """Normalised token tuples of lexicon phrases, for :meth:`_title_at`."""
        keys = set()
        for phrase in phrases:
            key = tuple(_norm(t.text) for t in make(phrase) if _norm(t.text))
            if key:
                keys.add(key)
        return keys

    # -- small token predicates ---------------------------------------------------------------

    @staticmethod
    def _cap(tok: Token) -> bool:
        """A capitalised word: starts with an upper-case letter and is not punctuation."""
        return tok.text[:1].isupper() and any(c.isalpha() for c in tok.text)

    def _word(self, tok: Token) -> bool:
        """A capitalised word that can be part of a name (not punctuation)."""
        return self._cap(tok) and not tok.is_punct

    @staticmethod
    def _glued_hyphen(doc: Doc, i: int) -> bool:
        """``doc[i]`` is a hyphen written without spaces between two words (Ba Ria-Vung Tau)."""
        return (
            0 < i < len(doc) - 1
            and doc[i].text in HYPHENS
            and not doc[i - 1].whitespace_
            and not doc[i].whitespace_
        )

    def _title_at(
        self, doc: Doc, i: int, end: int, table: set[tuple[str, ...]] | None = None
    ) -> int:
        """Length in tokens of the longest title starting at ``i`` (dots skipped), else 0."""
        table = self.titles if table is None else table
        # every proper prefix of every entry: the walk stops where no entry goes on
        prefixes = self._prefixes.get(id(table)) or _prefixes(table)
        best = 0
        key: list[str] = []
        j = i
        while j < end and len(key) < self.max_title:
            norm = _norm(doc[j].text)
            j += 1
            if not norm:
                continue  # a lone "." after an abbreviated title
            key.append(norm)
            found = tuple(key)
            if found in table:
                best = j - i
            elif found not in prefixes:
                break
        return best

    def _strip_titles(self, doc: Doc, start: int, end: int) -> int:
        """First token of ``[start, end)`` after any leading titles and punctuation."""
        while start < end:
            n = self._title_at(doc, start, end)
            if n:
                start += n
            elif doc[start].is_punct:
                start += 1
            else:
                break
        return start

    # -- the rules ------------------------------------------------------------------------------

    def _model_ents(self, doc: Doc) -> list[Span]:
        """Model entities with folded labels and titles stripped from PERSON."""
        out = []
        prev_end = 0
        for ent in doc.ents:
            label = self.label_map.get(ent.label_, ent.label_)
            start = ent.start
            key = tuple(_norm(t.text) for t in ent)
            if any(key[: len(p)] == p for p in self.event_prefixes):
                out.append(Span(doc, ent.start, ent.end, label="EVENT"))  # "Typhoon Yagi"
                prev_end = ent.end
                continue
            if self._title_at(doc, ent.start, len(doc)) >= len(ent):
                # A bare title ("Spesialis", "Director") names nothing, nor does a piece of a
                # longer one ("Education" of "Education Minister", "Sr." of "Sr. Comr.").
                continue
            if label == "PERSON" and len(ent) >= 2 and doc[ent.end - 1].text in self.place_words:
                continue  # "Himpunan Nelayan [Tradisional Indonesia]": no name ends in a country
            if label == "PERSON" and len(ent) >= 2 and doc[ent.end - 1].text in self.head_words:
                label = "ORG"  # "[Lokataru Foundation]": a name ending in a head word is a body
            if label == "PERSON":
                while start < ent.end - 1 and ORDINAL.fullmatch(doc[start].text):
                    start += 1  # "Finance Minister [II Datuk] Seri …": the title's numeral
                straddled = self._after_straddling_title(doc, doc[start : ent.end])
                start = self._strip_titles(doc, straddled, ent.end)
                if start == ent.end:
                    continue
                if start == ent.start and self.take_back:
                    start = self._name_start(doc, start, prev_end)
            else:
                while start < ent.end - 1 and doc[start].lower_ in self.strip_leading:
                    start += 1  # "the Ministry of ..." -> "Ministry of ..."
            end = self._before_lowercase_conjunct(doc, start, ent.end)
            opened = [k for k in range(start, end) if doc[k].text == "("]
            if opened and not any(doc[k].text == ")" for k in range(opened[-1], end)):
                end = opened[-1]  # "[Philippine National Police (PNP] )": the acronym apart
            # What is left of such a name may be a head word alone ("Partai"): no name then.
            generic = (
                label != "PERSON" and end < ent.end and doc[start:end].text in self.generic_words
            )
            if end > start and not generic:
                out.append(Span(doc, start, end, label=label))
            prev_end = ent.end
        return out

    def _org_suffixes(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """A name ending in a company's legal form ("Tbk", "Bhd") is an organisation.

        The model may read "PT Bank Nusantara | Sejahtera Tbk" as an ORG and a PERSON: the
        suffix makes the span an ORG and joins it to an ORG right before it; a suffix the model
        left out right after an ORG is taken in.
        """
        if not self.org_suffixes:
            return ents
        out: list[Span] = []
        for ent in ents:
            end = ent.end
            if (
                ent.label_ == "ORG"
                and end < len(doc)
                and doc[end].text.rstrip(".") in self.org_suffixes
            ):
                end += 1
            if doc[end - 1].text.rstrip(".") not in self.org_suffixes:
                out.append(ent)
                continue
            start = ent.start
            if out and out[-1].end == start and out[-1].label_ in ("ORG", "LOC"):
                start = out.pop().start
            out.append(Span(doc, start, end, label="ORG"))
        return out

    def _before_lowercase_conjunct(self, doc: Doc, start: int, end: int) -> int:
        """End of a name the model ran over a conjunction into ordinary lowercase words.

        "pemimpin Partai dan pemerintah daerah" is "Partai" and common nouns, not one name:
        names are capitalised, so a conjunction followed only by lowercase words ends the name
        (in both corpora about 1 in 300 gold names ends in a lowercase word, never so).
        """
        for k in range(start + 1, end - 1):
            if doc[k].lower_ in self.conjunctions and all(
                t.is_alpha and t.is_lower for t in doc[k + 1 : end]
            ):
                return k
        return end

    def _after_straddling_title(self, doc: Doc, ent: Span) -> int:
        """First token of ``ent`` after a title that begins before it and ends inside it.

        The model may cut a multi-word honorific ("Datuk | Seri Amirudin Shari"): the part
        inside the name is title too; if the title covers it all ("Yang di- | Pertuan
        Agong") nothing is left.
        """
        start = ent.start
        for k in range(max(0, ent.start - self.max_title + 1), ent.start):
            n = self._title_at(doc, k, ent.end)
            start = max(start, k + n)
        return start

    def _name_start(self, doc: Doc, start: int, floor: int) -> int:
        """Take back name words the model left between a title and the name.

        "Defence Counsel Sheikh Noordin Sheikh Mohammad": the model reads "Noordin Sheikh
        Mohammad"; a capitalised word between it and a title belongs to the name. Only when a
        title really precedes, so "Yesterday John Smith" stays as it is.
        """
        i = start
        while i > floor and i > start - 2:
            tok = doc[i - 1]
            if not (tok.is_alpha and self._cap(tok)) or tok.is_stop or tok.is_sent_start:
                break
            if any(self._title_at(doc, k, i) == i - k for k in range(max(floor, i - 4), i)):
                break  # the title itself
            i -= 1
        if i == start:
            return start
        titled = any(
            self._title_at(doc, k, i) == i - k for k in range(max(floor, i - self.max_title), i)
        )
        return i if titled else start

    def _name_after(self, doc: Doc, i: int, heads: set[int]) -> int:
        """End of the personal name starting at ``i`` (``i`` if there is none)."""
        j = i
        while j < len(doc) and j - i < self.max_name:
            tok = doc[j]
            if j in heads or (j > i and self._title_at(doc, j, len(doc))):
                break
            if j > i and tok.text in self.name_suffixes:
                return j + 1  # "Nicolas Torre III"
            if self._word(tok):
                if tok.is_upper and len(tok.text) > 1:
                    break  # an acronym or a degree ("Abdullah Sitopan BA"), not a name word
            elif not (
                j > i
                and j + 1 < len(doc)
                and (tok.lower_ in self.particles or self._glued_hyphen(doc, j))
                and self._cap(doc[j + 1])
            ):
                break  # not "bin", "van" or a hyphen inside the name
            j += 1
        return j

    def _titled_people(self, doc: Doc, model: list[Span], heads: set[int]) -> list[_Candidate]:
        """Honorific or rank followed by capitalised words: the words are a PERSON."""
        covered = {}
        for ent in model:
            for k in range(ent.start, ent.end):
                covered[k] = ent.label_
        out = []
        last_end = 0
        for _, s, e in self.trigger_matcher(doc):
            if s < last_end or any(k in covered for k in range(s, e)):
                continue  # inside a previous name, or the model read it otherwise
            if any(
                k + self._title_at(doc, k, len(doc), self.roles) > s
                for k in range(max(0, s - self.max_title + 1), s)
            ):
                continue  # the rank word of an office: "Direktur Jenderal | Pajak"
            name_start = self._strip_titles(doc, s, len(doc))
            if name_start >= len(doc) or doc[name_start].text in self.not_names:
                continue
            name_end = self._name_after(doc, name_start, heads)
            if name_end == name_start:
                continue
            support = any(covered.get(k) == "PERSON" for k in range(name_start, name_end))
            out.append(_Candidate(name_start, name_end, "PERSON", s, support))
            last_end = name_end
        return out

    def _org_right(
        self,
        doc: Doc,
        j: int,
        head_starts: set[int],
        barriers: set[int],
        weak: bool = True,
        first: bool = True,
        soft: frozenset[int] = frozenset(),
        head_initial: bool = False,
    ) -> int:
        """Extend an organisation name rightwards from token ``j`` (just after the head).

        ``weak``: a weak connector ("di", "in") may still be crossed, if an acronym follows;
        ``first``: ``j`` is right after the head; ``soft``: barriers (model names) that a
        preposition, not a conjunction, may still cross; ``head_initial``: the head opens the
        name even where names are head-final ("Universitas Indonesia" in English text).
        """
        n = len(doc)
        joiners = self.connectors | self.weak_connectors
        while j < n and j not in barriers:
            tok = doc[j]
            if self._word(tok):
                if tok.text in self.org_stop_words:
                    break
                if self.extend_left and first and not head_initial:
                    # Head-final names ("State Department") go on after the head only through
                    # connectors or a capitalised run ending in another head ("Party Central
                    # Committee"), not into the next name ("State Department Iraq").
                    k = j
                    while k < n and k not in head_starts and self._word(doc[k]):
                        k += 1
                    if k >= n or k not in head_starts:
                        break
                j += 1
            elif tok.like_num and len(tok.text) <= 3 and j + 1 < n and self._cap(doc[j + 1]):
                j += 1  # "SMA Negeri 1 Jakarta"
            elif self._glued_hyphen(doc, j) and self._cap(doc[j + 1]):
                j += 2
            elif tok.lower_ == "'s" and doc[j - 1].text in self.possessive_words:
                j += 1
            elif tok.lower_ in joiners:
                if first and tok.lower_ in self.conjunctions:
                    break  # "Union and UN Entity": a conjunction right after the head coordinates
                k = j
                while k < n and k - j < 2 and doc[k].lower_ in joiners:
                    k += 1
                conjunction = any(doc[m].lower_ in self.conjunctions for m in range(j, k))
                if k >= n or not self._cap(doc[k]) or k in head_starts:
                    break  # "X dan Kantor Y": a second organisation starts
                if k in barriers and (k not in soft or conjunction):
                    break  # "Partai X dan Aburizal Bakrie"; but "SMA X untuk Siswa Berbakat"
                if self._org_stop(doc, k):
                    break  # "Bank X dan Presiden Y": the connector joins a role, not the name
                if self.extend_left and conjunction:
                    m = k
                    while m < n and m not in head_starts and (
                        self._cap(doc[m]) or doc[m].lower_ == "'s"
                    ):
                        m += 1
                    if m < n and m in head_starts:
                        break  # "Ministry of X and the Vietnam Women's Union": a second org
                if any(doc[m].lower_ in self.weak_connectors for m in range(j, k)):
                    if not weak:
                        break
                    end = self._org_right(
                        doc, k, head_starts, barriers, weak=False, first=False, soft=soft
                    )
                    if end < n and doc[end].text == "(":
                        return end  # the whole name is defined by the acronym that follows
                    break
                j = k
                if j in barriers:
                    j += 1  # a model "person" reached through a preposition: part of the name
            else:
                break
            first = False
        return j

    def _drop_trailing_title(self, doc: Doc, e: int, end: int) -> int:
        """End of an org name that runs up to a person, without the person's title.

        "Dewan Rakyat Speaker Tan Sri Johari Abdul": "Speaker" is Johari's office, not part
        of the name. Only after a capitalised word, so "Ministry of Finance" keeps "Finance".
        """
        for k in range(max(e + 1, end - self.max_title), end):
            if (
                self._title_at(doc, k, end, self.roles) == end - k
                and self._word(doc[k - 1])
            ):
                return k
        return end

    def _org_stop(self, doc: Doc, j: int) -> bool:
        """A capitalised word that ends an organisation name rather than continuing it."""
        if doc[j].text in self.org_stop_words:
            return True
        return self.stop_at_roles and bool(self._title_at(doc, j, len(doc), self.roles))

    def _org_left(self, doc: Doc, s: int) -> int:
        """Extend an organisation name leftwards from its head (English-style modifiers)."""
        i = s
        while i > 0:
            tok = doc[i - 1]
            if tok.lower_ in self.left_stops:
                break
            if self._word(tok):
                i -= 1
                if tok.is_sent_start:
                    break
            elif i >= 2 and (
                (tok.lower_ == "'s" and doc[i - 2].text in self.possessive_words)
                or (self._glued_hyphen(doc, i - 1) and self._cap(doc[i - 2]))
            ):
                i -= 2  # "Women's Union", "High-Tech"
            else:
                break
        return i

    def _organisations(
        self,
        doc: Doc,
        model: list[Span],
        heads: list[tuple[int, int]],
        barriers: set[int],
        blocked: set[int],
        soft: frozenset[int] = frozenset(),
    ) -> list[_Candidate]:
        """Org head + capitalised words (and connectors) -> one ORG span.

        ``barriers`` are tokens an org name may not run into (the title of a person the model
        confirmed); ``blocked`` are tokens where no org may start (inside such a person).
        """
        head_starts = {s for s, _ in heads}
        # Heads inside a model PERSON/LOC that begins before them ("Jakarta Pusat").
        outside: set[int] = set()
        for ent in model:
            if ent.label_ in ("PERSON", "LOC"):
                outside.update(range(ent.start + 1, ent.end))
        model_starts = {m.start for m in model if m.label_ != "PERSON"}
        out = []
        last_end = 0
        for s, e in heads:
            if s < last_end or s in outside or s in blocked:
                continue
            stops = barriers
            if self.keep_model_splits:
                # The model read two adjacent names from this head on ("Dewan Pimpinan Pusat" +
                # "Partai Demokrat"): keep its two. A name the rule found where the model saw
                # none ahead of the model's ("Departemen Kerja Partai dan Politik" before
                # "Kementerian Keamanan Publik") still runs on, as the product spec wants.
                own = next((m for m in model if m.start == s and m.label_ != "PERSON"), None)
                if own is not None and own.end in model_starts:
                    stops = stops | {own.end}
            initial = doc[s:e].text in self.initial_heads
            if initial:
                # Right after a head that opens the name, a model "person" is the name
                # ("Jabatan | Kastam Diraja Malaysia").
                stops = stops - {e}
            end = self._org_right(doc, e, head_starts, stops, soft=soft, head_initial=initial)
            if end in barriers:
                end = self._drop_trailing_title(doc, e, end)
            start = self._org_left(doc, s) if self.extend_left and not initial else s
            start = max(start, last_end)
            if any(k in blocked for k in range(start, s)):
                start = s
            named = any(doc[k].is_alpha and not ROMAN.match(doc[k].text) for k in range(e, end))
            if start == s and not named:
                continue  # a bare head ("the ministry said", "Komisi III") is not a name
            out.append(_Candidate(start, end, "ORG"))
            last_end = end
        return out

    def _vietnamese_names(
        self, doc: Doc, taken: list[bool], persons: dict[int, int] | None = None
    ) -> list[_Candidate]:
        """A free run of 2-4 short capitalised syllables starting with a family name.

        ``persons`` (start -> end of the model's PERSON names): a family name right before
        one is its first syllable ("Do | Hung Viet", the model reading "Do" as a word); one
        that starts at a family name takes the free syllables after it ("Phạm Minh | Chính").
        """
        out = []
        n = len(doc)
        last_end = 0
        persons = persons or {}
        for _, i, _ in self.surname_matcher(doc):
            if i < last_end:
                continue
            if taken[i]:
                # The model's name stops short of the last syllable ("Phạm Minh | Chính").
                j = persons.get(i, i)
                k = j
                while k < n and self._cap(doc[k]) and doc[k].is_alpha and not taken[k]:
                    k += 1
                run = doc[i:k]
                if j > i and k > j and len(run) <= 4 and all(len(t.text) <= 7 for t in run):
                    out.append(_Candidate(i, k, "PERSON"))
                    last_end = k
                continue
            if (
                i > 0
                and self._cap(doc[i - 1])
                and not doc[i - 1].is_sent_start
                and not self._after_role(doc, i)
            ):
                continue  # inside a longer capitalised run ("Bank Le Monde"), not after a title
            j = i + 1
            if j in persons:
                j = persons[j]
            while j < n and self._cap(doc[j]) and doc[j].is_alpha and not taken[j]:
                j += 1
            run = doc[i:j]
            # Syllables are short; two function words make it a phrase ("Do Not Disturb"),
            # one may be a syllable ("Nguyen Van An", "Do Van Ba").
            if (
                2 <= len(run) <= 4
                and all(len(t.text) <= 7 and t.is_alpha for t in run)
                and sum(t.is_stop for t in run) < 2
            ):
                out.append(_Candidate(i, j, "PERSON"))
            last_end = j
        return out

    def _spelled_acronyms(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """``Indonesia Corruption Watch (ICW)``: the words the acronym spells are one name.

        The model (or a split rule) may cut such a name into pieces of other labels
        ("Indonesia" ORG + "Corruption Watch" PERSON). When the initials of the capitalised
        words right before a parenthesised acronym spell it (connectors skipped) and two or
        more entities cover them (or none, right after a role title), they are one ORG, or one
        LOC if a place is most of it.
        """
        out = list(ents)
        for i in range(1, len(doc) - 2):
            if doc[i].text != "(" or doc[i + 2].text != ")":
                continue
            acro = doc[i + 1].text
            if not (acro.isalpha() and acro.isupper() and 2 <= len(acro) <= 8):
                continue
            k, letters = i, []
            while k > 0 and len(letters) < len(acro):
                tok = doc[k - 1]
                if self._cap(tok) and tok.is_alpha:
                    letters.append(tok.text[0])
                elif tok.lower_ not in self.connectors or not letters:
                    break
                k -= 1
            if "".join(reversed(letters)) != acro:
                continue
            pieces = [e for e in out if e.start < i and k < e.end]
            whole = len(pieces) == 1 and (pieces[0].start, pieces[0].end) == (k, i)
            titled = i - k >= 2 and self._after_role(doc, k)
            if whole or (len(pieces) < 2 and not titled):
                continue  # one name already, or none: common nouns have acronyms too ("KBK"),
                # unless a title says a body follows ("Peneliti Indonesia Budget Center (IBC)")
            if any(e.start < k or e.end > i for e in pieces):
                continue  # a longer name the model read: leave it
            longest = max(pieces, key=len, default=None)
            label = "LOC" if longest is not None and longest.label_ == "LOC" and (
                len(longest) > (i - k) / 2
            ) else "ORG"
            out = [e for e in out if e not in pieces] + [Span(doc, k, i, label=label)]
        return out

    def _acronyms(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """``Long Name (LN)``: the acronym gets the long name's label."""
        by_end = {ent.end: ent for ent in ents}
        starts = {k for ent in ents for k in range(ent.start, ent.end)}
        out = []
        for i, long in by_end.items():
            if i >= len(doc) or doc[i].text != "(" or len(long) < 2 or long.label_ == "PERSON":
                continue
            close = next((k for k in range(i + 1, min(i + 6, len(doc))) if doc[k].text == ")"), -1)
            inner = doc[i + 1 : close] if close > i + 1 else None
            if inner is None or any(k in starts for k in range(inner.start, inner.end)):
                continue
            if self._cap(inner[0]) and any(sum(c.isupper() for c in t.text) >= 2 for t in inner):
                out.append(Span(doc, inner.start, inner.end, label=long.label_))
        return out

    def __call__(self, doc: Doc) -> Doc:
        weak = {
            k for e in doc.ents if e.label_ in self.name_overrides for k in range(e.start, e.end)
        }
        model = self._org_suffixes(doc, self._model_ents(doc))
        head_matches = [(s, e) for _, s, e in self.head_matcher(doc)]
        head_starts = {s for s, _ in head_matches}
        # An institution the model read as a building or a person is an ORG ("Bach Mai
        # Hospital", "Cho Ray Hospital").
        raw_by_end = {e.end: e.label_ for e in doc.ents}
        model = [
            Span(doc, m.start, m.end, label="ORG")
            if len(m) > 1
            and (
                (doc[m.end - 1].text in self.institution_heads
                 and (m.label_ == "PERSON" or raw_by_end.get(m.end) in self.head_overrides))
                # Where names are head-final, a "person" ending in an org head is the org
                # ("Ho Chi Minh City Police").
                or (m.label_ == "PERSON" and self.extend_left and m.end - 1 in head_starts)
            )
            else m
            for m in model
        ]
        people = self._titled_people(doc, model, head_starts)
        # Where an org name would run over an honorific/rank + name, the model decides: it saw
        # a person there ("Police Colonel Nguyen Van A") or the rank belongs to the org name
        # ("Direktorat Jenderal Pajak").
        barriers = {p.trigger for p in people if p.model_support}
        # A full name the model found stops an org name running into it ("Partai Golkar Aburizal
        # Bakrie"); a lone word does not ("... Kesetaraan Gender" misread as a person).
        # After a preposition ("SMA X untuk Siswa Berbakat") the model's "person" is more
        # likely part of the name; after a conjunction it is a person.
        soft = frozenset(m.start for m in model if m.label_ == "PERSON" and len(m) > 1)
        barriers |= soft
        # Dates, numbers and amounts the model found end an org name ("Dewan Rakyat on
        # Thursday").
        barriers |= {m.start for m in doc.ents if m.label_ in self.org_stop_labels}
        blocked = {k for p in people if p.model_support for k in range(p.trigger, p.end)}
        orgs = self._organisations(doc, model, head_matches, barriers, blocked, soft)
        # The rule extends model names, it never cuts one: a model ORG/LOC that starts inside
        # the rule's name and runs on past it ("... Sosial (Kemensos)") carries the name along.
        orgs = [
            _Candidate(o.start, max([o.end] + [
                m.end for m in model
                if m.label_ in ("ORG", "LOC") and o.start <= m.start < o.end
            ]), o.label)
            for o in orgs
        ]
        # A model ORG that already contains the rule's name is kept as the model read it.
        orgs = [
            o for o in orgs
            if not any(
                m.label_ == "ORG" and m.start <= o.start and o.end <= m.end for m in model
            )
        ]
        org_tokens = {k for o in orgs for k in range(o.start, o.end)}
        people = [
            p for p in people
            if p.model_support or not any(k in org_tokens for k in range(p.trigger, p.end))
        ]

        # The rule fixes the boundaries. The label stays the model's where the model saw most
        # of the name (the corpora tag schools, hospitals and offices as places in context:
        # "di SMA Negeri 6 Jakarta"); where the rule supplied most of it, the head says ORG.
        model_at = {m.start: m for m in model if m.label_ != "PERSON"}
        rules = filter_spans(
            [Span(doc, c.start, c.end, label=self._org_label(c, model_at)) for c in orgs]
            + [Span(doc, c.start, c.end, label=c.label) for c in people]
        )
        taken = [False] * len(doc)
        for span in rules:
            for k in range(span.start, span.end):
                taken[k] = True
        ents = rules + [m for m in model if not any(taken[k] for k in range(m.start, m.end))]
        listed = [(doc.vocab.strings[label_id], s, e) for label_id, s, e in self.gazetteer(doc)]
        ents = self._split_listed_places(doc, ents, taken, listed)
        ents = self._apply_gazetteer(doc, ents, taken, listed)
        ents = self._place_suffixes(doc, ents)

        known = [(s, e) for _, s, e in self.org_names(doc)]
        ents = self._split_names(doc, ents, known)
        ents = self._names_after_role_org(doc, ents, known)
        ents = self._titled_names(doc, ents, head_starts)
        ents = self._last_syllable(doc, ents)
        # Vietnamese names fill gaps and override only what the model gave a minor label
        # ("Le Van Tam" read as a FAC; vietnamese_name_overrides), never its PERSON/ORG/LOC.
        occupied = [False] * len(doc)
        for m in ents:
            if m.label_ in CORE:
                for k in range(m.start, m.end):
                    occupied[k] = k not in weak

        persons = {m.start: m.end for m in ents if m.label_ == "PERSON"}
        names = [
            Span(doc, c.start, c.end, label=c.label)
            for c in self._vietnamese_names(doc, occupied, persons)
        ]
        if names:
            named = {k for n in names for k in range(n.start, n.end)}
            ents = [m for m in ents if not any(k in named for k in range(m.start, m.end))]
            ents += names
        ents = self._spelled_acronyms(doc, ents)
        ents += self._acronyms(doc, ents)
        raw = {(e.start, e.end): e.label_ for e in doc.ents}
        ents = [self._drop_possessive(doc, e, raw.get((e.start, e.end), "")) for e in ents]
        ents = filter_spans(ents)
        ents = self._head_before_person(doc, ents)
        surnames = {i for _, i, _ in self.surname_matcher(doc)}
        ents = self._surname_to_person(doc, ents, surnames)
        ents = self._name_after_org_head(doc, ents, surnames, {e for _, e in head_matches})
        if self.join_names:
            ents = self._join_adjacent_people(doc, ents)
        ents = self._person_of_org(doc, ents)
        ents = self._aged_names(doc, ents, head_starts)
        doc.ents = ents
        return doc

    def _person_of_org(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """Split "[Alex Au of Transient Workers Count Too]" into the PERSON before the connector
        and the ORG after it (``[entities] person_org_connectors``); a PERSON never ends in a
        lower-case word ("[Hariyanto of] the …") and starts with no nationality noun of
        demonyms.txt ("[Spaniard Jordi] …")."""
        trimmed: list[Span] = []
        for e in ents:
            start, end = e.start, e.end
            while e.label_ == "PERSON" and end - start > 1 and (
                doc[end - 1].is_lower
                or doc[end - 1].text in HYPHENS
                or any(c.isdigit() for c in doc[end - 1].text)
            ):
                end -= 1  # "[Hariyanto of] the …", "[Ng Tze Yong 21-17]": a name ends in a word
            while e.label_ == "PERSON" and end - start > 1 and doc[start].text in self.demonyms:
                start += 1  # "[Spaniard Jordi] Ferran Masip": demonyms.txt
            same = (start, end) == (e.start, e.end)
            trimmed.append(e if same else Span(doc, start, end, label="PERSON"))
        ents = trimmed
        if not self.person_org_connectors:
            return ents
        out: list[Span] = []
        for e in ents:
            cut = next(
                (
                    k
                    for k in range(e.start + 2, e.end - 1)
                    if doc[k].lower_ in self.person_org_connectors
                    and all(self._cap(doc[x]) for x in range(e.start, k))
                    and all(self._cap(doc[x]) for x in range(k + 1, e.end))
                ),
                None,
            )
            if e.label_ != "PERSON" or cut is None:
                out.append(e)
                continue
            out += [Span(doc, e.start, cut, label="PERSON"), Span(doc, cut + 1, e.end, label="ORG")]
        return out

    def _aged_names(self, doc: Doc, ents: list[Span], head_starts: set[int]) -> list[Span]:
        """A run of two to four capitalised words followed by an age ("Wichai Sangprasert, 56,",
        "Rodel Dela Cruz (45),") is a person, whatever the model made of it: news gives ages of
        people only. Runs with an organisation head or a listed place are left alone."""
        out = list(ents)
        for k, tok in enumerate(doc):
            if not (tok.like_num and tok.text.isdigit() and 1 <= int(tok.text) <= 110):
                continue
            opened = doc[k - 1].text if k > 0 else ""
            closed = doc[k + 1].text if k + 1 < len(doc) else ""
            if not ((opened == "(" and closed == ")") or (opened == "," and closed == ",")):
                continue
            end = k - 1
            start = end
            while start > 0 and end - start < 4 and self._cap(doc[start - 1]):
                start -= 1
            while start < end and (_norm(doc[start].text),) in self.titles:
                start += 1  # "Fisherman | Zaw Min Oo, 37,"
            if end - start < 2 or any(x in head_starts for x in range(start, end)):
                continue
            if any(doc[x].text in self.place_words for x in range(start, end)):
                continue
            inside = [e for e in out if e.start < end and start < e.end]
            if any(e.label_ == "PERSON" for e in inside) or any(
                e.start < start or e.end > end for e in inside
            ):
                continue  # already a person, or part of a longer name
            out = [e for e in out if e not in inside]
            out.append(Span(doc, start, end, label="PERSON"))
        return sorted(out, key=lambda e: e.start)

    def _last_syllable(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """A two-syllable PERSON followed by one more free short syllable takes it.

        Chinese, Vietnamese and Korean names have three short syllables and the model often
        stops at two ("Lee Hsien | Loong visited"). Only short capitalised words that are no
        stop word, title, place or head word, at the end of the capitalised run.
        """
        covered = {k for e in ents for k in range(e.start, e.end)}
        out = []
        for ent in ents:
            k = ent.end
            if (
                ent.label_ == "PERSON"
                and len(ent) == 2
                and k < len(doc)
                and k not in covered
                and all(t.is_alpha and len(t.text) <= self.max_syllable for t in ent)
                and self._name_word(doc[k])
                and len(doc[k].text) <= self.max_syllable
                and not doc[k].is_stop
                and doc[k].text not in self.name_stopwords
                and not self._title_at(doc, k, len(doc))
                and not (k + 1 < len(doc) and self._word(doc[k + 1]))
            ):
                ent = Span(doc, ent.start, k + 1, label="PERSON")
            out.append(ent)
        return out

    def _head_before_person(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """A bare organisation head right before a PERSON takes its first word.

        "Universitas" names nothing alone: in "Rektor Universitas [Airlangga Mohammad Nasih]"
        the first word of the "person" is the university's name. Only for names of three words
        or more, so that two remain.
        """
        covered = {k for e in ents for k in range(e.start, e.end)}
        out: list[Span] = []
        for ent in ents:
            h = ent.start - 1
            if (
                ent.label_ == "PERSON"
                and len(ent) >= 3
                and h >= 0
                and h not in covered
                and doc[h].text in self.generic_words
            ):
                out.append(Span(doc, h, ent.start + 1, label="ORG"))
                out.append(Span(doc, ent.start + 1, ent.end, label="PERSON"))
            else:
                out.append(ent)
        return out

    def _surname_to_person(self, doc: Doc, ents: list[Span], surnames: set[int]) -> list[Span]:
        """A listed family or given name ending an ORG/LOC right before a PERSON opens that name.

        "Deputy Minister of [Industry and Trade Nguyen] [Sinh Nhat Tan]": the model closed the
        portfolio one word late; "Nguyen" (rules_vi_surnames.txt) starts the person's name, as
        does a given name of gazetteer_person.txt ("[Indef Tauhid] [Ahmad]") when what is left of
        the organisation is more than a head word.
        """
        listed = {(s, e) for _, s, e in self.org_names(doc)}
        ents = sorted(ents, key=lambda e: e.start)
        covered = {k for e in ents for k in range(e.start, e.end)}
        # ... and a free one right before a PERSON: "… Rural Development | Phung | [Duc Tien]"
        ents = [
            Span(doc, e.start - 1, e.end, label="PERSON")
            if e.label_ == "PERSON"
            and e.start - 1 in surnames
            and e.start - 1 not in covered
            and self._cap(doc[e.start - 1])
            else e
            for e in ents
        ]
        out: list[Span] = []
        for k, ent in enumerate(ents):
            nxt = ents[k + 1] if k + 1 < len(ents) else None
            last = ent.end - 1
            opens_name = last in surnames or (
                (
                    doc[last].text in self.given_names
                    # a two-word "organisation" right after a title: "[Indef Tauhid] [Ahmad]"
                    or (
                        len(ent) == 2
                        and ent.label_ == "ORG"
                        and self._after_role(doc, ent.start)
                        and not self._title_at(doc, ent.start, ent.end)
                    )
                )
                and self._name_word(doc[last])
                and doc[ent.start : last].text not in self.bare_org_words  # not "Universitas"
                and (ent.start, ent.end) not in listed
            )
            if (
                ent.label_ in ("ORG", "LOC")
                and len(ent) > 1
                and opens_name
                and nxt is not None
                and nxt.label_ == "PERSON"
                and nxt.start == ent.end
            ):
                out.append(Span(doc, ent.start, last, label=ent.label_))
                ents[k + 1] = Span(doc, last, nxt.end, label="PERSON")
            else:
                out.append(ent)
        return out

    def _name_after_org_head(
        self, doc: Doc, ents: list[Span], surnames: set[int], head_ends: set[int]
    ) -> list[Span]:
        """A Vietnamese name the model glued after an organisation head is a person.

        "Chairman of the [National Assembly Tran Thanh Man] received …": right after the head
        word a listed family name opens 2-4 short capitalised syllables that end the entity
        before a lower-case word. At least two words must stay in the organisation, so
        "SMA Luong Van Tuy" (a school named after a person) is left whole.
        """
        out: list[Span] = []
        for ent in ents:
            cut = next(
                (
                    k
                    for k in range(ent.start + 2, ent.end - 1)
                    if k in surnames and k in head_ends
                ),
                None,
            )
            after = doc[ent.end] if ent.end < len(doc) else None
            run = doc[cut : ent.end] if cut is not None else None
            if (
                ent.label_ in ("ORG", "LOC")
                and run is not None
                and 2 <= len(run) <= 4
                and all(self._cap(t) and t.is_alpha and len(t.text) <= 7 for t in run)
                and (after is None or not self._cap(after))
            ):
                out.append(Span(doc, ent.start, cut, label=ent.label_))
                out.append(Span(doc, cut, ent.end, label="PERSON"))
            else:
                out.append(ent)
        return out

    @staticmethod
    def _join_adjacent_people(doc: Doc, ents: list[Span]) -> list[Span]:
        """Two PERSON spans with nothing but a space between are one name.

        The model sometimes cuts a long Indonesian name ("Widiyanti Putri | Wardhana").
        """
        out: list[Span] = []
        for ent in sorted(ents, key=lambda e: e.start):
            prev = out[-1] if out else None
            if (
                prev is not None
                and prev.label_ == ent.label_ == "PERSON"
                and prev.end == ent.start
                and doc[prev.end - 1].whitespace_
            ):
                out[-1] = Span(doc, prev.start, ent.end, label="PERSON")
            else:
                out.append(ent)
        return out

    def _drop_possessive(self, doc: Doc, ent: Span, raw_label: str) -> Span:
        """``Hun Sen's`` -> ``Hun Sen``: a possessive ending is not part of a name.

        Only for the labels listed (a person's) and after an org head ("Transport
        Ministry's"): it is part of a shop's name ("Del Frisco's").
        """
        if (
            len(ent) > 1
            and doc[ent.end - 1].lower_ in self.possessives
            and (
                ent.label_ in self.possessive_labels
                or raw_label in self.possessive_labels
                or (ent.label_ == "ORG" and doc[ent.end - 2].text in self.head_words)
            )
        ):
            return Span(doc, ent.start, ent.end - 1, label=ent.label_)
        return ent

    def _titled_names(self, doc: Doc, ents: list[Span], head_starts: set[int]) -> list[Span]:
        """A name right after a title is a PERSON, whatever else the model called it.

        "President Joko Widodo" read as an ORG: 2-4 capitalised words, no org head among them,
        directly after an honorific or rank, or (``person_after_roles``) a role word.
        """
        out = []
        for ent in ents:
            if (
                ent.label_ != "PERSON"
                and 2 <= len(ent) <= 4
                and all(t.is_alpha and self._cap(t) and not t.is_upper for t in ent)
                and not any(k in head_starts for k in range(ent.start, ent.end))
                and any(
                    self._title_at(doc, k, ent.start, self.person_after) == ent.start - k
                    for k in range(max(0, ent.start - self.max_title), ent.start)
                )
            ):
                ent = Span(doc, ent.start, ent.end, label="PERSON")
            out.append(ent)
        return out

    def _after_role(self, doc: Doc, start: int) -> bool:
        """A title ends right before ``start``, maybe through a connector ("Chairman of X")."""
        ends = {start}
        if start > 0 and doc[start - 1].lower_ in self.role_org_connectors:
            ends.add(start - 1)
        return any(
            self._title_at(doc, k, end) == end - k
            for end in ends
            for k in range(max(0, end - self.max_title), end)
        )

    def _name_word(self, tok: Token) -> bool:
        """A token that can be part of a personal name (not an acronym, head or place word)."""
        return (
            tok.is_alpha
            and self._cap(tok)
            and not (tok.is_upper and len(tok.text) > 1)
            and tok.text not in self.not_name_words
            and tok.text.rstrip(".") not in self.org_suffixes
        )

    def _name_split(self, doc: Doc, ent: Span, known: list[tuple[int, int]]) -> int:
        """Start of a personal name at the end of ``ent`` (``-1`` if there is none).

        Structure decides, never the language: an honorific/rank inside the span starts the
        name ("Petronas Tan Sri Mohd Bakke Salleh"); otherwise the last 2-4 name-like words are
        a name when the part before ends with an acronym ("KPU") or a place ("Kabupaten
        Bandung"), or the name opens with a known given name ("Universitas Airlangga Mohammad
        Nasih"), or one word on stronger evidence (:meth:`_one_word_name`). A known
        organisation name is never cut ("Universitas Gadjah Mada").
        """
        for k in range(ent.start + 1, ent.end - 1):
            n = self._title_at(doc, k, ent.end, self.triggers)
            if n and ent.end - (k + n) >= 2 and all(
                self._name_word(t) for t in doc[k + n : ent.end]
            ):
                return k
        if ent.label_ == "PERSON":
            return -1  # the model's name, after a title: its words are the name's, not an org's
        for size in (2, 3, 4):
            k = ent.end - size
            if k <= ent.start:
                break
            if not all(self._name_word(t) for t in doc[k : ent.end]):
                break
            if any(s < k < e for s, e in known):
                continue
            if all(t.text in self.bare_org_words for t in doc[ent.start : k]):
                break  # "PT Pertamina Nicke Widyawati": "PT" alone names nothing
            last = doc[k - 1]
            if not last.is_alpha:
                break  # "SMP Negeri 1 Putri Hijau": after a number the name goes on
            if (
                (last.is_upper and last.is_alpha and len(last.text) > 1)
                or named_by_portfolio(  # "Kementerian Luar Negeri | X"
                    self.lang, tuple(t.text for t in doc[ent.start : k])
                )
                or last.text in self.place_ends
                or doc[k].text in self.given_names
                or any(e == k for _, e in known)  # "Partai Buruh | Said Iqbal"
                or last.text in self.org_single  # "Pimpinan Pusat Muhammadiyah | Haedar Nashir"
                # "Badan Gizi Nasional | Dadan Hindayana": a word that ends names of bodies,
                # then two name words (more could still be the body's: "… Nasional
                # Penanggulangan Bencana")
                or (size == 2 and last.text in self.org_final_words)
            ):
                return k
        return self._one_word_name(doc, ent, known)

    def _one_word_name(self, doc: Doc, ent: Span, known: list[tuple[int, int]]) -> int:
        """Start of a one-word name at the end of ``ent`` (``-1`` if there is none).

        Many Indonesians have one name ("Ketua DPRD Kota Semarang Kadarlusman meminta"). One
        word is weaker evidence than two, so it needs an acronym, a listed place or the end of
        a listed organisation name (rules_org.txt) right before it, and a lowercase word (the
        verb) or a comma right after the span.
        """
        k = ent.end - 1
        if k == ent.start or ent.end >= len(doc):
            return -1
        if all(t.text in self.bare_org_words for t in doc[ent.start : k]):
            return -1  # "PT Pertamina": "PT" alone names nothing
        word, last, after = doc[k], doc[k - 1], doc[ent.end]
        if not self._name_word(word) or len(word.text) < 4 or word.text in self.name_stopwords:
            return -1
        if not ((after.is_alpha and after.is_lower) or after.text == ","):
            return -1
        acronym = last.is_upper and last.is_alpha and len(last.text) > 1
        listed = any(e == k for _, e in known)  # "Mahkamah Konstitusi | Suhartoyo membacakan"
        return k if acronym or listed or last.text in self.place_ends else -1

    def _split_names(
        self, doc: Doc, ents: list[Span], known: list[tuple[int, int]]
    ) -> list[Span]:
        """Split a personal name off an ORG/LOC (or PERSON) span that follows a role title.

        "Ketua KPU Hasyim Asyari menetapkan": the model reads one ORG "KPU Hasyim Asyari". A
        title right before the span says it names the role's organisation and/or its holder;
        the name is the span's tail, before a lowercase word or punctuation. ``known``: the
        spans of listed organisation names, never cut.
        """
        out = []
        for original in ents:
            # a title may straddle the start ("Wali | Kota Semarang Hevearita …" read as a place)
            ent, inner = original, self._after_straddling_title(doc, original)
            if ent.label_ != "PERSON" and ent.start < inner < ent.end - 1:
                ent = Span(doc, inner, ent.end, label=ent.label_)
            if (
                ent.label_ in CORE
                and len(ent) >= 3
                and (ent.end == len(doc) or not self._cap(doc[ent.end]) or doc[ent.end].is_punct)
                and self._after_role(doc, ent.start)
            ):
                k = self._name_split(doc, ent, known)
                if k > ent.start:
                    n = self._title_at(doc, k, ent.end, self.triggers)
                    label = "ORG" if ent.label_ == "PERSON" else ent.label_
                    out.append(Span(doc, ent.start, k, label=label))
                    out.append(Span(doc, k + n, ent.end, label="PERSON"))
                    continue
            out.append(original)
        return out

    def _names_after_role_org(
        self, doc: Doc, ents: list[Span], known: list[tuple[int, int]]
    ) -> list[Span]:
        """The untagged name right after "title + organisation" is a PERSON.

        "Ketua KPU Hasyim Asyari menetapkan": where the model tagged only "KPU", the name that
        follows is the role holder's, on the same evidence as when the model swallowed it into
        the organisation (``_name_split`` on the organisation plus the free words after it).
        ``known``: the spans of listed organisation names, never cut.
        """
        covered = {k for e in ents for k in range(e.start, e.end)}
        extra = []
        for ent in ents:
            if ent.label_ not in ("ORG", "LOC") or not self._after_role(doc, ent.start):
                continue
            if self._title_at(doc, ent.end, len(doc)):
                continue  # "Kepala Basarnas | Marsekal Madya (Purn) X": a rank, then the name
            j = ent.end
            while j < len(doc) and j - ent.end < 4 and j not in covered and self._name_word(doc[j]):
                j += 1
            ends_run = j == len(doc) or not self._cap(doc[j]) or doc[j].is_punct
            if j == ent.end or not ends_run or j in covered:
                continue
            whole = Span(doc, ent.start, j, label=ent.label_)
            if self._name_split(doc, whole, known) == ent.end:
                extra.append(Span(doc, ent.end, j, label="PERSON"))
        return ents + extra

    @staticmethod
    def _org_label(org: _Candidate, model_at: dict[int, Span]) -> str:
        seen = model_at.get(org.start)
        if seen is not None and 2 * (min(seen.end, org.end) - seen.start) > org.end - org.start:
            return seen.label_
        return org.label

    def _split_listed_places(
        self, doc: Doc, ents: list[Span], taken: list[bool], listed: list[tuple[str, int, int]]
    ) -> list[Span]:
        """A model name that is two listed places joined by a conjunction is two places.

        "Chiang Mai and Chiang Rai" read as one LOC ("Nghe An and Ha Tinh" as one PERSON):
        split only when both sides are exactly gazetteer places, so unlisted names ("Bosnia
        and Herzegovina") stay as the model read them.
        """
        places = {(s, e) for label, s, e in listed if label == "LOC"}
        out = []
        for ent in ents:
            if ent.label_ in CORE and not taken[ent.start]:
                cut = next(
                    (
                        k for k in range(ent.start + 1, ent.end - 1)
                        if doc[k].lower_ in self.conjunctions
                        and (ent.start, k) in places
                        and (k + 1, ent.end) in places
                    ),
                    -1,
                )
                if cut > 0:
                    out += [Span(doc, ent.start, cut, "LOC"), Span(doc, cut + 1, ent.end, "LOC")]
                    continue
            out.append(ent)
        return out

    def _place_suffixes(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """Administrative words after a place: "X District" is a place, "X province" is X.

        A name the model read as a person is a LOC if it ends in a capitalised suffix ("Cu
        Chi District") or a lowercase one follows ("Bang Khen district"); a LOC followed by a
        capitalised one takes it in; a lowercase one at its end is cut off.
        """
        if not self.place_suffixes:
            return ents
        starts = {e.start for e in ents}
        out = []
        for ent in ents:
            last = doc[ent.end - 1]
            after = doc[ent.end].text if ent.end < len(doc) else ""
            if ent.label_ == "PERSON" and (
                (len(ent) > 1 and last.text in self.place_suffixes)
                or (after.islower() and after in self.place_suffixes_lower)
            ):
                ent = Span(doc, ent.start, ent.end, label="LOC")  # "Bang Khen district"
            elif ent.label_ == "LOC":
                if (
                    ent.end < len(doc)
                    and doc[ent.end].text in self.place_suffixes
                    and ent.end not in starts
                ):
                    ent = Span(doc, ent.start, ent.end + 1, label="LOC")
                elif (
                    len(ent) > 1
                    and last.text.islower()
                    and last.text in self.place_suffixes_lower
                    and self._cap(doc[ent.end - 2])  # not in all-lowercase text ("tampa bay")
                ):
                    ent = Span(doc, ent.start, ent.end - 1, label="LOC")
            out.append(ent)
        return out

    def _apply_gazetteer(
        self, doc: Doc, ents: list[Span], taken: list[bool], listed: list[tuple[str, int, int]]
    ) -> list[Span]:
        """Gazetteer names fill gaps, join smaller model pieces or fix a model label.

        They never cut a model entity nor override an org/person rule.
        """
        # Longest names first: "Johor Bahru" before "Johor".
        for label, s, e in sorted(listed, key=lambda m: (m[1] - m[2], m[1])):
            if any(taken[k] for k in range(s, e)):
                continue
            inside = [m for m in ents if s <= m.start and m.end <= e]
            if any(m.start < e and s < m.end and m not in inside for m in ents):
                continue
            ents = [m for m in ents if m not in inside]
            ents.append(Span(doc, s, e, label=label))
            for k in range(s, e):
                taken[k] = True
        return ents


@Language.factory(FACTORY, default_config={"lang": ""})
def make_entity_rules(nlp: Language, name: str, lang: str) -> EntityRules:
    """spaCy factory; ``lang`` selects pipeline/lang/<code>/ (default: the pipeline's lang)."""
    return EntityRules(nlp, lang or nlp.lang)
