"""Segment: captions with credits, body paragraphs in order, raw offsets; the example articles."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.records import Block, RawArticle
from pipeline.settings import Settings
from pipeline.stages.clean import clean
from pipeline.stages.segment import segment

REPO = Path(__file__).resolve().parents[2]
SETTINGS = Settings()


def run(text: str) -> tuple[Block, ...]:
    return segment(clean(RawArticle("t.txt", "t.txt", text), SETTINGS), SETTINGS)


def table(blocks: tuple[Block, ...]) -> list[tuple[int, str, str, str | None]]:
    return [(b.block_id, b.kind, b.text, b.credit) for b in blocks]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(
            "| Foto bersama. (Sumber: UN Women) |",
            [(0, "caption", "Foto bersama.", "UN Women")],
            id="sumber",
        ),
        pytest.param(
            "|Delegasi tiba.(Foto: Anh Son)|",
            [(0, "caption", "Delegasi tiba.", "Anh Son")],
            id="foto-tight",
        ),
        pytest.param(
            "|  Officials meet.   ( photo :  Reuters )  |",
            [(0, "caption", "Officials meet.", "Reuters")],
            id="photo-spaced-lowercase",
        ),
        pytest.param(
            "| The river (Source: VNA) |",
            [(0, "caption", "The river", "VNA")],
            id="source",
        ),
        pytest.param(
            "| A caption without credit. |",
            [(0, "caption", "A caption without credit.", None)],
            id="no-credit",
        ),
        pytest.param(
            "| Tan Lien (譚廉) at the site. |",
            [(0, "caption", "Tan Lien (譚廉) at the site.", None)],
            id="parenthesis-not-a-credit",
        ),
        pytest.param(
            "| (Photo: VNA) |",
            [(0, "caption", "", "VNA")],
            id="credit-only",
        ),
        pytest.param("| |\nBody.", [(0, "body", "Body.", None)], id="empty-pipes-are-layout"),
        pytest.param(
            "First | not a caption |\n| Cap. (Photo: X) | trailing",
            [
                (0, "body", "First | not a caption |", None),
                (1, "body", "| Cap. (Photo: X) | trailing", None),
            ],
            id="pipes-inside-body",
        ),
        pytest.param(
            "Para one.\r\n\r\n| Cap (Foto: A) |\r\nPara two.\r\n[ad_1]\r\nPara three.",
            [
                (0, "body", "Para one.", None),
                (1, "caption", "Cap", "A"),
                (2, "body", "Para two.", None),
                (3, "body", "Para three.", None),
            ],
            id="interleaved-crlf",
        ),
        pytest.param(
            "Old Mac one.\rOld Mac two.",
            [(0, "body", "Old Mac one.", None), (1, "body", "Old Mac two.", None)],
            id="cr-only-line-endings",
        ),
    ],
)
def test_blocks(raw: str, expected: list[tuple[int, str, str, str | None]]) -> None:
    blocks = run(raw)
    assert table(blocks) == expected
    for b in blocks:
        assert raw[b.raw_start : b.raw_end] == b.text


def test_credit_wrapper_is_logged_as_a_removal() -> None:
    raw = "| Foto bersama. (Sumber: UN Women) |"
    article = clean(RawArticle("t.txt", "t.txt", raw), SETTINGS)
    [r] = article.removals
    assert (r.kind, r.text, r.replacement) == ("caption_credit", "(Sumber: UN Women)", "")
    assert raw[r.raw_start : r.raw_end] == r.text


def test_raw_span_covers_a_repaired_last_character() -> None:
    raw = "He said â€œyesâ€\x9d\nNext."
    blocks = run(raw)
    assert blocks[0].text == "He said “yes”"
    assert raw[blocks[0].raw_start : blocks[0].raw_end] == "He said â€œyesâ€\x9d"


# ----------------------------------------------------------------------------- the examples


def test_indonesian_example() -> None:
    raw = (REPO / "raw" / "id-cyber-workshop.txt").read_text(encoding="utf-8")
    blocks = run(raw)
    captions = [b for b in blocks if b.kind == "caption"]
    assert len(captions) == 4
    assert {b.credit for b in captions} == {"UN Women"}
    assert all("|" not in b.text and "Sumber" not in b.text for b in captions)
    assert [b.block_id for b in blocks] == list(range(len(blocks)))

    # Every sentence of every body line of the raw file is in the body blocks, in order.
    body_lines = [
        line
        for line in raw.splitlines()
        if line.strip() and not line.startswith("|") and not re.match(r"\[|Sumber:|Komentar", line)
    ]
    bodies = [b for b in blocks if b.kind == "body"]
    assert len(bodies) == len(body_lines) == 12
    for line, block in zip(body_lines, bodies, strict=True):
        for sentence in re.split(r"(?<=[.!?”\"])\s+", line.replace(" प्रचार", "")):
            assert sentence in block.text
    for b in blocks:
        if "peng" not in b.text:
            assert raw[b.raw_start : b.raw_end] == b.text


EN_TABLE = [
    (
        0,
        "caption",
        "VNA",
        "Deputy Minister Nguyễn Thị Hằng speaks at the regional workshop on flood early warning "
        "in Đà Nẵng on July 15.",
    ),
    (1, "body", None, "The Ministry of Agriculture and Environment, in cooperation with the"),
    (2, "body", None, "More than 120 delegates from ten ASEAN member states, Japan"),
    (3, "body", None, "Speaking at the opening session, Deputy Minister Nguyễn Thị Hằng"),
    (4, "body", None, '"Early warning is only useful if it reaches the last household'),
    (
        5,
        "caption",
        "ASMC",
        "Tan Lien (譚廉), director of the ASMC, presents the centre's new regional rainfall model.",
    ),
    (6, "body", None, "Tan Lien (譚廉), director of the ASMC, presented a new regional"),
    (7, "body", None, "Tan also spoke of the role of “关系” (guanxi), the personal networks"),
    (8, "body", None, "Mr. Trịnh Văn Việt, Director of the Đà Nẵng Hydro-Meteorological"),
    (
        9,
        "caption",
        "Quốc Khánh",
        "Delegates visit the automated rain gauge station at the Đà Nẵng Hydro-Meteorological "
        "Station.",
    ),
    (10, "body", None, "According to Ms. Phạm Thu Trang of JICA's Vietnam office"),
    (11, "body", None, "The workshop closed with a joint statement"),
    (
        12,
        "caption",
        "VNA",
        "Participants pose for a group photo at the close of the workshop.",
    ),
]


def test_english_example_blocks() -> None:
    raw = (REPO / "raw" / "en-flood-warning.txt").read_text(encoding="utf-8")
    blocks = run(raw)
    assert len(blocks) == len(EN_TABLE)
    for block, (block_id, kind, credit, text) in zip(blocks, EN_TABLE, strict=True):
        assert (block.block_id, block.kind, block.credit) == (block_id, kind, credit)
        assert block.text == text if kind == "caption" else block.text.startswith(text)
    by_id = {b.block_id: b.text for b in blocks}
    assert "ASEAN member" in by_id[2]  # zero-width space removed
    assert "rainfall “more frequent, more intense and harder to forecast”, and" in by_id[3]
    assert by_id[8].endswith("elderly residents who do not use mobile phones.")
    assert by_id[10].endswith("at 2 a.m.,” she said after a working lunch at a riverside café.")
    assert by_id[11].endswith("flood drill in 2026.")


def test_english_example_removals() -> None:
    raw = (REPO / "raw" / "en-flood-warning.txt").read_text(encoding="utf-8")
    article = clean(RawArticle("en.txt", "en.txt", raw), SETTINGS)
    rows = [(r.kind, r.text, r.replacement) for r in article.removals]
    assert rows == [
        ("caption_credit", "(Photo: VNA)", ""),
        ("invisible", "\u200b", ""),
        ("mojibake", "â€œ", "“"),
        ("mojibake", "â€\x9d", "”"),
        ("placeholder", "[ad_1]", ""),
        ("caption_credit", "(Photo: ASMC)", ""),
        ("foreign_script", "ข่าวสาร", ""),
        ("caption_credit", "(Photo: Quốc Khánh)", ""),
        ("mojibake", "â€œ", "“"),
        ("mojibake", "â€\x9d", "”"),
        ("mojibake", "Ã©", "é"),
        ("placeholder", "[ad_2]", ""),
        ("caption_credit", "(Photo: VNA)", ""),
        ("placeholder", "[ad_1]", ""),
        (
            "trailer",
            "Source: https://baoquocte.vn/vietnam-asean-partners-step-up-cooperation-on-flood-"
            "early-warning-281145.html",
            "",
        ),
        ("comment_counter", "Comment (3)", ""),
    ]
    assert article.source_url == (
        "https://baoquocte.vn/vietnam-asean-partners-step-up-cooperation-on-flood-early-warning-"
        "281145.html"
    )
    for r in article.removals:
        assert raw[r.raw_start : r.raw_end] == r.text
