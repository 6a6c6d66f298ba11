"""Static HTML review pages for an output folder: a batch summary, an index and one page per
article, so analysts can check the extraction at a glance in any browser, offline.

``write_review(out_dir)`` writes ``out_dir/review/``:

- ``index.html`` (batch summary + first page of articles), ``index-2.html`` …: 100 articles per
  page, so every page stays small whatever the batch size;
- ``search.html``: search by article id, person or organisation over a compact index embedded
  in the page (one inline script, allowed by its hash in the Content-Security-Policy);
- ``errors.html`` (``errors-2.html`` …): the inputs that failed;
- ``articles/<slug>-<hash>.html``: one page per article, no script at all.

Everything is escaped; the pages load nothing from the network. The folder is built beside the
old one and swapped in, so a failed run leaves the previous review intact.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.loader import load
from pipeline.review.render import (
    Rec,
    bars,
    css_class,
    esc,
    json_for_script,
    label_class,
    link_url,
    page,
    pager,
    static_text,
    table,
    text_view,
)

__all__ = ["article_page_name", "write_review"]

PAGE_SIZE = 100
ERRORS_PAGE_SIZE = 500
SEARCH_LIMIT = 200  # rows the search page shows at once
TOP_N = 20
REVIEW_DIR = "review"
_SLUG = re.compile(r"[^a-z0-9]+")


def article_page_name(article_id: str) -> str:
    """A safe file name for an article page: a readable slug plus a hash of the exact id.

    Only ``[a-z0-9-]`` survive, so no id can traverse paths or collide by case; the hash keeps
    ids that slug alike apart.
    """
    slug = _SLUG.sub("-", article_id.lower()).strip("-")[:48].strip("-") or "article"
    digest = hashlib.sha256(article_id.encode("utf-8")).hexdigest()[:12]
    return f"{slug}-{digest}.html"


def index_page_name(n: int) -> str:
    return "index.html" if n == 1 else f"index-{n}.html"


def errors_page_name(n: int) -> str:
    return "errors.html" if n == 1 else f"errors-{n}.html"


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts of plain Python values, <NA> as None."""
    cols = {c: [None if v is pd.NA else v for v in frame[c].tolist()] for c in frame.columns}
    names = list(cols)
    return [dict(zip(names, vals, strict=True)) for vals in zip(*cols.values(), strict=True)]


def _group(rows: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[row["article_id"]].append(row)
    return grouped


@dataclass
class Batch:
    """The output tables as plain records, grouped per article."""

    articles: list[dict[str, Any]]
    errors: list[dict[str, Any]]
    removals: list[dict[str, Any]]
    per: dict[str, dict[str, list[dict[str, Any]]]] = field(default_factory=dict)

    @classmethod
    def from_frames(cls, frames: dict[str, pd.DataFrame]) -> Batch:
        removals = _records(frames["removals"])
        batch = cls(_records(frames["articles"]), _records(frames["errors"]), removals)
        batch.per["removals"] = _group(removals)
        for name in ("blocks", "entities", "people", "roles", "quotes"):
            batch.per[name] = _group(_records(frames[name]))
        return batch

    def of(self, table: str, article_id: str) -> list[dict[str, Any]]:
        return self.per[table].get(article_id, [])

    def orgs(self, article_id: str) -> list[str]:
        """Organisations named in an article: ORG entities and the organisations of roles."""
        names = [e["canonical"] or e["text"] for e in self.of("entities", article_id)
                 if e["label"] == "ORG"]
        for r in self.of("roles", article_id):
            names += [r["organization"], r["parent_organization"]]
        return list(dict.fromkeys(n for n in names if n))


# --- article pages ---------------------------------------------------------------------------


def _num(value: object, digits: int = 2) -> str:
    if value is None:
        return '<span class="empty">—</span>'
    return esc(f"{value:.{digits}f}") if isinstance(value, float) else esc(value)


def _or_dash(value: object) -> str:
    return esc(value) if value not in (None, "") else '<span class="empty">—</span>'


def _snippet(blocks: dict[Any, Rec], block_id: Any, start: Any, end: Any) -> str:
    text = (blocks.get(block_id) or {}).get("text") or ""
    if start is None or end is None or not 0 <= start < end <= len(text):
        return ""
    return f'<span class="muted">“{esc(text[start:end])}”</span>'


def people_section(people: Sequence[Rec], roles: Sequence[Rec], blocks: dict[Any, Rec]) -> str:
    by_person: dict[Any, list[Rec]] = defaultdict(list)
    for r in roles:
        by_person[r["person_id"]].append(r)
    rows = []
    for p in people:
        role_html = []
        for r in by_person.get(p["person_id"], ()):
            org = r["organization"]
            parent = f" ⊂ {esc(r['parent_organization'])}" if r["parent_organization"] else ""
            en = f" ({esc(r['role_en'])})" if r["role_en"] and r["role_en"] != r["role"] else ""
            at = f" — {esc(org)}{parent}" if org else parent
            evidence = _snippet(blocks, r["block_id"], r["start"], r["end"])
            role_html.append(
                f"<li>{esc(r['role'])}{en}{at} <a href=\"#b{esc(r['block_id'])}\">"
                f"#{esc(r['block_id'])}</a> {evidence}</li>"
            )
        rank = _or_dash(p["rank"])
        if p["rank_en"]:
            rank += f' <span class="muted">({esc(p["rank_en"])})</span>'
        rows.append((
            esc(p["person_id"]),
            esc(p["name"]),
            _or_dash(p["honorific"]),
            rank,
            f"<ul>{''.join(role_html)}</ul>" if role_html else '<span class="empty">—</span>',
            _num(p["n_mentions"]),
            f'<a href="#b{esc(p["first_block_id"])}">#{esc(p["first_block_id"])}</a>',
        ))
    return table(["#", "name", "honorific", "rank", "roles — organisation", "mentions",
                  "first block"], rows, numeric=(0, 5), empty="No people found.")


def quotes_section(quotes: Sequence[Rec], people: Sequence[Rec]) -> str:
    names = {p["person_id"]: p["name"] for p in people}
    rows = []
    for q in quotes:
        speaker = names.get(q["speaker_person_id"]) if q["speaker_person_id"] is not None else None
        who = esc(speaker) if speaker else '<span class="empty">unresolved</span>'
        if q["speaker_text"] and q["speaker_text"] != speaker:
            who += f' <span class="muted">(“{esc(q["speaker_text"])}”)</span>'
        rows.append((
            esc(q["quote_id"]),
            f'<blockquote class="q">{esc(q["text"])}</blockquote>',
            who,
            _or_dash(q["cue"]),
            f'<a href="#b{esc(q["block_id"])}">#{esc(q["block_id"])}</a>',
        ))
    return table(["#", "quote", "speaker", "cue", "block"], rows, numeric=(0,),
                 empty="No quotes found.")


def entities_section(entities: Sequence[Rec]) -> str:
    clusters: dict[Any, list[Rec]] = defaultdict(list)
    for e in entities:
        clusters[e["entity_id"]].append(e)
    rows = []
    for _, mentions in sorted(clusters.items(), key=lambda kv: (-len(kv[1]), str(kv[0]))):
        first = mentions[0]
        variants = sorted({m["text"] for m in mentions if m["text"]})
        rows.append((
            esc(first["canonical"] or first["text"]),
            f'<mark class="ent {esc(_label_class(first["label"]))}">'
            f'<span class="lbl">{esc(first["label"])}</span></mark>',
            str(len(mentions)),
            esc("; ".join(variants)),
        ))
    return table(["entity", "label", "mentions", "as written"], rows, numeric=(2,),
                 empty="No entities found.")


def _label_class(label: str | None) -> str:
    return label_class(label or "")


def article_page(
    a: Rec, batch: Batch, css: str, index_href: str, prev_href: str | None,
    next_href: str | None,
) -> str:
    aid = a["article_id"]
    blocks = sorted(batch.of("blocks", aid), key=lambda b: b["block_id"])
    removals = batch.of("removals", aid)
    entities = batch.of("entities", aid)
    people = batch.of("people", aid)
    roles = batch.of("roles", aid)
    quotes = batch.of("quotes", aid)
    nav = [f'<a href="{esc(index_href)}">↑ index</a>']
    if prev_href:
        nav.append(f'<a href="{esc(prev_href)}" rel="prev">← previous article</a>')
    if next_href:
        nav.append(f'<a href="{esc(next_href)}" rel="next">next article →</a>')
    status = a["status"] or ""
    meta = (
        '<dl class="meta">'
        f"<dt>article id</dt><dd>{esc(aid)}</dd>"
        f"<dt>source</dt><dd>{_or_dash(a['source_path'])}</dd>"
        f"<dt>URL</dt><dd>{link_url(a['source_url'])}</dd>"
        f"<dt>language</dt><dd>{_or_dash(a['language'])} "
        f'<span class="muted">(confidence {_num(a["language_confidence"])})</span></dd>'
        f'<dt>status</dt><dd class="{esc(css_class("status-", status))}">{esc(status)}</dd>'
        f"<dt>counts</dt><dd>{len(blocks)} blocks ({a['n_captions'] or 0} captions), "
        f"{len(removals)} removals, {len(entities)} entity mentions, {len(people)} people, "
        f"{len(quotes)} quotes</dd></dl>"
    )
    labels = sorted({e["label"] for e in entities if e["label"]})
    legend = "".join(
        f'<mark class="ent {esc(_label_class(lbl))}"><span class="lbl">{esc(lbl)}</span></mark>'
        for lbl in labels
    )
    by_id = {b["block_id"]: b for b in blocks}
    body = (
        f'<nav class="top">{" · ".join(nav)}</nav>'
        f"<h1>{esc(aid)}</h1>{meta}"
        "<h2>Text</h2>"
        '<p class="muted">Blocks in reading order with entities highlighted; removed fragments '
        "are struck through where they stood (hover for the kind and replacement). "
        f'<span class="legend">{legend}</span></p>'
        '<section class="text"><input type="checkbox" id="hide-removed">'
        '<label class="controls" for="hide-removed"> hide removed fragments</label>'
        f'<div class="blocks">{text_view(blocks, removals, entities, a["language"])}</div>'
        "</section>"
        f"<h2>People ({len(people)})</h2>{people_section(people, roles, by_id)}"
        f"<h2>Quotes ({len(quotes)})</h2>{quotes_section(quotes, people)}"
        f"<h2>Entities</h2>{entities_section(entities)}"
    )
    return page(f"{aid} — newspipe review", body, css)


# --- index, summary, search, errors ----------------------------------------------------------


def _count_table(counter: Counter[tuple[str, str]]) -> str:
    """Articles per language (rows) and status (columns)."""
    langs = sorted({lang for lang, _ in counter})
    statuses = sorted({status for _, status in counter})
    rows = [
        (esc(lang), *(str(counter.get((lang, s), 0)) for s in statuses),
         str(sum(counter.get((lang, s), 0) for s in statuses)))
        for lang in langs
    ]
    rows.append(("<b>all</b>", *(str(sum(counter.get((lg, s), 0) for lg in langs))
                                  for s in statuses), str(sum(counter.values()))))
    return table(["language", *statuses, "total"], rows,
                 numeric=tuple(range(1, len(statuses) + 2)), empty="No articles.")


def summary_html(batch: Batch) -> str:
    per_lang_status = Counter((a["language"] or "—", a["status"] or "—") for a in batch.articles)
    removal_kinds = Counter(r["kind"] or "—" for r in batch.removals)
    people_articles: Counter[str] = Counter()
    people_mentions: Counter[str] = Counter()
    for rows in batch.per["people"].values():
        for name in {p["name"] for p in rows if p["name"]}:
            people_articles[name] += 1
        for p in rows:
            if p["name"]:
                people_mentions[p["name"]] += p["n_mentions"] or 0
    org_articles: Counter[str] = Counter()
    for a in batch.articles:
        for org in batch.orgs(a["article_id"]):
            org_articles[org] += 1
    errors = Counter(e["error"] or "—" for e in batch.errors)
    mention_note = {n: f' <span class="muted">({m} mentions)</span>'
                    for n, m in people_mentions.items()}
    error_rows = [(esc(code), str(n)) for code, n in errors.most_common()]
    n_blocks = sum(len(v) for v in batch.per["blocks"].values())
    return (
        '<section class="summary"><h2>Batch summary</h2>'
        f"<p>{len(batch.articles)} articles, {n_blocks} blocks, {len(batch.removals)} removals, "
        f'<a href="{errors_page_name(1)}">{len(batch.errors)} errors</a>.</p>'
        '<div class="cards">'
        f'<div class="card"><h3>Articles per language and status</h3>'
        f"{_count_table(per_lang_status)}</div>"
        f'<div class="card"><h3>Removals by kind</h3>'
        f"{bars(removal_kinds.most_common(), 'kind')}</div>"
        f'<div class="card"><h3>Most frequent people (articles)</h3>'
        f"{bars(people_articles.most_common(TOP_N), 'person', mention_note)}</div>"
        f'<div class="card"><h3>Most frequent organisations (articles)</h3>'
        f"{bars(org_articles.most_common(TOP_N), 'organisation')}</div>"
        f'<div class="card"><h3><a href="{errors_page_name(1)}">Errors</a></h3>'
        f"{table(['error', 'inputs'], error_rows, numeric=(1,), empty='No errors.')}</div>"
        "</div></section>"
    )


def search_form() -> str:
    """A plain GET form: works without script, search.html reads ``?q=``."""
    return (
        '<form class="search" action="search.html" method="get" role="search">'
        '<input type="search" name="q" placeholder="article id, person or organisation" '
        'aria-label="search"> <button type="submit">Search all articles</button></form>'
    )


def index_rows(batch: Batch, chunk: Sequence[Rec], hrefs: dict[str, str]) -> list[tuple[str, ...]]:
    rows = []
    for a in chunk:
        aid = a["article_id"]
        people = [p["name"] for p in batch.of("people", aid) if p["name"]]
        shown = "; ".join(people[:3]) + (f" +{len(people) - 3}" if len(people) > 3 else "")
        status = a["status"] or ""
        rows.append((
            f'<a href="{esc(hrefs[aid])}">{esc(aid)}</a>',
            _or_dash(a["language"]),
            f'<span class="{esc(css_class("status-", status))}">{esc(status)}</span>',
            _num(a["n_blocks"]),
            _num(a["n_removals"]),
            str(len(batch.of("entities", aid))),
            str(len(people)),
            str(len(batch.of("quotes", aid))),
            esc(shown),
        ))
    return rows


def index_page(batch: Batch, n: int, total: int, chunk: Sequence[Rec], hrefs: dict[str, str],
               css: str) -> str:
    first = (n - 1) * PAGE_SIZE + 1
    nav = pager(n, total, index_page_name)
    listing = table(
        ["article", "lang", "status", "blocks", "removals", "entities", "people", "quotes",
         "people named"],
        index_rows(batch, chunk, hrefs), numeric=(3, 4, 5, 6, 7), empty="No articles.",
    )
    body = (
        f'<nav class="top"><a href="{index_page_name(1)}">index</a> · '
        f'<a href="search.html">search</a> · <a href="{errors_page_name(1)}">errors</a></nav>'
        f"<h1>newspipe review</h1>{search_form()}"
        + (summary_html(batch) if n == 1 else "")
        + f"<h2>Articles {first}–{first + len(chunk) - 1 if chunk else 0} of "
        f"{len(batch.articles)}</h2>{nav}{listing}{nav}"
    )
    return page(f"newspipe review — page {n}", body, css)


def search_page(batch: Batch, hrefs: dict[str, str], css: str) -> str:
    """One page with a compact index of every article (id, link, people, organisations)."""
    rows = [
        [
            a["article_id"],
            hrefs[a["article_id"]],
            a["language"] or "",
            a["status"] or "",
            "\n".join(dict.fromkeys(p["name"] for p in batch.of("people", a["article_id"])
                                    if p["name"])),
            "\n".join(batch.orgs(a["article_id"])),
        ]
        for a in batch.articles
    ]
    data = json_for_script({"articles": rows, "limit": SEARCH_LIMIT})
    body = (
        f'<nav class="top"><a href="{index_page_name(1)}">index</a> · '
        f'<a href="{errors_page_name(1)}">errors</a></nav>'
        "<h1>Search articles</h1>"
        '<form class="search" action="search.html" method="get" role="search">'
        '<input type="search" id="q" name="q" autofocus '
        'placeholder="article id, person or organisation" aria-label="search"></form>'
        '<p id="count" class="muted">Search needs JavaScript; the index pages list every '
        "article without it.</p>"
        "<table><thead><tr><th>article</th><th>lang</th><th>status</th><th>people</th>"
        '<th>organisations</th></tr></thead><tbody id="results"></tbody></table>'
    )
    head = f'<script type="application/json" id="index-data">{data}</script>'
    return page("newspipe review — search", body, css, script=static_text("search.js"),
                head=head)


def errors_pages(batch: Batch, css: str) -> dict[str, str]:
    chunks = [batch.errors[i : i + ERRORS_PAGE_SIZE]
              for i in range(0, len(batch.errors), ERRORS_PAGE_SIZE)] or [[]]
    pages = {}
    for n, chunk in enumerate(chunks, start=1):
        rows = [(esc(e["source_path"]), esc(e["article_id"]), esc(e["error"]), esc(e["message"]))
                for e in chunk]
        nav = pager(n, len(chunks), errors_page_name)
        body = (
            f'<nav class="top"><a href="{index_page_name(1)}">index</a> · '
            '<a href="search.html">search</a></nav>'
            f"<h1>Errors ({len(batch.errors)})</h1>"
            '<p class="muted">Inputs that could not be processed; the batch went on without '
            f"them.</p>{nav}"
            + table(["source", "article id", "error", "message"], rows, empty="No errors.")
            + nav
        )
        pages[errors_page_name(n)] = page(f"newspipe review — errors {n}", body, css)
    return pages


# --- writing ---------------------------------------------------------------------------------


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def build_review(batch: Batch, target: Path) -> None:
    """Write every page of the review into the (new, empty) folder ``target``."""
    css = static_text("review.css")
    (target / "articles").mkdir(parents=True)
    hrefs = {a["article_id"]: f"articles/{article_page_name(a['article_id'])}"
             for a in batch.articles}
    chunks = [batch.articles[i : i + PAGE_SIZE]
              for i in range(0, len(batch.articles), PAGE_SIZE)] or [[]]
    for n, chunk in enumerate(chunks, start=1):
        _write(target / index_page_name(n), index_page(batch, n, len(chunks), chunk, hrefs, css))
    _write(target / "search.html", search_page(batch, hrefs, css))
    for name, html in errors_pages(batch, css).items():
        _write(target / name, html)
    arts = batch.articles
    for i, a in enumerate(arts):
        def rel(j: int) -> str | None:
            return "../" + hrefs[arts[j]["article_id"]] if 0 <= j < len(arts) else None

        html = article_page(a, batch, css, "../" + index_page_name(i // PAGE_SIZE + 1),
                            rel(i - 1), rel(i + 1))
        _write(target / hrefs[a["article_id"]], html)


def write_review(out_dir: Path, format: str | None = None) -> Path:
    """Write ``out_dir/review/`` from the output tables; return the path of index.html."""
    out_dir = Path(out_dir)
    batch = Batch.from_frames(load(out_dir, format=format))
    final = out_dir / REVIEW_DIR
    tmp = Path(tempfile.mkdtemp(prefix=".review.", dir=out_dir))
    try:
        build_review(batch, tmp / "site")
        if final.exists():
            os.replace(final, tmp / "old")  # removed with tmp below
        os.replace(tmp / "site", final)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return final / index_page_name(1)
