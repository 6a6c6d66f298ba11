"""Small article corpora for the batch, runner, CLI and robustness tests.

The sentences are written for these tests in the style of the aggregator's pages (Indonesian and
English), and combined with a fixed seed so every corpus is reproducible. Articles carry the
usual artifacts (placeholders, credited captions, source trailers, comment counters) so the real
stages have something to do; the tests assert orchestration, never stage-specific content.
"""

from __future__ import annotations

import random
from pathlib import Path

ID_SENTENCES = (
    "Pemerintah provinsi mengumumkan rencana pembangunan jembatan baru di atas sungai itu.",
    "Menurut kepala dinas, proyek tersebut akan selesai pada akhir tahun depan.",
    "Warga desa menyambut baik keputusan itu karena perjalanan ke pasar menjadi lebih singkat.",
    "Dalam rapat yang berlangsung hingga malam, para anggota dewan membahas anggaran daerah.",
    "Sejumlah pelajar mengikuti lomba karya tulis tentang pelestarian hutan bakau.",
    "Pihak kepolisian meminta masyarakat berhati-hati terhadap penipuan melalui pesan singkat.",
    "Harga beras di beberapa pasar tradisional naik sejak awal bulan ini.",
    "Kementerian Kesehatan menggelar vaksinasi gratis bagi anak-anak di sekolah dasar.",
    "Festival budaya tahunan itu menampilkan tarian daerah dan pameran kerajinan tangan.",
    "Para nelayan berharap cuaca membaik agar mereka dapat kembali melaut pekan depan.",
    "Universitas negeri tersebut membuka program beasiswa untuk mahasiswa dari daerah terpencil.",
    "Banjir yang melanda kota sejak Senin membuat ratusan keluarga mengungsi ke balai desa.",
)
EN_SENTENCES = (
    "The provincial government announced plans for a new bridge across the river.",
    "According to the head of the department, the project will be finished by next year.",
    "Villagers welcomed the decision because the trip to the market will become much shorter.",
    "In a meeting that lasted late into the night, council members discussed the local budget.",
    "Dozens of students took part in an essay competition about protecting mangrove forests.",
    "The police asked residents to be careful about scams sent through text messages.",
    "Rice prices at several traditional markets have risen since the start of the month.",
    "The Ministry of Health held free vaccinations for children at primary schools.",
    "The annual culture festival featured regional dances and an exhibition of handicrafts.",
    "Fishermen hope the weather improves so they can return to sea next week.",
    "The state university opened a scholarship programme for students from remote areas.",
    "Floods that hit the city on Monday forced hundreds of families to shelter in village halls.",
)
STYLE = {
    "id": {"sentences": ID_SENTENCES, "ad": "iklan", "credit": "Sumber", "source": "Sumber",
           "comments": "Komentar"},
    "en": {"sentences": EN_SENTENCES, "ad": "ad", "credit": "Photo", "source": "Source",
           "comments": "Comment"},
}


def article_text(rng: random.Random, lang: str, serial: int, paragraphs: int = 4) -> str:
    """One scraped-looking article: a caption, body paragraphs, placeholder, trailer, counter."""
    style = STYLE[lang]
    sentences = style["sentences"]
    lines = [f"| {rng.choice(sentences)[:-1]} ({style['credit']}: Kantor Berita) |"]
    for _ in range(paragraphs):
        lines.append(" ".join(rng.sample(sentences, 3)))
    lines.append(f"[{style['ad']}_{rng.randint(1, 3)}]")
    lines.append(f"{style['source']}: https://news.example.org/{lang}/{serial:05d}.html")
    lines += ["", "", f"{style['comments']} ({rng.randint(0, 9)})"]
    return "\n".join(lines) + "\n"


def write_corpus(
    folder: Path, n: int, seed: int = 7, paragraphs: int = 4, prefix: str = ""
) -> list[Path]:
    """``n`` articles alternating Indonesian and English, as .txt files in ``folder``."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        lang = ("id", "en")[i % 2]
        path = folder / f"{prefix}{lang}-{i:04d}.txt"
        path.write_text(article_text(rng, lang, i, paragraphs), encoding="utf-8")
        paths.append(path)
    return paths


def read_tables(out_dir: Path) -> dict[str, bytes]:
    """Every CSV table of an output folder, as bytes, for byte-identity checks."""
    return {p.name: p.read_bytes() for p in sorted(out_dir.glob("*.csv"))}
