"""Review pages at scale: write the review of N synthetic small articles, then time how long
headless Chromium takes to open the index, the search page and an article page.

    python -m bench.review_open --n 10000

Opening time = wall-clock of ``chromium --headless --dump-dom <page>`` (which returns after the
load event and the page's script) minus the same for an empty page, i.e. the browser start-up.
Medians of ``--repeat`` runs. Exit status 1 if a page takes longer than ``--limit`` (2 s).
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pipeline.records import ArticleResult, Block, Entity, Person, Quote, Removal, Role
from pipeline.review import article_page_name, write_review
from pipeline.writer import TableWriter

FIRST = ["Budi", "Siti", "Agus", "Dewi", "John", "Mary", "Ahmad", "Rina", "Joko", "Lestari"]
LAST = ["Santoso", "Wijaya", "Hartono", "Smith", "Nugroho", "Putri", "Halim", "Brown"]
ORGS = ["Badan Siber dan Sandi Negara", "Kementerian Pertahanan", "UN Women", "Polda Metro",
        "Acme Corp", "Universitas Indonesia", "Bank Indonesia", "TNI AD"]
FILLER = ["keamanan", "siber", "menjadi", "perhatian", "utama", "dalam", "pertemuan", "yang",
          "digelar", "pekan", "ini", "bersama", "para", "pemangku", "kepentingan", "dari",
          "berbagai", "lembaga"]


def synthetic_article(i: int, rng: random.Random) -> ArticleResult:
    """A small article: 4 body blocks and a caption, 2 people, entities, removals, a quote."""
    person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    org = rng.choice(ORGS)
    blocks, entities = [], []
    raw_pos = 20  # a placeholder sits before the first block
    for b in range(5):
        words = rng.sample(FILLER, 12)
        text = f"{person} dari {org} mengatakan {' '.join(words)}."
        kind = "caption" if b == 4 else "body"
        blocks.append(Block(b, kind, text, raw_pos, raw_pos + len(text),
                            credit="Antara" if kind == "caption" else None, language="id",
                            language_confidence=0.95))
        entities.append(Entity(b, 0, 0, len(person), person, "PERSON", person))
        start = len(person) + 6
        entities.append(Entity(b, 1, start, start + len(org), org, "ORG", org))
        raw_pos += len(text) + 2
    removals = (
        Removal("placeholder", "[ADVERTISEMENT]", "", 0, 15),
        Removal("trailer", "Baca juga: berita lain", "", raw_pos, raw_pos + 22),
    )
    quote_text = " ".join(rng.sample(FILLER, 6))
    return ArticleResult(
        article_id=f"batch/{i:05d}.txt",
        source_path=f"raw/batch/{i:05d}.txt",
        source_url=f"https://example.org/{i}",
        language="id",
        language_confidence=0.97,
        status="ok",
        blocks=tuple(blocks),
        removals=removals,
        entities=tuple(entities),
        people=(Person(0, person, None, None, None, 5, 0),),
        roles=(Role(0, "juru bicara", "spokesperson", org, None, 0, 0, len(person)),),
        quotes=(Quote(0, 1, 0, person.split()[0], "kata", quote_text, 0, len(quote_text)),),
    )


def write_output(out_dir: Path, n: int, seed: int = 0) -> None:
    rng = random.Random(seed)
    writer = TableWriter(out_dir)
    for i in range(n):
        writer.add(synthetic_article(i, rng))
    writer.commit()


def chromium_binary() -> str | None:
    return next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")
                 if shutil.which(n)), None)


def open_seconds(binary: str, url: str, profile: Path) -> float:
    """Wall-clock of one headless --dump-dom of ``url``."""
    cmd = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
           "--no-first-run", "--disable-background-networking", "--disable-component-update",
           "--disable-sync", f"--user-data-dir={profile}", "--dump-dom", url]
    t = time.perf_counter()
    subprocess.run(cmd, capture_output=True, check=True, timeout=120)
    return time.perf_counter() - t


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="articles (default 10000)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--limit", type=float, default=2.0, help="seconds allowed per page")
    parser.add_argument("--keep", type=Path, help="write the output here and keep it")
    args = parser.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="newspipe-review-bench-"))
    out = args.keep or tmp / "output"
    try:
        t = time.perf_counter()
        write_output(out, args.n)
        t_tables = time.perf_counter() - t
        t = time.perf_counter()
        index = write_review(out)
        t_review = time.perf_counter() - t
        site = index.parent
        n_files = sum(1 for _ in site.rglob("*.html"))
        size = sum(p.stat().st_size for p in site.rglob("*.html"))
        print(f"review of {args.n} articles: tables {t_tables:.1f} s, review {t_review:.1f} s "
              f"({n_files} pages, {size / 1e6:.1f} MB)")
        binary = chromium_binary()
        if binary is None:
            print("chromium not found: skipping the browser timings")
            return 0
        blank = tmp / "blank.html"
        blank.write_text("<!DOCTYPE html><title>blank</title>", encoding="utf-8")
        pages = {
            "blank": blank.as_uri(),
            "index.html": index.as_uri(),
            "search.html?q=santoso": (site / "search.html").as_uri() + "?q=santoso",
            "article": (site / "articles" / article_page_name("batch/00000.txt")).as_uri(),
        }
        profile = tmp / "profile"
        open_seconds(binary, pages["blank"], profile)  # warm the profile and the disk cache
        times = {name: statistics.median(open_seconds(binary, url, profile)
                                         for _ in range(args.repeat))
                 for name, url in pages.items()}
        base = times.pop("blank")
        print(f"chromium start-up (empty page): {base:.2f} s")
        failed = False
        for name, seconds in times.items():
            page_s = max(0.0, seconds - base)
            file = site / name.split("?")[0] if name != "article" else None
            kb = f", {file.stat().st_size / 1e3:.0f} kB" if file else ""
            verdict = "ok" if page_s < args.limit else "TOO SLOW"
            failed |= page_s >= args.limit
            print(f"  {name:<24} open {page_s:.2f} s (total {seconds:.2f} s{kb}) {verdict}")
        return 1 if failed else 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
