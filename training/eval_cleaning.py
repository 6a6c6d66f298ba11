"""Evaluate ingest-free cleaning + segmentation on real sentences with injected artifacts.

Not a test (pytest does not collect it): a measurement. Articles are built from the sentences of
the NER dev splits in the layout of the example article, artifacts are injected, and the script
reports how many paragraphs and captions come out exactly, how many body words are kept, and
how many injected artifacts leak. Run from the repository root:

    make eval-cleaning   (= .venv/bin/python -m training.eval_cleaning [--data ../shared/data]
        [--articles 400]
        [--seed 3] [--lossy 0.5] [--glued 0.5] [--heldout-names]

``--lossy``: share of mojibake made by a lossy decoder (cp1252-undefined bytes dropped);
``--glued``: share of foreign-script fragments glued to a word instead of between words.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from pipeline.records import RawArticle
from pipeline.settings import Settings
from pipeline.stages.clean import clean
from pipeline.stages.segment import segment

REPO = Path(__file__).resolve().parents[1]
FOREIGN = ["प्रचार", "ข่าวสาร", "реклама", "广告", "광고", "إعلان", "διαφήμιση", "விளம்பரம்"]
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\ufeff", "\u00ad"]
NAMES = ["Nguyễn", "Trịnh", "Phạm Ngọc", "Người", "José", "Café", "Đà Nẵng", "Thời"]
# Words not looked at while writing the lossy-mojibake rules: a fairer test of them.
HELDOUT_NAMES = [
    "Phước",
    "Hồ Chí Minh",
    "Lợi",
    "Vĩnh Long",
    "nhỏ",
    "mọi",
    "Huế",
    "Quốc",
    "Bộ Y tế",
    "Đỏ",
    "Mười",
    "chờ",
    "Đồng Nai",
    "Lê Văn Thọ",
    "Điện Biên",
    "Bình Định",
    "Tiền Giang",
]
LABELS = {
    "id": {"credit": ("Sumber", "Foto"), "counter": "Komentar", "ad": "iklan", "trailer": "Sumber"},
    "en": {"credit": ("Source", "Photo"), "counter": "Comment", "ad": "ad", "trailer": "Source"},
}


def conll_sentences(path: Path) -> list[str]:
    """Sentences of a CoNLL-style file (token first on each line, blank line between)."""
    sentences, tokens = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            tokens.append(line.split()[0])
        elif tokens:
            sentences.append(" ".join(tokens))
            tokens = []
    return [s for s in sentences if len(s.split()) >= 5]


def ud_sentences(path: Path) -> list[str]:
    """The `# text =` lines of a CoNLL-U style file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [x[9:].strip() for x in lines if x.startswith("# text = ") and len(x.split()) >= 8]


def to_mojibake(word: str, lossy: bool) -> str:
    """UTF-8 bytes read as cp1252; undefined bytes kept as Latin-1, or dropped when lossy."""
    out = []
    for b in word.encode("utf-8"):
        try:
            out.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append("" if lossy else chr(b))
    return "".join(out)


def build(
    rng: random.Random,
    sentences: list[str],
    lang: str,
    lossy: float,
    glued: float,
    names: list[str] = NAMES,
):
    """One raw article, its true paragraphs (kind, text, credit) and the injected artifacts."""
    lab = LABELS[lang]
    paragraphs, lines, artifacts = [], [], []
    for _ in range(rng.randint(6, 14)):
        words = " ".join(rng.choice(sentences) for _ in range(rng.randint(1, 4))).split(" ")
        if rng.random() < 0.3 and len(words) > 6:
            a = rng.randrange(0, len(words) - 4)
            words[a], words[a + 3] = "“" + words[a], words[a + 3] + "”"
        if rng.random() < 0.3:
            words.insert(rng.randrange(len(words)), rng.choice(names))
        original = " ".join(words)
        raw = list(words)
        if rng.random() < 0.5:
            raw = [
                to_mojibake(w, rng.random() < lossy)
                if not w.isascii() and rng.random() < 0.7
                else w
                for w in raw
            ]
            artifacts += [w1 for w0, w1 in zip(words, raw, strict=True) if w0 != w1]
        if rng.random() < 0.3:
            j = rng.randrange(len(raw))
            p = rng.randrange(len(raw[j]) + 1)
            zw = rng.choice(ZERO_WIDTH)
            raw[j] = raw[j][:p] + zw + raw[j][p:]
            artifacts.append(zw)
        if rng.random() < 0.3:
            frag = rng.choice(FOREIGN)
            if rng.random() < glued:
                j = rng.randrange(len(raw))
                raw[j] = raw[j] + frag if rng.random() < 0.5 else frag + raw[j]
            else:
                raw.insert(rng.randrange(1, len(raw) + 1), frag)
            artifacts.append(frag)
        line = " ".join(raw)
        if rng.random() < 0.15:
            ad = f"[{lab['ad']}_{rng.randint(1, 9)}]"
            line = line + ad if rng.random() < 0.5 else ad + line
            artifacts.append(ad)
        if rng.random() < 0.25:
            credit = rng.choice(["UN Women", "VNA", "Reuters", "Quốc Khánh", "AFP"])
            line = f"| {line} ({rng.choice(lab['credit'])}: {credit}) |"
            paragraphs.append(("caption", original, credit))
        else:
            paragraphs.append(("body", original, None))
        lines.append(line)
        if rng.random() < 0.1:
            ad = f"[{lab['ad']}_{rng.randint(1, 9)}]"
            lines.append(ad)
            artifacts.append(ad)
    url = f"https://baoquocte.vn/story-{rng.randint(1, 99999)}.html"
    counter = f"{lab['counter']} ({rng.randint(0, 9)})"
    lines += [f"[{lab['ad']}_2]", f"{lab['trailer']}: {url}", *[""] * rng.randint(0, 10), counter]
    artifacts += [f"[{lab['ad']}_2]", url, counter]
    return "\n".join(lines), paragraphs, artifacts, url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--articles", type=int, default=400, help="per language")
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--lossy", type=float, default=0.5)
    parser.add_argument("--glued", type=float, default=0.5)
    parser.add_argument("--heldout-names", action="store_true", help="use HELDOUT_NAMES")
    args = parser.parse_args()
    settings = Settings()
    rng = random.Random(args.seed)
    corpora = {
        "id": conll_sentences(args.data / "ner-id/idner2k-dev.txt")
        + conll_sentences(args.data / "ner-id/nergrit-dev.txt"),
        "en": ud_sentences(args.data / "ner-en/uner-ewt-dev.iob2"),
    }
    n = dict(paras=0, exact=0, captions=0, credits=0, words=0, kept=0, artifacts=0, leaked=0)
    n.update(urls=0, false_removals=0, clean_chars=0)
    for lang, sentences in corpora.items():
        for i in range(0, len(sentences), 50):  # the un-injected text must come out untouched
            text = "\n".join(sentences[i : i + 50])
            n["false_removals"] += len(clean(RawArticle("x", "x", text), settings).removals)
            n["clean_chars"] += len(text)
        for _ in range(args.articles):
            names = HELDOUT_NAMES if args.heldout_names else NAMES
            raw, paragraphs, artifacts, url = build(
                rng, sentences, lang, args.lossy, args.glued, names
            )
            article = clean(RawArticle("x", "x", raw), settings)
            blocks = segment(article, settings)
            n["urls"] += article.source_url == url
            got = {(b.kind, b.text, b.credit) for b in blocks}
            got_text = {(b.kind, b.text) for b in blocks}
            bag: dict[str, int] = {}
            for b in blocks:
                for w in b.text.split():
                    bag[w] = bag.get(w, 0) + 1
            for kind, text, credit in paragraphs:
                n["paras"] += 1
                n["exact"] += (kind, text) in got_text
                if kind == "caption":
                    n["captions"] += 1
                    n["credits"] += (kind, text, credit) in got
                for w in text.split():
                    n["words"] += 1
                    if bag.get(w, 0):
                        bag[w] -= 1
                        n["kept"] += 1
            out = "\n".join(b.text for b in blocks)
            n["artifacts"] += len(artifacts)
            n["leaked"] += sum(a in out for a in artifacts)
    print(f"paragraphs+captions exact: {n['exact']}/{n['paras']} = {n['exact'] / n['paras']:.2%}")
    print(f"captions with the right credit: {n['credits']}/{n['captions']}")
    print(f"body words kept: {n['kept']}/{n['words']} = {n['kept'] / n['words']:.3%}")
    print(f"artifacts leaked: {n['leaked']}/{n['artifacts']} = {n['leaked'] / n['artifacts']:.3%}")
    print(f"source_url right: {n['urls']}/{2 * args.articles}")
    print(f"removals on un-injected text: {n['false_removals']} in {n['clean_chars']:,} chars")


if __name__ == "__main__":
    main()
