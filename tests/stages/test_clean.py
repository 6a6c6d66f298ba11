"""Clean: each artifact kind, foreign-script judgement, offsets, and the no-silent-loss property."""

from __future__ import annotations

import itertools
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.records import Block, CleanArticle, RawArticle
from pipeline.settings import Settings
from pipeline.stages.clean import _normalization, clean
from pipeline.stages.segment import segment

REPO = Path(__file__).resolve().parents[2]
SETTINGS = Settings()


def cleaned(text: str, **raw_fields: object) -> CleanArticle:
    return clean(RawArticle("t.txt", "t.txt", text, **raw_fields), SETTINGS)


def removal_rows(article: CleanArticle) -> list[tuple[str, str, str]]:
    return [(r.kind, r.text, r.replacement) for r in article.removals]


def check_offsets(article: CleanArticle) -> None:
    """raw_offsets: one per clean char plus the end, monotonic, in range, chars agree."""
    raw, offs = article.raw.text, article.raw_offsets
    assert len(offs) == len(article.text) + 1
    assert offs[-1] == len(raw)
    assert all(a <= b for a, b in itertools.pairwise(offs))
    assert all(0 <= o < len(raw) for o in offs[:-1])
    replaced = {r.raw_start for r in article.removals if r.replacement}
    for i, char in enumerate(article.text):
        if offs[i] in replaced:
            continue
        if char.isspace():
            assert raw[offs[i]].isspace()
        else:
            assert raw[offs[i]] == char, (i, char, raw[offs[i]])


# ----------------------------------------------------------------------------- artifact kinds


@pytest.mark.parametrize(
    ("raw", "text", "removals"),
    [
        pytest.param(
            "Satu.\n[iklan_2]\nDua.",
            "Satu.\nDua.",
            [("placeholder", "[iklan_2]", "")],
            id="placeholder-own-line",
        ),
        pytest.param(
            "kata[iklan_1]dia dan [AD_3] lagi.",
            "katadia dan lagi.",
            [("placeholder", "[iklan_1]", ""), ("placeholder", "[AD_3]", "")],
            id="placeholder-glued",
        ),
        pytest.param(
            "Body.\nSumber: https://x.test/a-b-1.html\n\n\nKomentar (0)",
            "Body.",
            [
                ("trailer", "Sumber: https://x.test/a-b-1.html", ""),
                ("comment_counter", "Komentar (0)", ""),
            ],
            id="trailer-and-counter-id",
        ),
        pytest.param(
            "Body.\r\n  Source:  <https://x.test/en>  \r\nComment (3)\r\n",
            "Body.",
            [
                ("trailer", "Source:  <https://x.test/en>", ""),
                ("comment_counter", "Comment (3)", ""),
            ],
            id="trailer-and-counter-en-crlf",
        ),
        pytest.param(
            "She said â€œhelloâ€\x9d at the cafÃ©.",
            "She said “hello” at the café.",
            [
                ("mojibake", "â€œ", "“"),
                ("mojibake", "â€\x9d", "”"),
                ("mojibake", "Ã©", "é"),
            ],
            id="mojibake",
        ),
        pytest.param(
            "Ông Nguyá»…n Trá»‹nh Viá»‡t nói.",
            "Ông Nguyễn Trịnh Việt nói.",
            [
                ("mojibake", "á»…", "ễ"),
                ("mojibake", "á»‹", "ị"),
                ("mojibake", "á»‡", "ệ"),
            ],
            id="mojibake-vietnamese",
        ),
        pytest.param(
            "He said â€œnoâ€ and â€œyesâ€\ufffd, voilÃ\xa0.",
            "He said “no” and “yes”, voilà.",
            [
                ("mojibake", "â€œ", "“"),
                ("mojibake", "â€", "”"),
                ("mojibake", "â€œ", "“"),
                ("mojibake", "â€\ufffd", "”"),
                ("mojibake", "Ã\xa0", "à"),
            ],
            id="mojibake-lossy-closing-quote",
        ),
        pytest.param(
            "It â\u200b€œworksâ€\x9d.",
            "It “works”.",
            [("mojibake", "â\u200b€œ", "“"), ("mojibake", "â€\x9d", "”")],
            id="mojibake-with-zero-width-inside",
        ),
        pytest.param(
            "Ông Äá»©c, bà Ngá»\ufffdc và ngÆ°á»i dân ở Äänekoski.",
            "Ông Đức, bà Ngọc và người dân ở Äänekoski.",
            [
                ("mojibake", "Äá»©", "Đứ"),  # adjacent repairs are one row
                ("mojibake", "á»\ufffd", "ọ"),
                ("mojibake", "Æ°á»", "ườ"),
            ],
            id="mojibake-lost-bytes-in-vietnamese-names",
        ),
        pytest.param(
            "Chí Minh: ChÃ\xad Minh",
            "Chí Minh: Chí Minh",
            [("mojibake", "Ã\xad", "í")],
            id="mojibake-soft-hyphen-byte",
        ),
        pytest.param(
            "Café São Paulo, naïve, 25°C, £5, «Über», Straße, Åland, 1½.",
            "Café São Paulo, naïve, 25°C, £5, «Über», Straße, Åland, 1½.",
            [],
            id="latin1-text-is-not-mojibake",
        ),
        pytest.param(
            "zero\u200bwidth soft\u00adhyphen join\u200dme\ufeff end",
            "zerowidth softhyphen joinme end",
            [
                ("invisible", "\u200b", ""),
                ("invisible", "\u00ad", ""),
                ("invisible", "\u200d", ""),
                ("invisible", "\ufeff", ""),
            ],
            id="invisible",
        ),
        pytest.param(
            "Persian “می\u200cخواهم”, Hindi “क्\u200dष” and 👨\u200d👩\u200d👧 keep joiners.",
            "Persian “می\u200cخواهم”, Hindi “क्\u200dष” and 👨\u200d👩\u200d👧 keep joiners.",
            [],
            id="joiners-inside-scripts-that-need-them",
        ),
        pytest.param(
            "Cafe\u0301 in Vie\u0323\u0302t",
            "Café in Việt",
            [("normalization", "e\u0301", "é"), ("normalization", "e\u0323\u0302", "ệ")],
            id="nfc",
        ),
        pytest.param(
            "  Lots   of\t\tspace \n\n\n\n next\u00a0\u00a0para  \r\n\r\n",
            "Lots of space\nnext para",
            [],
            id="whitespace-not-logged",
        ),
        pytest.param(
            "para peng प्रचार dari Persatuan",
            "para peng dari Persatuan",
            [("foreign_script", "प्रचार", "")],
            id="foreign-glued-devanagari",
        ),
        pytest.param(  # hypothesis found this: a whole-token diff overlapped the removal
            "\u092a\u094d\u0930\u091a\u093e\u0930aaaa\u0300"
            "\u092a\u094d\u0930\u091a\u093e\u0930aaaa a",
            "aaa\u00e0aaaa a",
            [("foreign_script", "\u092a\u094d\u0930\u091a\u093e\u0930", ""),
             ("normalization", "a\u0300", "\u00e0"),
             ("foreign_script", "\u092a\u094d\u0930\u091a\u093e\u0930", "")],
            id="nfc-next-to-a-foreign-fragment",
        ),
    ],
)
def test_artifact_kinds(raw: str, text: str, removals: list[tuple[str, str, str]]) -> None:
    article = cleaned(raw)
    assert article.text == text
    assert removal_rows(article) == removals
    for r in article.removals:
        assert raw[r.raw_start : r.raw_end] == r.text
    check_offsets(article)


def test_trailer_url_becomes_source_url() -> None:
    assert cleaned("Body.\nSource: https://x.test/a?b=1\n").source_url == "https://x.test/a?b=1"
    assert cleaned("Body without trailer.").source_url is None


def test_trailer_label_inside_a_sentence_is_text() -> None:
    article = cleaned(
        "Sumber: kata pejabat, https://x.test adalah situsnya.\nKomentar (0) hari ini."
    )
    assert article.removals == ()


# ----------------------------------------------------------------------------- foreign script


@pytest.mark.parametrize(
    "raw",
    [
        "Mr. Nguyễn Trịnh Việt and Đặng Thị Ngọc Thịnh met in Hà Nội.",
        "Tan Lien (譚廉), director of the centre, spoke.",
        "Tan Lien (Chinese: 譚廉) spoke.",
        "Tan Lien (譚廉, born 1961) spoke.",
        "The so-called “关系” network still matters.",
        'The word "ประชาธิปไตย" means democracy.',
        "Rakyat menyebutnya «демократия» saja.",
        "Ia mengutip 「一帯一路」 dalam pidatonya.",
        "习近平主席在会上发表了重要讲话，强调合作。",
        "Lenin wrote: Вся власть Советам и земля крестьянам.\nNext paragraph.",
    ],
    ids=[
        "viet",
        "paren-name",
        "paren-label",
        "paren-gloss",
        "quoted-han",
        "quoted-thai",
        "guillemets",
        "corner",
        "han-passage",
        "cyrillic-passage",
    ],
)
def test_foreign_script_framed_as_content_stays(raw: str) -> None:
    article = cleaned(raw)
    assert [r for r in article.removals if r.kind == "foreign_script"] == []
    assert article.text == raw


@pytest.mark.parametrize(
    ("raw", "removed"),
    [
        ("para peng प्रचार dari Persatuan", "प्रचार"),
        ("the delegatesข่าวสาร agreed", "ข่าวสาร"),
        ("kata ини dia", "ини"),
        ("a 譚廉 b", "譚廉"),
        ('"Kami terus bekerja sama dengan semua pihak प्रचार untuk perdamaian," katanya.', "प्रचार"),
        ("(He came from the village मेरा and stayed)", "मेरा"),
        ("Kantor PBB (UN Women प्रचार) hadir.", "प्रचार"),
        ('Ia menyebut "sangat ข่าว penting" tadi.', "ข่าว"),
    ],
    ids=[
        "devanagari",
        "thai-glued",
        "cyrillic",
        "han",
        "inside-long-quote",
        "inside-long-parens",
        "next-to-words-in-parens",
        "next-to-words-in-quotes",
    ],
)
def test_foreign_fragment_in_the_flow_is_removed(raw: str, removed: str) -> None:
    article = cleaned(raw)
    assert [(r.kind, r.text) for r in article.removals] == [("foreign_script", removed)]
    assert removed not in article.text
    check_offsets(article)


def test_latin_is_never_foreign_even_in_a_han_article() -> None:
    raw = "世界贸易组织WTO总干事在会上发表讲话，强调合作。中国代表团团长也发言。"
    assert cleaned(raw).removals == ()


# ----------------------------------------------------------------------------- example articles


def test_indonesian_example_removals_and_source_url() -> None:
    raw = (REPO / "raw" / "id-cyber-workshop.txt").read_text(encoding="utf-8")
    article = cleaned(raw)
    kinds = {(r.kind, r.text) for r in article.removals}
    url = (
        "https://baoquocte.vn/effective-protection-with-new-threats-on-the-mang-space-"
        "for-women-and-children-279606.html"
    )
    assert {
        ("placeholder", "[iklan_2]"),
        ("comment_counter", "Komentar (0)"),
        ("trailer", f"Sumber: {url}"),
        ("foreign_script", "प्रचार"),
    } <= kinds
    assert article.source_url == url
    assert "para peng dari Persatuan" in article.text  # the Latin fragment is never cut
    check_offsets(article)


# ----------------------------------------------------------------------------- property

LETTERS = (
    "abcdeghiklmnopqrstuvxyđăâêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
)
word = st.text(alphabet=LETTERS, min_size=1, max_size=8).map(
    lambda w: unicodedata.normalize("NFC", w)
)
content_word = st.one_of(
    word,
    word.map(str.capitalize),
    word.map(lambda w: unicodedata.normalize("NFD", w)),  # decomposed: NFC must recompose it
    st.sampled_from(["Nguyễn", "Trịnh", "Việt", "Hà", "Đặng"]),
)
space = st.sampled_from([" ", " ", " ", "  ", "\t", " \u00a0", "\u3000"])
placeholder = st.builds(
    lambda k, n: f"[{k}_{n}]", st.sampled_from(["iklan", "ad"]), st.integers(0, 9)
)
foreign = st.sampled_from(["प्रचार", "ข่าวสาร", "ини", "譚廉", "ქართ", "עברית"])
mojibake = st.sampled_from(["â€œ", "â€\x9d", "Ã©", "â€“", "Ã¡"])
invisible = st.sampled_from(["\u200b", "\u200c", "\u200d", "\ufeff", "\u00ad", "\u2060"])
credit_word = st.sampled_from(["UN", "Women", "VNA", "Reuters", "Quốc", "Khánh"])

# A piece is (text, is_content); content letters must never be removed by a non-repair kind.
Piece = tuple[str, bool]


@st.composite
def body_line(draw: st.DrawFn) -> list[Piece]:
    pieces: list[Piece] = []
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["word"] * 6 + ["ph", "foreign", "moji", "inv"]))
        glued = draw(st.booleans())
        if pieces and not glued:
            pieces.append((draw(space), False))
        if kind == "word":
            pieces.append((draw(content_word), True))
        elif kind == "ph":
            pieces.append((draw(placeholder), False))
        elif kind == "foreign":
            pieces.append((draw(foreign), False))
        elif kind == "moji":
            pieces.append((draw(mojibake), False))
        else:
            pieces.append((draw(invisible), False))
    return pieces


@st.composite
def caption_line(draw: st.DrawFn) -> list[Piece]:
    pieces: list[Piece] = [("|", False), (draw(space), False)]
    pieces += draw(body_line())
    if draw(st.booleans()):
        label = draw(st.sampled_from(["Sumber", "Foto", "Source", "Photo"]))
        credit = " ".join(draw(st.lists(credit_word, min_size=1, max_size=3)))
        pieces.append((f" ({label}: {credit})", False))
    pieces += [(draw(space), False), ("|", False)]
    return pieces


@st.composite
def artifact_line(draw: st.DrawFn) -> list[Piece]:
    choice = draw(st.sampled_from(["trailer", "counter", "placeholder"]))
    if choice == "trailer":
        label = draw(st.sampled_from(["Sumber", "Source"]))
        return [(f"{label}: https://x.test/{draw(st.integers(0, 999))}.html", False)]
    if choice == "counter":
        label = draw(st.sampled_from(["Komentar", "Comment"]))
        return [(f"{label} ({draw(st.integers(0, 99))})", False)]
    return [(draw(placeholder), False)]


@st.composite
def raw_article(draw: st.DrawFn) -> tuple[str, set[int]]:
    """A raw text and the positions of its content-word letters."""
    pieces: list[Piece] = []
    for i in range(draw(st.integers(1, 7))):
        if i:
            pieces.append(
                (draw(st.sampled_from(["\n", "\r\n", "\n\n", " \n\t\n", "\n\n\n"])), False)
            )
        pieces += draw(st.one_of(body_line(), body_line(), caption_line(), artifact_line()))
    text, content, pos = [], set(), 0
    for piece, is_content in pieces:
        text.append(piece)
        if is_content:
            content.update(range(pos, pos + len(piece)))
        pos += len(piece)
    return "".join(text), content


def blocks_of(raw: str) -> tuple[CleanArticle, tuple[Block, ...]]:
    article = cleaned(raw)
    return article, segment(article, SETTINGS)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw_article())
def test_nothing_is_lost_silently(case: tuple[str, set[int]]) -> None:
    raw, content = case
    article, blocks = blocks_of(raw)
    check_offsets(article)
    mapped = set(article.raw_offsets[:-1])
    in_removal = [False] * len(raw)
    for r in article.removals:
        assert raw[r.raw_start : r.raw_end] == r.text
        for p in range(r.raw_start, r.raw_end):
            in_removal[p] = True
        if r.kind not in {"mojibake", "normalization"}:
            touched = content & set(range(r.raw_start, r.raw_end))
            assert not touched, (r, [raw[p] for p in sorted(touched)])
    in_block = [False] * len(raw)
    for b in blocks:
        for p in range(b.raw_start, b.raw_end):
            in_block[p] = p in mapped
    for p, char in enumerate(raw):
        if char.isspace():
            continue
        assert in_block[p] or in_removal[p] or char == "|", (p, char, raw)

    # Each block's text is its raw span with the logged changes applied (whitespace aside).
    for b in blocks:
        assert [x.block_id for x in blocks] == list(range(len(blocks)))
        pieces, pos = [], b.raw_start
        for r in sorted(article.removals, key=lambda r: r.raw_start):
            if r.raw_start >= b.raw_start and r.raw_end <= b.raw_end:
                pieces += [raw[pos : r.raw_start], r.replacement]
                pos = r.raw_end
        pieces.append(raw[pos : b.raw_end])
        assert _squash("".join(pieces)) == _squash(b.text)
    assert unicodedata.is_normalized("NFC", article.text)


def test_artifact_data_of_a_forced_language_applies_even_when_not_supported() -> None:
    only_id = Settings(supported_languages=("id",))
    raw = "Body [ad_1] text.\nKomentar (0)"
    plain = clean(RawArticle("t.txt", "t.txt", raw), only_id)
    forced = clean(RawArticle("t.txt", "t.txt", raw, lang="en"), only_id)
    assert [r.kind for r in plain.removals] == ["comment_counter"]
    assert [r.kind for r in forced.removals] == ["placeholder", "comment_counter"]
    assert forced.text == "Body text."


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        # an invisible between two decomposed letters: both are composed, the invisible logged
        ("a\u0300\u200ba\u0300a", "\u00e0\u00e0a"),
        # an invisible before a combining mark: the token is composed without it
        ("x a\u200b\u0300b y", "x \u00e0b y"),
    ],
)
def test_invisibles_inside_decomposed_letters_leave_nfc_text(raw: str, text: str) -> None:
    article = clean(RawArticle("t.txt", "t.txt", raw), SETTINGS)
    assert article.text == text
    assert unicodedata.is_normalized("NFC", article.text)
    for r in article.removals:
        assert raw[r.raw_start : r.raw_end] == r.text


def test_nfc_composing_across_clusters_is_one_edit() -> None:
    """Hangul jamo compose across base characters: one edit for the token, still NFC."""
    edits = _normalization("\u1100\u1161\u11a8 x")
    assert [(e.start, e.end, e.replacement) for e in edits] == [(0, 3, "\uac01")]
