"""Review pages: escaping, placement of removals, entity marks, pagination, and the pages as
headless Chromium renders them (``browser`` tests, skipped only if Chromium is absent)."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from synthetic_output import (
    EVIL_ID,
    INJECTED_IMG,
    INJECTED_SCRIPT,
    Synthetic,
    write_synthetic_output,
)

import pipeline.review as review
from pipeline.review import article_page_name, write_review
from pipeline.review.render import csp_hash, highlight, static_text, visible


@pytest.fixture
def synthetic(tmp_path: Path) -> Synthetic:
    return write_synthetic_output(tmp_path / "output")


@pytest.fixture
def site(synthetic: Synthetic) -> Path:
    return write_review(synthetic.out_dir).parent


def _page(site: Path, article_id: str) -> str:
    return (site / "articles" / article_page_name(article_id)).read_text(encoding="utf-8")


# --- file names --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "article_id",
    ["id/cyber-workshop.txt", EVIL_ID, "../../../etc/passwd", "/abs/path.txt", "..", "",
     "Berita Ünïcode/ä.txt", "a" * 500, "con", "x\x00y"],
)
def test_article_page_names_are_safe(article_id: str) -> None:
    name = article_page_name(article_id)
    assert re.fullmatch(r"[a-z0-9][a-z0-9-]*-[0-9a-f]{12}\.html", name)
    assert len(name) <= 66


def test_article_page_names_keep_ids_apart() -> None:
    ids = ["A.txt", "a.txt", "a-txt", "a/txt", "a txt"]
    assert len({article_page_name(i) for i in ids}) == len(ids)


# --- the site ----------------------------------------------------------------------------------


def test_review_writes_index_search_errors_and_one_page_per_article(
    synthetic: Synthetic, site: Path
) -> None:
    assert site == synthetic.out_dir / "review"
    assert {p.name for p in site.iterdir()} == {
        "index.html", "search.html", "errors.html", "articles"}
    assert sorted(p.name for p in (site / "articles").iterdir()) == sorted(
        article_page_name(r.article_id) for r in synthetic.results
    )
    index = (site / "index.html").read_text(encoding="utf-8")
    for r in synthetic.results:
        assert f'href="articles/{article_page_name(r.article_id)}"' in index


def test_untrusted_text_is_escaped_everywhere(site: Path) -> None:
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "document.title='pwned'</script>" not in text, path
        assert "<img" not in text, path
        assert "id-pwned'</script>" not in text.replace("\\u003c", "<").split(
            '<script type="application/json"')[0], path
        assert 'href="javascript:' not in text, path
        scripts = re.findall(r"<script\b[^>]*>", text)
        if path.name == "search.html":
            assert scripts == ['<script type="application/json" id="index-data">', "<script>"]
        else:
            assert scripts == [], path  # article and index pages run no script at all
    page = _page(site, "id/cyber-workshop.txt")
    assert html.escape(INJECTED_SCRIPT) in page
    assert html.escape(INJECTED_IMG) in page
    assert "javascript:document.title" in _page(site, EVIL_ID)  # shown as text, not a link
    assert html.escape("<b>not text</b>") in (site / "errors.html").read_text(encoding="utf-8")


def test_every_page_has_a_strict_content_security_policy(site: Path) -> None:
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', text)
        assert csp, path
        policy = html.unescape(csp.group(1))
        assert "default-src 'none'" in policy
        expected = csp_hash(static_text("search.js")) if path.name == "search.html" else "'none'"
        assert f"script-src {expected};" in policy


def test_search_index_cannot_break_out_of_its_script_element(site: Path) -> None:
    text = (site / "search.html").read_text(encoding="utf-8")
    data = text.split('<script type="application/json" id="index-data">')[1].split("</script>")[0]
    assert "<" not in data
    import json

    rows = json.loads(data)["articles"]
    assert [r[0] for r in rows] == ["id/cyber-workshop.txt", EVIL_ID, "misc/short.txt"]
    assert rows[0][4] == "Budi Santoso"
    assert rows[0][5].split("\n") == ["Badan Siber", "Kementerian Pertahanan"]


def test_removals_are_struck_through_where_they_stood(site: Path) -> None:
    page = _page(site, "id/cyber-workshop.txt")
    # inside a block: at its clean offset, just before the replacement it left
    assert re.search(r'<del class="rm rm-mojibake"[^>]*>â€œ</del>“keamanan', page)
    # between blocks, in raw order: placeholder, #0, #1, trailer, caption #2, #3
    order = [page.index(s) for s in (
        'data-kind="placeholder"', 'id="b0"', 'id="b1"', 'data-kind="trailer"', 'id="b2"',
        'id="b3"')]
    assert order == sorted(order)
    short = _page(site, "misc/short.txt")
    assert 'data-kind="whitespace"' in short and "··⏎·" in short


def test_entities_are_marked_with_their_labels(site: Path) -> None:
    page = _page(site, "id/cyber-workshop.txt")
    marks = re.findall(r'<mark class="ent ent-(\w+)"[^>]*>([^<]*)<span class="lbl">(\w+)</span>',
                       page)
    assert ("PERSON", "Budi Santoso", "PERSON") in marks
    assert ("ORG", "Badan Siber", "ORG") in marks
    assert ("PERSON", "Budi", "PERSON") in marks


def test_captions_people_roles_and_quotes_are_shown(site: Path) -> None:
    page = _page(site, "id/cyber-workshop.txt")
    caption = re.search(r'<figure class="block caption" id="b2">.*?</figure>', page).group(0)
    assert "Caption" in caption and "Credit: UN Women" in caption
    people = page.split("<h2>People (1)</h2>")[1].split("<h2>")[0]
    assert "Budi Santoso" in people and "Kolonel" in people and "(Colonel)" in people
    assert "Kepala (Head) — Badan Siber ⊂ Kementerian Pertahanan" in people
    quotes = page.split("<h2>Quotes (1)</h2>")[1].split("<h2>")[0]
    assert "keamanan itu penting" in quotes and "Budi Santoso" in quotes and "kata" in quotes


def test_batch_summary_counts(site: Path) -> None:
    index = (site / "index.html").read_text(encoding="utf-8")
    summary = index.split('<section class="summary">')[1].split("</section>")[0]
    assert "3 articles, 6 blocks, 4 removals" in summary
    for kind in ("placeholder", "mojibake", "trailer", "whitespace"):
        assert f"<td>{kind}</td><td class=\"num\">1</td>" in summary
    assert "Budi Santoso" in summary and "Acme Corp" in summary
    assert 'href="errors.html">1 errors</a>' in summary
    assert "<td>binary</td>" in summary


def test_index_is_paginated_and_pages_link_back(synthetic: Synthetic,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(review, "PAGE_SIZE", 2)
    site = write_review(synthetic.out_dir).parent
    assert (site / "index-2.html").exists() and not (site / "index-3.html").exists()
    second = (site / "index-2.html").read_text(encoding="utf-8")
    assert "Articles 3–3 of 3" in second and "misc/short.txt" in second
    assert "Batch summary" not in second
    assert 'href="../index-2.html"' in _page(site, "misc/short.txt")
    assert 'href="../index.html"' in _page(site, "id/cyber-workshop.txt")


def test_rewriting_replaces_the_old_review(synthetic: Synthetic, site: Path) -> None:
    stale = site / "articles" / "stale.html"
    stale.write_text("old", encoding="utf-8")
    write_review(synthetic.out_dir)
    assert not stale.exists()
    assert not list(synthetic.out_dir.glob(".review.*"))


@pytest.mark.parametrize(
    ("text", "entities", "inserts", "expected"),
    [
        ("ab cd", [], [], "ab cd"),
        ("<a>&", [], [], "&lt;a&gt;&amp;"),
        ("Ann met Bo", [{"start": 0, "end": 3, "label": "PERSON"}], [],
         "[PERSON:Ann] met Bo"),
        # overlapping spans: the earlier, longer one wins
        ("Ann Lee", [{"start": 0, "end": 7, "label": "PERSON"},
                     {"start": 4, "end": 7, "label": "ORG"}], [], "[PERSON:Ann Lee]"),
        # spans outside the text are dropped, not crashed on
        ("Ann", [{"start": 2, "end": 9, "label": "ORG"}], [], "Ann"),
        # an insert at an entity's end goes after the mark, one at its start before it
        ("Ann Bo", [{"start": 0, "end": 3, "label": "PERSON"}], [(3, "|"), (0, "^")],
         "^[PERSON:Ann]| Bo"),
        ("Bo", [], [(99, "$")], "Bo$"),
    ],
)
def test_highlight(text: str, entities: list[dict], inserts: list[tuple[int, str]],
                   expected: str) -> None:
    out = highlight(text, entities, inserts)
    out = re.sub(r'<mark class="ent [^"]+" data-label="(\w+)"[^>]*>', r"[\1:", out)
    out = re.sub(r'<span class="lbl">\w+</span></mark>', "]", out)
    assert out == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("  \n", "··⏎"), ("Baca juga", "Baca juga"), ("\u200b", "⟨U+200B⟩"),
     ("a\u00adb", "a⟨U+00AD⟩b"), ("\u00a0", "⟨U+00A0⟩")],
)
def test_visible(text: str, expected: str) -> None:
    assert visible(text) == expected


# --- in headless Chromium ------------------------------------------------------------------------

CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")
                 if shutil.which(n)), None)
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")


def chromium(tmp_path: Path, *args: str) -> str:
    profile = tmp_path / "chromium-profile"
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
           "--no-first-run", "--disable-background-networking", "--disable-component-update",
           "--disable-sync", f"--user-data-dir={profile}", *args]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=True)
    return done.stdout


@pytest.mark.browser
@needs_chromium
def test_article_page_renders_marks_and_removals_and_no_injected_script(
    site: Path, tmp_path: Path
) -> None:
    url = (site / "articles" / article_page_name("id/cyber-workshop.txt")).as_uri()
    dom = chromium(tmp_path, "--dump-dom", url)
    assert "<title>id/cyber-workshop.txt — newspipe review</title>" in dom
    assert re.search(r'<mark class="ent ent-PERSON"[^>]*>Budi Santoso<span class="lbl">', dom)
    assert re.search(r'<del class="rm rm-placeholder"[^>]*>\[ADVERTISEMENT\]</del>', dom)
    assert "pwned" not in dom.split("<body")[0]  # the title was not changed
    assert "data-pwned" not in dom.split("<body", 1)[1].split(">", 1)[0]
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;" in dom
    assert "<img" not in dom


@pytest.mark.browser
@needs_chromium
def test_index_and_search_render_and_only_our_script_runs(site: Path, tmp_path: Path) -> None:
    index = chromium(tmp_path, "--dump-dom", (site / "index.html").as_uri())
    assert "<title>newspipe review — page 1</title>" in index
    assert "Batch summary" in index and "id-pwned" not in index.split("<body")[0]
    # the search page's own (hash-allowed) script does run: it fills in the results ...
    search = chromium(tmp_path, "--dump-dom", (site / "search.html").as_uri() + "?q=acme")
    assert 'data-search-ready="1"' in search
    results = search.split('<tbody id="results">')[1].split("</tbody>")[0]
    assert results.count("<tr>") == 1
    # ... and shows the evil id as text, without running the markup in it
    assert html.escape(EVIL_ID, quote=False) in results
    assert "<title>newspipe review — search</title>" in search


@pytest.mark.browser
@needs_chromium
def test_screenshots_are_taken(site: Path, tmp_path: Path) -> None:
    for name, page in (("index", site / "index.html"),
                       ("article", site / "articles" / article_page_name(EVIL_ID))):
        png = tmp_path / f"{name}.png"
        chromium(tmp_path, f"--screenshot={png}", "--window-size=1280,2000", page.as_uri())
        data = png.read_bytes()
        assert data.startswith(b"\x89PNG\r\n\x1a\n")
        assert len(data) > 10_000


def _site_files(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(site.rglob("*.html"))}


def test_every_removal_is_shown_once_and_the_review_is_the_same_from_sqlite(
    synthetic: Synthetic, site: Path
) -> None:
    for result in synthetic.results:
        page = _page(site, result.article_id)
        assert page.count('<del class="rm ') == len(result.removals), result.article_id
    from_csv = _site_files(site)
    from pipeline.export import write_sqlite
    from pipeline.loader import load

    write_sqlite(load(synthetic.out_dir), synthetic.out_dir)
    assert _site_files(write_review(synthetic.out_dir, format="sqlite").parent) == from_csv


@pytest.mark.slow
def test_review_of_a_real_run(tmp_path: Path) -> None:
    """The whole pipeline on raw/, then the review: one page per article, every removal
    and every (non-overlapping) entity mention shown."""
    from pipeline.cli import main
    from pipeline.loader import load

    raw = Path(__file__).resolve().parents[1] / "raw"
    out = tmp_path / "output"
    assert main(["run", str(raw), "--out", str(out), "--no-progress", "--jobs", "1"]) in (0, 1)
    assert main(["review", str(out)]) == 0
    tables = load(out)
    site = out / "review"
    assert len(list((site / "articles").iterdir())) == len(tables["articles"])
    for aid in tables["articles"]["article_id"]:
        page = _page(site, aid)
        n_removals = int((tables["removals"]["article_id"] == aid).sum())
        assert page.count('<del class="rm ') == n_removals, aid
        text = page.split('<div class="blocks">')[1].split("</section>")[0]
        n_entities = int((tables["entities"]["article_id"] == aid).sum())
        marks = text.count('<mark class="ent ')
        assert marks <= n_entities and (marks > 0 or n_entities == 0), aid


def test_review_of_an_empty_output(tmp_path: Path) -> None:
    from pipeline.writer import TableWriter

    TableWriter(tmp_path).commit()
    site = write_review(tmp_path).parent
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "0 articles, 0 blocks, 0 removals" in index and "No articles." in index
    assert list((site / "articles").iterdir()) == []


@pytest.mark.parametrize(
    ("raw_start", "removals", "expected"),
    [
        # every change recorded: offsets are exact, shifted by earlier removals
        (10, [(12, 15, "â€œ", "“"), (21, 23, "  ", " ")], [2, 9]),
        # an unrecorded 3-character trim before the block text: re-anchored on the replacement
        (10, [(15, 18, "â€œ", "“")], [2]),
        # a deletion cannot be re-anchored: kept at its computed offset
        (10, [(14, 17, "[x]", "")], [4]),
    ],
)
def test_place_removals(raw_start: int, removals: list[tuple[int, int, str, str]],
                        expected: list[int]) -> None:
    from pipeline.review.render import place_removals

    block = {"text": "a “quote” b c", "raw_start": raw_start, "raw_end": 40}
    recs = [{"raw_start": s, "raw_end": e, "text": t, "replacement": r, "kind": "k"}
            for s, e, t, r in removals]
    assert [pos for pos, _ in place_removals(block, recs)] == expected
