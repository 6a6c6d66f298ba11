"""HTML building blocks for the review pages. Every piece of data goes through :func:`esc`.

Article text is untrusted scraped content: it is only ever placed in element text or quoted
attribute values after ``html.escape``, never in a script, a style or an unquoted attribute.
"""

from __future__ import annotations

import base64
import bisect
import hashlib
import html
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from typing import Any

Rec = Mapping[str, Any]

_LABEL_CLASS = re.compile(r"[A-Z][A-Z_]{0,23}")
_CLASS_SAFE = re.compile(r"[^a-z0-9_-]+")
_SAFE_URL = re.compile(r"https?://[^\s]+", re.IGNORECASE)


def esc(value: object) -> str:
    """Text for HTML element content or a quoted attribute; None is empty."""
    return "" if value is None else html.escape(str(value), quote=True)


def static_text(name: str) -> str:
    """A packaged template file (CSS or JS) under pipeline/review/static/."""
    return resources.files("pipeline.review").joinpath("static", name).read_text("utf-8")


def csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy(script: str | None) -> str:
    """Nothing may load; inline CSS only; no script at all, or only our own by its hash."""
    script_src = csp_hash(script) if script else "'none'"
    return (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        f"script-src {script_src}; base-uri 'none'; object-src 'none'"
    )


def json_for_script(data: object) -> str:
    """JSON that cannot close its ``<script type="application/json">`` element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def page(title: str, body: str, css: str, script: str | None = None, head: str = "") -> str:
    """A complete self-contained HTML document."""
    script_html = f"<script>{script}</script>" if script else ""
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        '<meta http-equiv="Content-Security-Policy" '
        f'content="{esc(content_security_policy(script))}">'
        '<meta name="referrer" content="no-referrer">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{css}</style>{head}</head>\n"
        f"<body>\n{body}\n{script_html}</body></html>\n"
    )


def link_url(url: str | None) -> str:
    """An http(s) URL as a link (never javascript: or data:), anything else as plain text."""
    if not url:
        return '<span class="empty">—</span>'
    if _SAFE_URL.fullmatch(url):
        return f'<a href="{esc(url)}" rel="noopener noreferrer nofollow">{esc(url)}</a>'
    return esc(url)


def css_class(prefix: str, value: str) -> str:
    return prefix + (_CLASS_SAFE.sub("_", value.lower()) or "x")


def label_class(label: str) -> str:
    """The colour class of an entity label; unknown shapes share one grey class."""
    return f"ent-{label}" if _LABEL_CLASS.fullmatch(label) else "ent-other"


def visible(text: str) -> str:
    """Removed text made visible: whitespace-only removals show their characters as symbols,
    and invisible format/control characters always show as code points."""
    blank = text.strip() == ""
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if blank and ch == " ":
            out.append("·")
        elif blank and ch == "\n":
            out.append("⏎")
        elif ch == "\t":
            out.append("⇥")
        elif ch == "\r":
            out.append("␍" if blank else "")
        elif (cat in ("Cc", "Cf", "Zl", "Zp") and ch != "\n") or (blank and cat == "Zs"):
            out.append(f"⟨U+{ord(ch):04X}⟩")
        else:
            out.append(ch)
    return "".join(out)


def removal_html(r: Rec) -> str:
    """One removed fragment, struck through, with its kind and replacement in the tooltip."""
    kind = r.get("kind") or "removed"
    replacement = r.get("replacement")
    tip = f"{kind}: removed" if not replacement else f"{kind}: replaced by “{replacement}”"
    return (
        f'<del class="rm {esc(css_class("rm-", kind))}" data-kind="{esc(kind)}" '
        f'title="{esc(tip)}">{esc(visible(r.get("text") or ""))}</del>'
    )


def _clean_spans(entities: Iterable[Rec], length: int) -> list[Rec]:
    """Entities inside the text, sorted, overlaps dropped (the longer, earlier one wins)."""
    valid = [
        e
        for e in entities
        if e.get("start") is not None
        and e.get("end") is not None
        and 0 <= e["start"] < e["end"] <= length
    ]
    valid.sort(key=lambda e: (e["start"], -e["end"]))
    kept: list[Rec] = []
    for e in valid:
        if not kept or e["start"] >= kept[-1]["end"]:
            kept.append(e)
    return kept


def mark_open(e: Rec) -> str:
    label = e.get("label") or "ENT"
    canonical = e.get("canonical") or e.get("text") or ""
    return (
        f'<mark class="ent {esc(label_class(label))}" data-label="{esc(label)}" '
        f'title="{esc(canonical)} (entity {esc(e.get("entity_id"))})">'
    )


def mark_close(e: Rec) -> str:
    return f'<span class="lbl">{esc(e.get("label") or "ENT")}</span></mark>'


def highlight(text: str, entities: Iterable[Rec], inserts: Sequence[tuple[int, str]] = ()) -> str:
    """Block text with entity marks (displaCy style) and ready-made HTML inserted at offsets.

    At one offset an ending entity closes first, then the inserts, then a new entity opens.
    """
    spans = _clean_spans(entities, len(text))
    starts = {e["start"]: e for e in spans}
    ends = {e["end"]: e for e in spans}
    at: dict[int, list[str]] = {}
    for pos, snippet in inserts:
        at.setdefault(min(max(pos, 0), len(text)), []).append(snippet)
    cuts = sorted({0, len(text), *starts, *ends, *at})
    out: list[str] = []
    for i, pos in enumerate(cuts):
        if pos in ends:
            out.append(mark_close(ends[pos]))
        out.extend(at.get(pos, ()))
        if pos in starts:
            out.append(mark_open(starts[pos]))
        if i + 1 < len(cuts):
            out.append(esc(text[pos : cuts[i + 1]]))
    return "".join(out)


def place_removals(block: Rec, removals: Sequence[Rec]) -> list[tuple[int, str]]:
    """Clean-text offsets in ``block`` for removals inside its raw span.

    The offset is the raw offset shifted by what earlier removals in the block took away or
    added: exact when the cleaner recorded every change. When it did not (e.g. a trimmed
    prefix), a replacement is looked for nearby and the offset re-anchored on it.
    """
    text = block.get("text") or ""
    shift = 0
    placed = []
    for r in sorted(removals, key=lambda r: (r["raw_start"], r["raw_end"])):
        pos = r["raw_start"] - block["raw_start"] + shift
        replacement = r.get("replacement") or ""
        if replacement and text[pos : pos + len(replacement)] != replacement:
            near = _nearest(text, replacement, pos, SNAP)
            if near is not None:
                shift += near - pos
                pos = near
        placed.append((pos, removal_html(r)))
        shift += len(replacement) - (r["raw_end"] - r["raw_start"])
    return placed


SNAP = 16  # how far (characters) a replacement is looked for around its computed offset


def _nearest(text: str, part: str, pos: int, window: int) -> int | None:
    """The start of the occurrence of ``part`` closest to ``pos``, within ``window``."""
    lo = max(0, pos - window)
    hits = []
    i = text.find(part, lo, pos + window + len(part))
    while i != -1:
        hits.append(i)
        i = text.find(part, i + 1, pos + window + len(part))
    return min(hits, key=lambda h: abs(h - pos)) if hits else None


def _inside(r: Rec, b: Rec) -> bool:
    return b["raw_start"] <= r["raw_start"] and r["raw_end"] <= b["raw_end"] and (
        r["raw_start"] < b["raw_end"] or r["raw_start"] == r["raw_end"]
    )


def _has_span(r: Rec) -> bool:
    return r.get("raw_start") is not None and r.get("raw_end") is not None


def text_view(
    blocks: Sequence[Rec], removals: Sequence[Rec], entities: Sequence[Rec], lang: str | None
) -> str:
    """Blocks in raw order with entity marks; removals struck through where they stood:
    inside a block at their offset, between blocks as their own line."""
    by_block: dict[Any, list[Rec]] = {}
    for e in entities:
        by_block.setdefault(e.get("block_id"), []).append(e)
    ordered = sorted(
        blocks, key=lambda b: (b["raw_start"] if b.get("raw_start") is not None else 1 << 62,
                               b["block_id"])
    )
    spanned = [b for b in ordered if _has_span(b)]
    starts = [b["raw_start"] for b in spanned]
    inside: dict[Any, list[Rec]] = {}
    loose: list[Rec] = []
    for r in removals:
        # blocks do not overlap: the only candidate is the last one starting at or before r
        i = bisect.bisect_right(starts, r["raw_start"]) - 1 if _has_span(r) else -1
        if i >= 0 and _inside(r, spanned[i]):
            inside.setdefault(spanned[i]["block_id"], []).append(r)
        else:
            loose.append(r)
    loose.sort(key=lambda r: (r.get("raw_start") or 0, r.get("raw_end") or 0))
    out: list[str] = []
    k = 0
    for b in ordered:
        while k < len(loose) and b.get("raw_start") is not None and (
            not _has_span(loose[k]) or loose[k]["raw_start"] < b["raw_start"]
        ):
            out.append(f'<div class="gap">{removal_html(loose[k])}</div>')
            k += 1
        out.append(block_html(b, by_block.get(b["block_id"], ()), inside.get(b["block_id"], ()),
                              lang))
    out.extend(f'<div class="gap">{removal_html(r)}</div>' for r in loose[k:])
    return "\n".join(out)


def block_html(b: Rec, entities: Iterable[Rec], removals: Sequence[Rec], lang: str | None) -> str:
    text = b.get("text") or ""
    inner = highlight(text, entities, place_removals(b, removals) if removals else ())
    note = ""
    if b.get("language") and b.get("language") != lang:
        note = f' <span class="muted">[{esc(b["language"])}]</span>'
    bid = f'<span class="bid">#{esc(b["block_id"])}</span>'
    if b.get("kind") == "caption":
        credit = (
            f'<span class="credit">Credit: {esc(b["credit"])}</span>' if b.get("credit") else ""
        )
        return (
            f'<figure class="block caption" id="b{esc(b["block_id"])}">'
            f'{bid}<figcaption><span class="tag">Caption</span>{inner}{credit}{note}'
            "</figcaption></figure>"
        )
    return f'<div class="block body" id="b{esc(b["block_id"])}">{bid}{inner}{note}</div>'


def table(
    headers: Sequence[str], rows: Iterable[Sequence[str]], numeric: Sequence[int] = (),
    empty: str = "none",
) -> str:
    """A table of already-escaped cell HTML."""
    head = "".join(
        f'<th class="num">{esc(h)}</th>' if i in numeric else f"<th>{esc(h)}</th>"
        for i, h in enumerate(headers)
    )
    body = [
        "<tr>"
        + "".join(
            f'<td class="num">{c}</td>' if i in numeric else f"<td>{c}</td>"
            for i, c in enumerate(row)
        )
        + "</tr>"
        for row in rows
    ]
    if not body:
        return f'<p class="empty">{esc(empty)}</p>'
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def bars(items: Sequence[tuple[str, int]], label: str, extra: Mapping[str, str] | None = None
         ) -> str:
    """A small bar chart: one row per item, the bar width relative to the largest count."""
    if not items:
        return '<p class="empty">none</p>'
    top = max(n for _, n in items) or 1
    rows = []
    for name, n in items:
        width = f"{100 * n / top:.1f}"
        rows.append(
            f"<tr><td>{esc(name)}{(extra or {}).get(name, '')}</td><td class=\"num\">{n}</td>"
            f'<td class="bar"><div class="bar"><span style="width:{width}%"></span></div></td>'
            "</tr>"
        )
    return (
        f'<table class="bars"><thead><tr><th>{esc(label)}</th><th class="num">n</th><th></th>'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def pager(current: int, total: int, href: Any) -> str:
    """Links to the pages around the current one, plus first and last."""
    if total <= 1:
        return ""
    show = sorted({1, total, *range(max(1, current - 3), min(total, current + 3) + 1)})
    parts = []
    if current > 1:
        parts.append(f'<a href="{esc(href(current - 1))}" rel="prev">← prev</a>')
    last = 0
    for n in show:
        if n > last + 1:
            parts.append("<span>…</span>")
        if n == current:
            parts.append(f'<span class="current">{n}</span>')
        else:
            parts.append(f'<a href="{esc(href(n))}">{n}</a>')
        last = n
    if current < total:
        parts.append(f'<a href="{esc(href(current + 1))}" rel="next">next →</a>')
    return f'<nav class="pages">Page: {"".join(parts)}</nav>'
