"""Quotes: direct quotes, their cue and speaker, in Indonesian and English."""

from __future__ import annotations

from pathlib import Path

import pytest
from people_support import run

EXAMPLE = Path(__file__).resolve().parents[2] / "raw" / "id-cyber-workshop.txt"

# (lang, paragraphs, [(block_id, speaker name or None, speaker_text, cue, text)])
CASES = [
    (  # cue then speaker with a rank
        "id",
        ['"Kami siap menghadapi ancaman siber," kata Letnan Kolonel Trieu Manh Tung.'],
        [(0, "Trieu Manh Tung", "Trieu Manh Tung", "kata",
          "Kami siap menghadapi ancaman siber")],
    ),
    (  # curly quotes, multi-sentence quote
        "id",
        ["Ibu Gaelle Demolis membuka acara itu.",
         "“Ancaman terus meningkat. Kita harus bertindak sekarang,” tegas Gaelle Demolis."],
        [(1, "Gaelle Demolis", "Gaelle Demolis", "tegas",
          "Ancaman terus meningkat. Kita harus bertindak sekarang")],
    ),
    (  # "menurut X," before the quote
        "id",
        ['Menurut Budi Santoso, "harga beras akan turun bulan depan."'],
        [(0, "Budi Santoso", "Budi Santoso", "Menurut", "harga beras akan turun bulan depan.")],
    ),
    (  # pronoun clitic: the last person named
        "id",
        ["Kolonel Budi Hartono memimpin rapat itu.",
         '"Semua personel harus siaga," ujarnya.'],
        [(1, "Budi Hartono", "-nya", "ujarnya", "Semua personel harus siaga")],
    ),
    (  # a pronoun after the cue, and a surname-only speaker
        "id",
        ["Menteri Luar Negeri Retno Marsudi dan Ibu Sri Wahyuni hadir.",
         '"Kami mendukung penuh," kata dia.',
         '"Perawat siap membantu," kata Wahyuni.'],
        [(1, "Sri Wahyuni", "dia", "kata", "Kami mendukung penuh"),
         (2, "Sri Wahyuni", "Wahyuni", "kata", "Perawat siap membantu")],
    ),
    (  # multi-paragraph quote: the opening mark is repeated, the cue comes at the end
        "id",
        ["Mayor Jenderal Ngo Hoai Thu berbicara panjang.",
         '"Perempuan harus dilindungi di dunia maya.',
         '"Kami akan terus bekerja sama dengan semua pihak," kata Ngo Hoai Thu.'],
        [(1, "Ngo Hoai Thu", "Ngo Hoai Thu", "kata",
          "Perempuan harus dilindungi di dunia maya.\n"
          "Kami akan terus bekerja sama dengan semua pihak")],
    ),
    (  # a quoted title inside a sentence is not a quote
        "id",
        ['Kementerian itu menyebarkan "Kampanye untuk memerangi kejahatan siber" ke sekolah.',
         'Dengan tema "Perempuan dan Keamanan Siber," lokakarya ini dibuka.'],
        [],
    ),
    (  # a sentence-level quote after an attributed one continues the same speaker
        "id",
        ['"Kami siap," kata Kapten Agus Salim.', '"Pasukan sudah di lokasi."'],
        [(0, "Agus Salim", "Agus Salim", "kata", "Kami siap"),
         (1, "Agus Salim", "Agus Salim", None, "Pasukan sudah di lokasi.")],
    ),
    (  # name then cue
        "en",
        ["Chinese Foreign Minister Wang Yi met reporters.",
         '"We welcome the talks," Wang said.'],
        [(1, "Wang Yi", "Wang", "said", "We welcome the talks")],
    ),
    (  # cue then name, curly quotes
        "en",
        ["“The situation is under control,” said Lieutenant Colonel Trieu Manh Tung."],
        [(0, "Trieu Manh Tung", "Trieu Manh Tung", "said", "The situation is under control")],
    ),
    (  # speaker and cue before a colon
        "en",
        ['Prime Minister Anwar Ibrahim said: "The budget will focus on healthcare."'],
        [(0, "Anwar Ibrahim", "Anwar Ibrahim", "said",
          "The budget will focus on healthcare.")],
    ),
    (  # according to
        "en",
        ['According to Sarah Lim, "rates will stay on hold this year."'],
        [(0, "Sarah Lim", "Sarah Lim", "According to", "rates will stay on hold this year.")],
    ),
    (  # pronoun speaker, multi-sentence
        "en",
        ["Ms Maria Santos waited for three hours.",
         '"It was exhausting. Nobody told us anything," she added.'],
        [(1, "Maria Santos", "she", "added", "It was exhausting. Nobody told us anything")],
    ),
    (  # multi-paragraph quote in English
        "en",
        ["Major General Ngo Thi Hoa addressed the delegates.",
         '"Women and girls face new threats online.',
         '"We must protect them together," she said.'],
        [(1, "Ngo Thi Hoa", "she", "said",
          "Women and girls face new threats online.\nWe must protect them together")],
    ),
    (  # name, cue and an object; a cue-less sentence-level quote with nobody before it
        "en",
        ['"Prices will rise," Lim Boon Heng told reporters on Monday.',
         "The meeting ended late.",
         '"Nobody expected this."'],
        [(0, "Lim Boon Heng", "Lim Boon Heng", "told", "Prices will rise"),
         (2, None, None, None, "Nobody expected this.")],
    ),
    (  # cue, object and colon before the quote
        "en",
        ['Prosecutor Daniel Koh told the judge: "The evidence is overwhelming."'],
        [(0, "Daniel Koh", "Daniel Koh", "told", "The evidence is overwhelming.")],
    ),
    (  # the subject before an apposition that holds a capitalised organisation
        "en",
        ['Lee Hsien Yang, a former chief executive of SingTel, said: "I have no regrets."'],
        [(0, "Lee Hsien Yang", "Lee Hsien Yang", "said", "I have no regrets.")],
    ),
    (  # a pronoun subject, an adverb, then the cue
        "id",
        ["Menteri Luar Negeri Sugiono hadir.", 'Dia juga mengingatkan, "Kita harus bersatu."'],
        [(1, "Sugiono", "Dia", "mengingatkan", "Kita harus bersatu.")],
    ),
    (  # a surname-only speaker whose full name sits after a title and a place
        "id",
        ["Kepala Pelaksana BPBD Kabupaten Garut Satria Budi mengatakan air mulai surut.",
         '"Warga sudah bisa pulang," kata Satria.'],
        [(1, "Satria Budi", "Satria", "kata", "Warga sudah bisa pulang")],
    ),
    (  # a scare-quoted term is not a quote
        "en",
        ['The ministry launched a "cyber safety" campaign in schools.'],
        [],
    ),
    (  # ... nor after "said ... it was" without a colon
        "en",
        ['The port authority said in a statement it was "open to dialogue".'],
        [],
    ),
    (  # the period of "Jr." does not end the sentence before the cue
        "en",
        ['"We will assert our rights under international law," President Ferdinand Marcos Jr. '
         "said in a post."],
        [(0, "Ferdinand Marcos Jr.", "Ferdinand Marcos Jr.", "said",
          "We will assert our rights under international law")],
    ),
    (  # "according to X, <apposition>, "…""
        "en",
        ['According to Le Thi Mai, director of the Hanoi Clean Air Centre, "the plan is a first '
         'step."'],
        [(0, "Le Thi Mai", "Le Thi Mai", "According to", "the plan is a first step.")],
    ),
    (  # a longer object between the cue and a colon
        "en",
        ['Foreign ministry spokesperson Lin Jian said at a regular briefing: "The vessel entered '
         'our waters."'],
        [(0, "Lin Jian", "Lin Jian", "said", "The vessel entered our waters.")],
    ),
    (  # an unnamed source: a quote with no speaker
        "id",
        ['Menurut seorang warga yang enggan disebut namanya, "air naik sejak pukul dua pagi."'],
        [(0, None, "seorang warga yang enggan disebut namanya", "Menurut",
          "air naik sejak pukul dua pagi.")],
    ),
    (  # a pronoun after an unnamed source is that source, not the last person named
        "id",
        ["Kepala Dinas Kelautan Sulawesi Utara, Tienneke Adam, mengatakan bantuan disiapkan.",
         "Seorang pengepul di Pelabuhan Bitung yang enggan disebut namanya mengaku harga naik. "
         '"Stok sedikit, jadi harga pasti naik," katanya.'],
        [(1, None, "-nya", "katanya", "Stok sedikit, jadi harga pasti naik")],
    ),
    (  # cue, title and organisation, then the name between commas
        "id",
        ['"Burung-burung itu dimasukkan ke dalam koper," kata Kepala Balai Besar Konservasi '
         "Sumber Daya Alam Papua, Johny Santoso Silaban, Sabtu."],
        [(0, "Johny Santoso Silaban", "Johny Santoso Silaban", "kata",
          "Burung-burung itu dimasukkan ke dalam koper")],
    ),
    (  # a lower-case title with its body, then honorifics and the name between commas
        "id",
        ['"Hasilnya di luar dugaan," kata peneliti utama BRIN, Prof. Dr. Yudhistira Nugraha, '
         "Jumat."],
        [(0, "Yudhistira Nugraha", "Yudhistira Nugraha", "kata", "Hasilnya di luar dugaan")],
    ),
    (  # a described, unnamed subject is the speaker, not a name earlier in the sentence
        "id",
        ["Saat Fikri digiring ke mobil tahanan, seorang petugas berteriak, "
         '"Tolong beri jalan, beri jalan!" kepada kerumunan wartawan.'],
        [(0, None, "seorang petugas", "berteriak", "Tolong beri jalan, beri jalan!")],
    ),
    (  # a description closed by a demonstrative points back to the person just named
        "id",
        ["Gol kemenangan dicetak oleh penyerang Persib, Ramon Tanque, pada menit ke-87. "
         'Striker asal Brasil itu mengatakan, "Gol ini untuk Bobotoh."'],
        [(0, "Ramon Tanque", "Striker asal Brasil itu", "mengatakan", "Gol ini untuk Bobotoh.")],
    ),
    (  # the name between the last two commas before the cue, then an age
        "en",
        ['A resident of Kampung Pasir Mas, Rokiah Yusof, 58, said: "I have never seen the water '
         'rise this fast."'],
        [(0, "Rokiah Yusof", "Rokiah Yusof", "said",
          "I have never seen the water rise this fast.")],
    ),
    (  # a colon ends the attribution, whatever its object holds
        "en",
        ['Judge Pornthip Suwannarat told the Criminal Court: "The defendant used his position to '
         'protect the network."'],
        [(0, "Pornthip Suwannarat", "Pornthip Suwannarat", "told",
          "The defendant used his position to protect the network.")],
    ),
    (  # "according to X of Y," with an organisation the NER did not tag
        "en",
        ["Advocacy groups welcomed the move. According to Alex Au of Transient Workers Count Too, "
         '"the real test is enforcement, not announcements".'],
        [(0, "Alex Au", "Alex Au", "According to",
          "the real test is enforcement, not announcements")],
    ),
]


@pytest.mark.parametrize(("lang", "paragraphs", "expected"), CASES)
def test_quotes(lang: str, paragraphs: list[str], expected: list[tuple]) -> None:
    _, _, people, _, quotes = run(lang, paragraphs)
    names = {p.person_id: p.name for p in people}
    got = [
        (q.block_id, names.get(q.speaker_person_id), q.speaker_text, q.cue, q.text)
        for q in quotes
    ]
    assert got == expected
    assert [q.quote_id for q in quotes] == list(range(len(quotes)))


@pytest.mark.parametrize(("lang", "paragraphs", "expected"), CASES)
def test_quote_offsets(lang: str, paragraphs: list[str], expected: list[tuple]) -> None:
    """start/end index the quote in its first block joined with the following ones by "\\n";
    the only difference to ``text`` is the opening marks repeated on later paragraphs."""
    blocks, _, _, _, quotes = run(lang, paragraphs)
    for q in quotes:
        joined = "\n".join(b.text for b in blocks[q.block_id :])
        span = joined[q.start : q.end]
        assert "\n".join(line.lstrip('"“') for line in span.split("\n")) == q.text


def test_a_caption_inside_a_multi_paragraph_quote_is_passed_over() -> None:
    from dataclasses import replace

    from people_support import SETTINGS, blocks_of

    from pipeline.stages.quotes import extract_quotes

    paragraphs = [
        '"Kami akan membangun jembatan baru.',
        "Gubernur meninjau lokasi. (Sumber: Antara)",
        '"Pembangunan dimulai tahun depan," kata Gubernur Ridwan Kamil.',
    ]
    blocks = list(blocks_of(paragraphs))
    blocks[1] = replace(blocks[1], kind="caption")
    quotes = extract_quotes(blocks, [], [], [], "id", SETTINGS)
    assert [(q.block_id, q.cue, q.speaker_text, q.text) for q in quotes] == [
        (0, "kata", "Ridwan Kamil",
         "Kami akan membangun jembatan baru.\nPembangunan dimulai tahun depan")
    ]
    joined = "\n".join(b.text for b in blocks)
    assert joined[quotes[0].end - len("tahun depan") : quotes[0].end] == "tahun depan"


def test_example_article_quotes() -> None:
    paragraphs = [p for p in EXAMPLE.read_text(encoding="utf-8").splitlines() if p.strip()]
    _, _, people, _, quotes = run("id", paragraphs)
    names = {p.person_id: p.name for p in people}
    assert [(names.get(q.speaker_person_id), q.cue) for q in quotes] == [
        ("Gaelle Demolis", "tegas"),
        ("Trieu Manh Tung", "kata"),
    ]
    assert quotes[0].text.startswith("Kebutuhan untuk melindungi kelompok rentan")
    assert quotes[1].text.endswith("dalam menanggapi tantangan-tantangan ini")


if __name__ == "__main__":
    from people_support import score_quotes

    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "quotes"
    for code in ("id", "en"):
        for name in (code, *(f"{code}-holdout{n}" for n in ("", "2", "3", "4"))):
            figures = score_quotes(code, str(fixtures / f"{name}.tsv"))
            print(name, {k: round(v, 3) for k, v in figures.items()})
