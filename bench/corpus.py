"""A synthetic corpus that looks like the scraped aggregator pages, built with a fixed seed.

Sentences come from the shared NER training data (Indonesian: detokenised from the token
files; English: the ``# text =`` lines of the EWT file) and are recombined into articles of
8-15 paragraphs (400-800 words) with 1-4 credited captions and the usual scraping artifacts of
both languages: template placeholders, ``Sumber:``/``Source:`` trailers, comment counters,
foreign-script fragments, mojibake, zero-width characters and blank-line noise.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[2] / "shared" / "data"
if not DATA_DIR.exists():  # the checkout is not next to shared/: the machine's fixed path
    DATA_DIR = Path("/work/shared/data")

_NO_SPACE_BEFORE = re.compile(r" ([,.:;!?%)\]}])")
_NO_SPACE_AFTER = re.compile(r"([(\[{]) ")


def detokenise(tokens: list[str]) -> str:
    """Join word tokens into ordinary text: no space before closing punctuation, quotes paired."""
    out: list[str] = []
    open_quote = False
    glue_next = False
    for tok in tokens:
        if tok in {'"', "``", "''"}:
            if open_quote:
                if out:
                    out[-1] += '"'
                else:
                    out.append('"')
            else:
                out.append('"')
                glue_next = True
            open_quote = not open_quote
            continue
        if glue_next and out:
            out[-1] += tok
            glue_next = False
        else:
            out.append(tok)
    text = " ".join(out)
    text = _NO_SPACE_BEFORE.sub(r"\1", text)
    return _NO_SPACE_AFTER.sub(r"\1", text)


def _token_sentences(path: Path, column: int) -> Iterator[list[str]]:
    tokens: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line:
            if tokens:
                yield tokens
            tokens = []
            continue
        parts = line.split("\t") if "\t" in line else line.split(" ")
        tokens.append(parts[column])
    if tokens:
        yield tokens


def _usable(sentence: str) -> bool:
    """Sentences that read like news prose: a capital start, a full stop, sensible length."""
    n = len(sentence.split())
    return 6 <= n <= 45 and sentence[:1].isupper() and sentence[-1] in '.!?"'


def load_sentences(data_dir: Path = DATA_DIR) -> dict[str, list[str]]:
    """Sentence pools per language, in file order (the seed makes the choice reproducible)."""
    pools: dict[str, list[str]] = {"id": [], "en": []}
    for name in ("idner2k-train.txt", "nergrit-train.txt"):
        for tokens in _token_sentences(data_dir / "ner-id" / name, 0):
            text = detokenise(tokens)
            if _usable(text):
                pools["id"].append(text)
    ewt = data_dir / "ner-en" / "uner-ewt-dev.iob2"
    for line in ewt.read_text(encoding="utf-8").splitlines():
        if line.startswith("# text = "):
            text = line.removeprefix("# text = ").strip()
            if _usable(text):
                pools["en"].append(text)
    return pools


@dataclass(frozen=True)
class Style:
    """The artifact vocabulary of one language of the aggregator."""

    placeholder: str  # e.g. "iklan" → [iklan_2]
    credit_word: tuple[str, ...]
    trailer: str
    comments: str


STYLES = {
    "id": Style("iklan", ("Sumber", "Foto"), "Sumber", "Komentar"),
    "en": Style("ad", ("Source", "Photo"), "Source", "Comment"),
}
CREDITS = ("UN Women", "VNA", "Reuters", "Antara", "AFP", "Kompas", "The Jakarta Post", "UNICEF")
FOREIGN = ("प्रचार", "宣传", "пропаганда", "ประชาสัมพันธ์", "선전")
ZERO_WIDTH = ("\u200b", "\u200c", "\u200d", "\ufeff")


def _mojibake(text: str) -> str:
    """Quote a phrase with curly quotes and garble them the way a cp1252 round-trip does."""
    words = text.split(" ")
    if len(words) < 4:
        return text
    i = len(words) // 3
    words[i] = "“" + words[i]
    words[i + 1] = words[i + 1] + "”"
    return " ".join(words).replace("“", "â€œ").replace("”", "â€\x9d")


def make_article(rng: random.Random, lang: str, pool: list[str], serial: int) -> str:
    """One article as the scraper saved it."""
    style = STYLES[lang]
    target = rng.randint(400, 800)
    n_paragraphs = rng.randint(8, 15)
    per_paragraph = max(1, target // n_paragraphs)
    paragraphs: list[str] = []
    for _ in range(n_paragraphs):
        sentences: list[str] = []
        while sum(len(s.split()) for s in sentences) < per_paragraph:
            sentences.append(rng.choice(pool))
        paragraphs.append(" ".join(sentences))

    if rng.random() < 0.2:  # a foreign-script fragment glued into the flow of a sentence
        i = rng.randrange(len(paragraphs))
        words = paragraphs[i].split(" ")
        j = rng.randrange(1, len(words))
        words[j] = words[j][: max(1, len(words[j]) // 2)] + " " + rng.choice(FOREIGN)
        paragraphs[i] = " ".join(words)
    if rng.random() < 0.15:
        i = rng.randrange(len(paragraphs))
        paragraphs[i] = _mojibake(paragraphs[i])
    if rng.random() < 0.2:
        i = rng.randrange(len(paragraphs))
        cut = paragraphs[i].find(" ", len(paragraphs[i]) // 2)
        if cut > 0:
            paragraphs[i] = paragraphs[i][:cut] + rng.choice(ZERO_WIDTH) + paragraphs[i][cut:]

    lines: list[str] = []
    captions = sorted(rng.sample(range(n_paragraphs), rng.randint(1, min(4, n_paragraphs))))
    for i, paragraph in enumerate(paragraphs):
        if i in captions:
            caption = rng.choice(pool)
            credit = f"({rng.choice(style.credit_word)}: {rng.choice(CREDITS)})"
            lines.append(f"| {caption} {credit} |")
        if rng.random() < 0.08:  # a placeholder glued to the text
            paragraph = f"{paragraph}[{style.placeholder}_{rng.randint(1, 4)}]"
        lines.append(paragraph + (" " if rng.random() < 0.1 else ""))
        if rng.random() < 0.1:
            lines.append("")  # blank-line noise
        if rng.random() < 0.12:
            lines.append(f"[{style.placeholder}_{rng.randint(1, 4)}]")
    if rng.random() < 0.9:
        lines.append(f"{style.trailer}: https://news.example.org/{lang}/story-{serial:06d}.html")
    if rng.random() < 0.8:
        lines.extend([""] * rng.randint(1, 10))
        lines.append(f"{style.comments} ({rng.randint(0, 40)})")
    newline = "\r\n" if rng.random() < 0.1 else "\n"
    return newline.join(lines) + newline


def build_corpus(out_dir: Path, n: int, seed: int = 20240601, en_share: float = 0.4) -> int:
    """Write ``n`` articles as .txt files under ``out_dir``; returns the number of bytes."""
    rng = random.Random(seed)
    pools = load_sentences()
    out_dir.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(n):
        lang = "en" if rng.random() < en_share else "id"
        text = make_article(rng, lang, pools[lang], i)
        # 1000 files per folder keeps directories small for large N
        path = out_dir / f"{i // 1000:04d}" / f"{lang}-{i:06d}.txt"
        path.parent.mkdir(exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        total += len(data)
    return total
