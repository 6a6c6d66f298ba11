"""People: names, honorifics, ranks, roles and organisations, in Indonesian and English.

Sentences are run through the real front of the pipeline (annotate → entities → people), so
the tests hold whatever the NER finds: the rules must work from the lexicons when it misses.
Run this file as a script to print the (person, role) scores on tests/fixtures/people.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from people_support import SETTINGS, blocks_of, role_rows, run, score

import pipeline.lang as lang_data
from pipeline.settings import load_settings
from pipeline.stages import people as people_stage
from pipeline.stages.annotate import annotate
from pipeline.stages.entities import extract_entities
from pipeline.stages.people import extract_people

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "people"
EXAMPLE = Path(__file__).resolve().parents[2] / "raw" / "id-cyber-workshop.txt"

# (sentence, {(name, role, role_en, organization, parent_organization)})
ROLES_ID = [
    (  # pre-modifier title
        "Menteri Luar Negeri Retno Marsudi membuka pertemuan itu di Jakarta.",
        {("Retno Marsudi", "Menteri Luar Negeri", "Foreign Minister", None, None)},
    ),
    (  # apposition with an organisation chain after a comma
        "Kolonel Budi Hartono, Wakil Direktur Direktorat Reserse Siber, Kepolisian Daerah Jawa "
        "Timur, memaparkan temuan itu.",
        {
            (
                "Budi Hartono",
                "Wakil Direktur",
                "Deputy Director",
                "Direktorat Reserse Siber",
                "Kepolisian Daerah Jawa Timur",
            )
        },
    ),
    (  # parentheses
        "Ibu Sri Wahyuni (Ketua Persatuan Perawat Nasional Indonesia) hadir dalam acara itu.",
        {("Sri Wahyuni", "Ketua", "Chair", "Persatuan Perawat Nasional Indonesia", None)},
    ),
    (  # relative clause
        "Andi Pratama, yang juga menjabat Sekretaris Jenderal Asosiasi Pengusaha Muda, menyambut "
        "baik kebijakan tersebut.",
        {
            (
                "Andi Pratama",
                "Sekretaris Jenderal",
                "Secretary-General",
                "Asosiasi Pengusaha Muda",
                None,
            )
        },
    ),
    (  # two roles; the first organisation is a department of a ministry written in one run
        "Mayor Jenderal Le Thi Hoa, Direktur Departemen Logistik Kementerian Pertahanan, dan "
        "Ketua Komite Perempuan Keamanan Nasional, menerima kunjungan itu.",
        {
            (
                "Le Thi Hoa",
                "Direktur",
                "Director",
                "Departemen Logistik Kementerian Pertahanan",
                None,
            ),
            ("Le Thi Hoa", "Ketua", "Chair", "Komite Perempuan Keamanan Nasional", None),
        },
    ),
    (  # a modifier composed with a title: declared in role_modifiers.tsv
        "Hal itu disampaikan mantan Menteri Keuangan Bambang Brodjonegoro dalam seminar.",
        {
            (
                "Bambang Brodjonegoro",
                "mantan Menteri Keuangan",
                "Former Finance Minister",
                None,
                None,
            )
        },
    ),
    (  # honorific before a pre-modifier title
        "Bapak Presiden Joko Widodo meresmikan bendungan itu pada Senin.",
        {("Joko Widodo", "Presiden", "President", None, None)},
    ),
    (  # title, comma, name
        "Ketua Komisi Pemberantasan Korupsi, Nawawi Pomolango, mengatakan penyidikan terus "
        "berjalan.",
        {("Nawawi Pomolango", "Ketua", "Chair", "Komisi Pemberantasan Korupsi", None)},
    ),
    (  # lower-case title with its organisation after "dari"
        "Menurut Dian Puspita, peneliti senior dari Lembaga Ilmu Pengetahuan Indonesia, angka itu "
        "terlalu optimistis.",
        {
            (
                "Dian Puspita",
                "peneliti senior",
                "Senior Researcher",
                "Lembaga Ilmu Pengetahuan Indonesia",
                None,
            )
        },
    ),
    (  # an acronym organisation between title and name
        "Ketua KPU Hasyim Asyari menetapkan hasil rekapitulasi suara.",
        {("Hasyim Asyari", "Ketua", "Chair", "KPU", None)},
    ),
    (  # a role over a comma-separated list, up to the organisation head
        "Ibu Maria Lopez, Koordinator Program untuk Kesehatan, Gizi dan Pendidikan, Kantor "
        "Perwakilan UNICEF untuk Indonesia, membuka lokakarya.",
        {
            (
                "Maria Lopez",
                "Koordinator Program untuk Kesehatan, Gizi dan Pendidikan",
                "Program Coordinator",
                "Kantor Perwakilan UNICEF untuk Indonesia",
                None,
            )
        },
    ),
    (  # an organisation name right after the title, without a head word
        "Direktur Eksekutif Indef Tauhid Ahmad menilai pertumbuhan ekonomi melambat.",
        {("Tauhid Ahmad", "Direktur Eksekutif", "Executive Director", "Indef", None)},
    ),
    (  # an organisation whose name enumerates, then its acronym, before the name
        "Ketua Komite Nasional Keselamatan, Kesehatan, dan Lingkungan (KNKKL) Andi Wirawan "
        "membuka rapat itu.",
        {
            (
                "Andi Wirawan",
                "Ketua",
                "Chair",
                "Komite Nasional Keselamatan, Kesehatan, dan Lingkungan",
                None,
            )
        },
    ),
    (  # a portfolio title keeps its capitalised portfolio (portfolio_titles.txt)
        "Menteri Pemuda dan Olahraga Dito Ariotedjo meninjau stadion itu.",
        {("Dito Ariotedjo", "Menteri Pemuda dan Olahraga", "Youth and Sports Minister", None,
          None)},
    ),
    (  # a lower-case title phrase filling the clause before "comma, name"
        "Pengamat ekonomi dari Universitas Brawijaya, Candra Fajri Ananda, menilai inflasi "
        "masih terkendali.",
        {
            (
                "Candra Fajri Ananda",
                "Pengamat ekonomi",
                "Observer",
                "Universitas Brawijaya",
                None,
            )
        },
    ),
    (  # a title with lower-case qualifiers (its field) right before the name
        "Penyanyi dangdut Rhoma Irama tampil di panggung utama.",
        {("Rhoma Irama", "Penyanyi dangdut", "Singer", None, None)},
    ),
    (  # a name the NER may glue to the place before it, with a title before both
        "Kepala Pelaksana BPBD Kabupaten Garut Satria Budi mengatakan air mulai surut.",
        {("Satria Budi", "Kepala Pelaksana", "Executive Head", "BPBD Kabupaten Garut", None)},
    ),
    (  # an acronym right after a portfolio title is the portfolio
        "Ketua Umum PSSI Erick Thohir, yang juga Menteri BUMN, menyaksikan laga tersebut.",
        {
            ("Erick Thohir", "Ketua Umum", "General Chair", "PSSI", None),
            ("Erick Thohir", "Menteri BUMN", "State-Owned Enterprises Minister", None, None),
        },
    ),
    (  # title, its body, a rank, the name: the body is no person
        "Kapolres Bogor Kota Kombes Ade Rahmat Idnal mengatakan pelaku sudah ditangkap.",
        {("Ade Rahmat Idnal", "Kapolres", "District Police Chief", "Bogor Kota", None)},
    ),
    (  # a lower-case title clause after "Menurut", before "comma, name"
        "Menurut pengamat politik dari Universitas Gadjah Mada, Arya Budi, koalisi itu rapuh.",
        {("Arya Budi", "pengamat politik", "Observer", "Universitas Gadjah Mada", None)},
    ),
    # no title: no role
    ("Anggota keluarga korban Budi Santoso menangis di rumah duka.", set()),
    ("Budi Santoso mengatakan harga cabai naik sejak pekan lalu.", set()),
    ("Rina Marlina, warga Kampung Melayu, mengaku kehilangan rumahnya.", set()),
    ("Kapten Agus Salim memimpin pasukan itu menuju perbatasan.", set()),
    ("Ahli waris korban, Supriyadi, menerima santunan dari PT Jasa Raharja.", set()),
    # a title opening the sentence is its subject; the name after the verb holds no title
    ("Hakim memvonis Andi Saputra lima tahun penjara.", set()),
    ("Jaksa menuntut terdakwa Bambang Sutrisno tujuh tahun penjara.", set()),
    ("Dokter merawat Siti Aminah di ruang gawat darurat.", set()),
    ("Acara itu dihadiri Dewi Lestari dan Rudi Hartono yang datang dari Bandung.", set()),
    (  # a unit with a name of its own is the organisation; a one-word unit stays in the title
        "Kepala Seksi Pidana Umum Kejaksaan Negeri Bogor, Andi Wirawan, membacakan tuntutan.",
        {("Andi Wirawan", "Kepala", "Head", "Seksi Pidana Umum Kejaksaan Negeri Bogor", None)},
    ),
    (
        "Kepala Seksi Humas Polres Bogor Iptu Desi Triana mengatakan jalan ditutup.",
        {
            (
                "Desi Triana",
                "Kepala Seksi Humas",
                "Head of Public Relations Section",
                "Polres Bogor",
                None,
            )
        },
    ),
    (  # title, organisation, comma, parent, comma, name
        "Kepala Biro Hukum, Kementerian Perhubungan, Wahyu Adji, menjelaskan aturan itu.",
        {("Wahyu Adji", "Kepala", "Head", "Biro Hukum", "Kementerian Perhubungan")},
    ),
    (  # a listed place opening the words after a title belongs to the title
        "Menteri Luar Negeri Singapura Vivian Balakrishnan menerima kunjungan itu.",
        {("Vivian Balakrishnan", "Menteri Luar Negeri", "Foreign Minister", "Singapura", None)},
    ),
    (  # "Direktur Jenderal" takes a portfolio; its "Jenderal" is no rank opening a name
        "Direktur Jenderal Bea dan Cukai Kementerian Keuangan, Djaka Budhi Utama, meninjau "
        "pelabuhan.",
        {("Djaka Budhi Utama", "Direktur Jenderal Bea dan Cukai", "Director General",
          "Kementerian Keuangan", None)},
    ),
    (  # a relative clause about a past office
        "Sidang menghadirkan Bambang Wuryanto, yang saat itu menjabat Ketua Komisi III DPR, "
        "sebagai saksi.",
        {("Bambang Wuryanto", "Ketua", "Chair", "Komisi III DPR", None)},
    ),
    (  # the words an acronym spells are the organisation, not a name
        "Peneliti Indonesia Budget Center (IBC) Arif Nur Alam menilai anggaran itu boros.",
        {("Arif Nur Alam", "Peneliti", "Researcher", "Indonesia Budget Center", None)},
    ),
    (  # the role's clause runs over the province before "comma, name"
        "Polisi menahan Kepala Dinas Kesehatan Kabupaten Garut, Jawa Barat, Leli Yuliani, pada "
        "Senin.",
        {("Leli Yuliani", "Kepala", "Head", "Dinas Kesehatan Kabupaten Garut", None)},
    ),
    (  # parentheses after two names joined by "dan"; a lower-case title takes the
        # organisation that follows it directly
        "Diskusi itu menghadirkan Zainal Arifin Mochtar (dosen Universitas Gadjah Mada) dan "
        "Siti Aminah (Ketua Yayasan Lembaga Bantuan Hukum Indonesia).",
        {("Zainal Arifin Mochtar", "dosen", "Lecturer", "Universitas Gadjah Mada", None),
         ("Siti Aminah", "Ketua", "Chair", "Yayasan Lembaga Bantuan Hukum Indonesia", None)},
    ),
    (  # a name after a listed organisation is split off it
        "Presiden Partai Buruh Said Iqbal menolak aturan itu.",
        {("Said Iqbal", "Presiden", "President", "Partai Buruh", None)},
    ),
    (  # the words after a legal form name the company, not the person
        "Direktur CV Sinar Jaya Abadi Rudi Hartono ditahan jaksa.",
        {("Rudi Hartono", "Direktur", "Director", "CV Sinar Jaya Abadi", None)},
    ),
    (  # a village title's next word is the village, listed or not
        "Kepala Desa Cibodas Asep Suherman mengatakan jembatan putus.",
        {("Asep Suherman", "Kepala Desa", "Village Head", "Cibodas", None)},
    ),
    (  # a listed place after an acronym belongs to the organisation, not to the name
        "Kepala Kantor SAR Kendari Amiruddin Setiawan mengatakan pencarian dilanjutkan.",
        {("Amiruddin Setiawan", "Kepala", "Head", "Kantor SAR Kendari", None)},
    ),
    (  # a police rank between the title's place and the name
        "Kapolsek Cimanggis Kompol Jupriono mengatakan korban dibawa ke rumah sakit.",
        {("Jupriono", "Kapolsek", "Sector Police Chief", "Cimanggis", None)},
    ),
    (  # a word with digits is no name word
        "Pelatih Timnas Indonesia U-17 Nova Arianto memanggil 30 pemain.",
        {("Nova Arianto", "Pelatih", "Coach", "Timnas Indonesia U-17", None)},
    ),
    (  # an initial keeps its period inside the name
        "Menteri Kesehatan Johnny G. Plate meninjau rumah sakit.",
        {("Johnny G. Plate", "Menteri Kesehatan", "Health Minister", None, None)},
    ),
    (  # after a minister's portfolio the free words are the name's, not an organisation
        "Menteri Kesehatan Terawan Agus Putranto meninjau rumah sakit.",
        {("Terawan Agus Putranto", "Menteri Kesehatan", "Health Minister", None, None)},
    ),
    (  # an acronym opens no name; a retired rank's "(Purn)" stays in the rank
        "Ketua Umum PB PRSI, Komjen Pol (Purn) Anindya Bakrie, membuka kejuaraan itu.",
        {("Anindya Bakrie", "Ketua Umum", "General Chair", "PB PRSI", None)},
    ),
    (  # a company's legal form ends its name, not the person's
        "Direktur Keuangan PT Bank Rakyat Indonesia Tbk, Viviana Dyah Ayu, mengatakan laba naik.",
        {("Viviana Dyah Ayu", "Direktur Keuangan", "Finance Director",
          "PT Bank Rakyat Indonesia Tbk", None)},
    ),
    (  # a one-word name after the organisation's place
        "Ketua DPRD Kota Bogor Atang meminta warga tenang.",
        {("Atang", "Ketua", "Chair", "DPRD Kota Bogor", None)},
    ),
    (  # "Bidang" opens a portfolio that belongs to the title (portfolio_markers.txt)
        "Deputi Bidang Klimatologi BMKG Ardhasena Sopaheluwakan mengatakan musim hujan datang "
        "lebih awal.",
        {("Ardhasena Sopaheluwakan", "Deputi Bidang Klimatologi", "Deputy", "BMKG", None)},
    ),
    (  # a possessive clitic on a lower-case title after a verb (title_clitics.txt)
        "Terdakwa hadir didampingi kuasa hukumnya, Benny Saputra, di ruang sidang.",
        {("Benny Saputra", "kuasa hukum", "Legal Counsel", None, None)},
    ),
    (  # "sekaligus" joins two titles before one name
        "Wakil Perdana Menteri sekaligus Menteri Keuangan Thailand Pichai Chunhavajira tiba di "
        "Jakarta.",
        {
            ("Pichai Chunhavajira", "Wakil Perdana Menteri", "Deputy Prime Minister", None, None),
            ("Pichai Chunhavajira", "Menteri Keuangan", "Finance Minister", "Thailand", None),
        },
    ),
    (  # title and place, then a chain of places between commas, then the name
        "Kepala Desa Cibodas, Kecamatan Lembang, Bandung Barat, Asep Suryana, mengatakan jalan "
        "desa tertutup longsor.",
        {("Asep Suryana", "Kepala Desa", "Village Head", "Cibodas", None)},
    ),
    (  # whom the title serves is no part of it; an abbreviated given name keeps its period
        "Penasihat hukum tersangka, Moh. Rizal Fauzi, mengajukan praperadilan.",
        {("Moh. Rizal Fauzi", "Penasihat hukum", "Legal Adviser", None, None)},
    ),
    (  # a Balinese name prefix belongs to the name (name_prefixes.txt)
        "Perkara itu diadili hakim ketua I Wayan Sukradana.",
        {("I Wayan Sukradana", "hakim ketua", "Presiding Judge", None, None)},
    ),
    (  # a ministry is named by its minister's portfolio; the glued name starts after it
        "Juru bicara Kementerian Perhubungan Adita Irawati memastikan jadwal kapal tidak berubah.",
        {("Adita Irawati", "Juru bicara", "Spokesperson", "Kementerian Perhubungan", None)},
    ),
    (  # a portfolio joined by "dan" goes on after a full title of roles.tsv
        "Wakil Menteri Pertanian dan Pembangunan Pedesaan Tran Thanh Nam meninjau sawah di Dong "
        "Thap.",
        {
            (
                "Tran Thanh Nam",
                "Wakil Menteri Pertanian dan Pembangunan Pedesaan",
                "Deputy Agriculture Minister",
                None,
                None,
            )
        },
    ),
    (  # a body named after a titled person; a one-word name between commas
        "Direktur Utama RSUD Dr. Soetomo, Joni Wahyuhadi, mengatakan ruang isolasi ditambah.",
        {("Joni Wahyuhadi", "Direktur Utama", "President Director", "RSUD Dr. Soetomo", None)},
    ),
    (  # a relative clause after the title closes the clause before the name; an age
        "Sopir truk yang menjadi saksi kunci, Bambang Irawan (52), mengatakan rem blong.",
        {("Bambang Irawan", "Sopir truk", "Truck Driver", None, None)},
    ),
    (  # a named unit of one word is the organisation
        "Kepala Seksi Pidana Khusus Kejaksaan Negeri Garut, Jaya Saputra, menahan tersangka.",
        {("Jaya Saputra", "Kepala", "Head", "Seksi Pidana Khusus Kejaksaan Negeri Garut", None)},
    ),
    (  # a one-word name with an age is a person
        "Pemilik warung, Ratna (45), mengaku rugi jutaan rupiah.",
        {("Ratna", "Pemilik warung", "Owner", None, None)},
    ),
    (  # a regent's title takes its regency, listed or not (place_titles.txt)
        "Bupati Tulang Bawang Barat Novriwan Jaya mengatakan jalan itu rusak.",
        {("Novriwan Jaya", "Bupati", "Regent", "Tulang Bawang Barat", None)},
    ),
    (  # one word before a lower-case role apposition is a name
        "Rohman, pedagang sayur di Pasar Senen, mengaku rugi.",
        {("Rohman", "pedagang sayur", "Trader", "Pasar Senen", None)},
    ),
    (  # whom a lawyer serves is no part of the title
        "Kuasa hukum pemohon, Dedi Kurniawan, meminta sidang ditunda.",
        {("Dedi Kurniawan", "Kuasa hukum", "Legal Counsel", None, None)},
    ),
    (  # a relative clause after a lower-case role apposition
        "Hendra Saputra Lubis, pengacara yang mendampingi terdakwa sejak penyidikan, menilai "
        "majelis keliru.",
        {("Hendra Saputra Lubis", "pengacara", "Lawyer", None, None)},
    ),
    (  # title + client, then the titled person in apposition
        "Kuasa hukum Sahbudin, Dr. Ferdinand Simanjuntak, mengatakan kliennya kooperatif.",
        {("Ferdinand Simanjuntak", "Kuasa hukum", "Legal Counsel", None, None)},
    ),
    (  # the word the NER took for a name ends the organisation; the apposition is the person
        "Kepala Zona Kamla Barat Bakamla, Laksamana Pertama Bambang Trijanto, mengatakan dua "
        "kapal ditangkap.",
        {("Bambang Trijanto", "Kepala", "Head", "Zona Kamla Barat Bakamla", None)},
    ),
    (
        "Direktur PT Borneo Cipta Karya, Rudi Hartono Tanjung, selaku kontraktor divonis enam "
        "tahun.",
        {("Rudi Hartono Tanjung", "Direktur", "Director", "PT Borneo Cipta Karya", None)},
    ),
    (  # a list of titled people: each title is its own person's
        "Menteri Keuangan Sri Mulyani, Gubernur BI Perry Warjiyo, dan Ketua OJK Mahendra "
        "Siregar hadir.",
        {
            ("Sri Mulyani", "Menteri Keuangan", "Finance Minister", None, None),
            ("Perry Warjiyo", "Gubernur", "Governor", "BI", None),
            ("Mahendra Siregar", "Ketua", "Chair", "OJK", None),
        },
    ),
    (  # a title that opens with "Ketua" but is longer (roles.tsv)
        "Ketua Menteri Sabah Hajiji Noor bertemu Gubernur Kalimantan Utara Zainal Arifin "
        "Paliwang di Tawau.",
        {
            ("Hajiji Noor", "Ketua Menteri", "Chief Minister", "Sabah", None),
            ("Zainal Arifin Paliwang", "Gubernur", "Governor", "Kalimantan Utara", None),
        },
    ),
    (  # a lower-case title, a body ending in a word of bodies, then the name
        "Indeks Harga Saham Gabungan ditutup melemah, kata analis Phintraco Sekuritas Ratna Lim.",
        {("Ratna Lim", "analis", "Analyst", "Phintraco Sekuritas", None)},
    ),
    (  # a title and a place, then the person with an age in apposition
        "Seorang nelayan Muara Angke, Darsono (58), menemukan jasad korban tersangkut jaring.",
        {("Darsono", "nelayan", "Fisherman", "Muara Angke", None)},
    ),
    (  # lower-case "tim" qualifies a title in Indonesian
        "Pelatih kepala tim nasional Indonesia Patrick Kluivert memanggil 28 pemain.",
        {("Patrick Kluivert", "Pelatih kepala", "Head Coach", None, None)},
    ),
    (  # a name the NER glued after a body's final word ([entities] org_final_words)
        "Kepala Badan Gizi Nasional Dadan Hindayana mengatakan dapur dihentikan sementara.",
        {("Dadan Hindayana", "Kepala", "Head", "Badan Gizi Nasional", None)},
    ),
    (
        "Kepala Riset Kiwoom Sekuritas Indonesia, Sukarno Alatas, menilai lonjakan saham.",
        {("Sukarno Alatas", "Kepala Riset", "Head of Research", "Kiwoom Sekuritas Indonesia",
          None)},
    ),
    (  # the field of a lower-case title before the name is part of it ...
        "Pengamat penerbangan Alvin Lie berpendapat, Garuda perlu memangkas biaya.",
        {("Alvin Lie", "Pengamat penerbangan", "Observer", None, None)},
    ),
    (  # ... a body (body_nouns.txt) or a category (role_categories.txt) is not
        "Pelatih timnas Indonesia Patrick Kluivert memanggil 27 pemain.",
        {("Patrick Kluivert", "Pelatih", "Coach", None, None)},
    ),
    (
        "Pebulu tangkis tunggal putri Gregoria Mariska Tunjung melaju ke perempat final.",
        {("Gregoria Mariska Tunjung", "Pebulu tangkis", "Badminton Player", None, None)},
    ),
    (  # after a title ending in lower case, capitalised words are the name's
        "Hakim ketua Dennie Arsan Fatrika menunda sidang hingga pekan depan.",
        {("Dennie Arsan Fatrika", "Hakim ketua", "Presiding Judge", None, None)},
    ),
    (  # one-word name glued after a listed organisation (rules_org.txt)
        "Ketua Mahkamah Konstitusi Suhartoyo membacakan putusan uji materi pada Kamis siang.",
        {("Suhartoyo", "Ketua", "Chair", "Mahkamah Konstitusi", None)},
    ),
    (
        "Menteri Sekretaris Negara Prasetyo Hadi, yang juga menjabat Juru Bicara Presiden, "
        "mengumumkan jadwal pelantikan.",
        {
            ("Prasetyo Hadi", "Menteri Sekretaris Negara", "State Secretary", None, None),
            ("Prasetyo Hadi", "Juru Bicara Presiden", "Presidential Spokesperson", None, None),
        },
    ),
    (  # a preposition after a title is no field of it
        "Presiden Prabowo Subianto melantik Dr. Hendrawan Saputra sebagai Menteri Kelautan dan "
        "Perikanan dalam upacara di Istana Negara, Jakarta, Senin pagi.",
        {
            ("Prabowo Subianto", "Presiden", "President", None, None),
            ("Hendrawan Saputra", "Menteri Kelautan dan Perikanan",
             "Marine Affairs and Fisheries Minister", None, None),
        },
    ),
    (  # a middle initial the NER cut the name at
        "Ketua majelis hakim, Purwanto S. Abdullah, memberi kesempatan kepada terdakwa.",
        {("Purwanto S. Abdullah", "Ketua majelis hakim", "Presiding Judge", None, None)},
    ),
    (  # the field of a lower-case role, then where the person comes from
        "Siti Aminah (45), pedagang sayur asal Cicalengka, mengeluhkan harga cabai rawit.",
        {("Siti Aminah", "pedagang sayur", "Trader", None, None)},
    ),
    (  # role, organisation, comma, then an honorific (drh.) and the name
        "Dosen Fakultas Kedokteran Hewan IPB University, drh. Agus Wijaya, menjelaskan penyakit "
        "itu.",
        {("Agus Wijaya", "Dosen", "Lecturer", "Fakultas Kedokteran Hewan IPB University", None)},
    ),
    (  # an honorific (Pendeta), the name, then its role in apposition
        "Pendeta Jacklevyn Frits Manuputty, Ketua Umum Persekutuan Gereja-gereja di Indonesia "
        "(PGI), mengajak umat menjaga kerukunan.",
        {("Jacklevyn Frits Manuputty", "Ketua Umum", "General Chair",
          "Persekutuan Gereja-gereja di Indonesia", None)},
    ),
    (  # two honorifics (Tgk, H for Haji) between a title with its body and the name
        "Ketua Majelis Permusyawaratan Ulama Aceh Tgk H Faisal Ali menegaskan hukuman cambuk "
        "berpedoman pada qanun.",
        {("Faisal Ali", "Ketua", "Chair", "Majelis Permusyawaratan Ulama Aceh", None)},
    ),
    (  # no party of an organisation the NER took for a person ("Partai Amanat Nasional")
        "Rahmat Hidayat, Sekretaris Jenderal Partai Amanat Nasional, sekaligus Wakil Ketua DPR, "
        "membantah tuduhan tersebut.",
        {
            ("Rahmat Hidayat", "Sekretaris Jenderal", "Secretary-General",
             "Partai Amanat Nasional", None),
            ("Rahmat Hidayat", "Wakil Ketua", "Vice Chair", "DPR", None),
        },
    ),
    (  # a numbered title, an abbreviated province ending the body (rules_loc.txt)
        "Wakil Ketua I DPRD Jabar Ono Surono meninjau lokasi banjir.",
        {("Ono Surono", "Wakil Ketua I", "Vice Chair I", "DPRD Jabar", None)},
    ),
    (  # the numeral stays in the title, not the organisation
        "Menteri Keuangan II Datuk Seri Amir Hamzah Azizan mengatakan subsidi tetap berjalan.",
        {("Amir Hamzah Azizan", "Menteri Keuangan II", "Finance Minister II", None, None)},
    ),
    (  # a sentence adverb before the comma is no name (name_stopwords.txt)
        "Sebelumnya, jaksa penuntut umum dari Kejaksaan Negeri Bandung, Rina Marlina, menuntut "
        "terdakwa 10 tahun penjara.",
        {("Rina Marlina", "jaksa penuntut umum", "Public Prosecutor",
          "Kejaksaan Negeri Bandung", None)},
    ),
    (  # whom the title serves, with a quantifier (non_role_qualifiers.txt)
        "Sebaliknya, kuasa hukum kedua terdakwa, Hendra Gunawan, menilai vonis itu terlalu berat.",
        {("Hendra Gunawan", "kuasa hukum", "Legal Counsel", None, None)},
    ),
    (  # the parent body of the NER between commas, then rank and name
        "Kepala Subdirektorat II Direktorat Reserse Narkoba, Polda Riau, AKBP Yusuf Hamdani, "
        "mengatakan barang bukti dimusnahkan.",
        {("Yusuf Hamdani", "Kepala", "Head", "Subdirektorat II Direktorat Reserse Narkoba",
          "Polda Riau")},
    ),
    (  # an English name ending in its head is the organisation, not the title's portfolio
        "Ketua Indonesia Cyber Security Research Center (ICSRC), Anton Wijaya, menilai serangan "
        "itu terencana.",
        {("Anton Wijaya", "Ketua", "Chair", "Indonesia Cyber Security Research Center", None)},
    ),
    (  # "setempat" (local) is no part of the title
        "Kepala desa setempat, Asep Supriatna, mengatakan warga sudah mengungsi.",
        {("Asep Supriatna", "Kepala desa", "Village Head", None, None)},
    ),
    (  # a long title clause (17 tokens) before the apposed name
        "Petugas Pos Pengamatan Gunung Api Semeru di bawah Pusat Vulkanologi dan Mitigasi Bencana "
        "Geologi (PVMBG), Mukdas Sofian, mengatakan guguran lava terjadi dua kali.",
        {("Mukdas Sofian", "Petugas", "Officer", "Pos Pengamatan Gunung Api Semeru",
          "Pusat Vulkanologi dan Mitigasi Bencana Geologi")},
    ),
    (  # a job in a relative clause ("yang sehari-hari bekerja sebagai")
        "Salah satu warga, Rahmat Hidayat, yang sehari-hari bekerja sebagai nelayan, mengaku "
        "melihat kapal itu.",
        {("Rahmat Hidayat", "nelayan", "Fisherman", None, None)},
    ),
    (  # a second, lower-case title after "yang juga"
        "Dosen Universitas Gadjah Mada, Sri Wahyuni, yang juga pembina Yayasan Lestari, "
        "menyoroti hal itu.",
        {
            ("Sri Wahyuni", "Dosen", "Lecturer", "Universitas Gadjah Mada", None),
            ("Sri Wahyuni", "pembina", "Adviser", "Yayasan Lestari", None),
        },
    ),
    (  # no listed province after a governor's title: the word opens the name
        "Bupati Demak didampingi Wakil Gubernur Sakti Wahyu Trenggono meninjau tanggul.",
        {("Sakti Wahyu Trenggono", "Wakil Gubernur", "Vice Governor", None, None)},
    ),
    (  # a title, then "bernama" and the name
        "Dalam kecelakaan itu, sopir angkot bernama Joko Susilo (41) mengalami luka ringan.",
        {("Joko Susilo", "sopir angkot", "Driver", None, None)},
    ),
    (  # an acronym ends the organisation: the words after it are a name the NER missed
        "Hujan lebat diperkirakan turun hingga Jumat, kata Kepala Pusat Meteorologi Maritim BMKG "
        "Andri Ramdhani.",
        {("Andri Ramdhani", "Kepala", "Head", "Pusat Meteorologi Maritim BMKG", None)},
    ),
    (  # a degree between commas is neither name nor title (degrees.txt)
        "Menurut dr. Siti Rahma, Sp.PD, dokter spesialis penyakit dalam di RSUD Cibinong, pasien "
        "itu sudah pulih.",
        {("Siti Rahma", "dokter spesialis penyakit dalam", "Internist", "RSUD Cibinong", None)},
    ),
    (  # after a minister's portfolio the free words open the name
        "Wakil Menteri Pendidikan Dasar dan Menengah Fajar Riza Ul Haq meninjau sekolah itu.",
        {("Fajar Riza Ul Haq", "Wakil Menteri Pendidikan Dasar dan Menengah",
          "Deputy Primary and Secondary Education Minister", None, None)},
    ),
    (  # a title right after a passive verb, then the apposed name
        "Hal itu disampaikan juru bicara Kementerian Luar Negeri, Rolliansyah Soemirat, di "
        "Jakarta.",
        {("Rolliansyah Soemirat", "juru bicara", "Spokesperson", "Kementerian Luar Negeri",
          None)},
    ),
    (  # an organisation link between commas before a PERSON is no name but the parent
        "Di pihak Malaysia, Kepala Depot Tahanan Imigresen Tawau, Jabatan Imigresen Malaysia "
        "Negeri Sabah, Ahmad Rizal Hamzah, menyebut para tahanan sehat.",
        {("Ahmad Rizal Hamzah", "Kepala", "Head", "Depot Tahanan Imigresen Tawau",
          "Jabatan Imigresen Malaysia Negeri Sabah")},
    ),
    (  # an item of an enumeration inside a portfolio is no name
        "Kepala Eksekutif Pengawas Pasar Modal, Keuangan Derivatif, dan Bursa Karbon OJK Inarno "
        "Djajadi mengingatkan investor.",
        {("Inarno Djajadi", "Kepala Eksekutif", "Chief Executive",
          "Pengawas Pasar Modal, Keuangan Derivatif, dan Bursa Karbon OJK", None)},
    ),
    (  # one word between commas after a title clause
        "Menurut pengamat ekonomi dari Universitas Airlangga, Rudiyanto, harga beras akan "
        "stabil.",
        {("Rudiyanto", "pengamat ekonomi", "Observer", "Universitas Airlangga", None)},
    ),
    (  # a code ends the organisation before a name the NER may miss
        "Pelatih Timnas Indonesia U-20 Indra Sjafri memanggil 30 pemain untuk pemusatan "
        "latihan.",
        {("Indra Sjafri", "Pelatih", "Coach", "Timnas Indonesia U-20", None)},
    ),
    (  # a second role in "yang juga bertindak sebagai" (relative_markers.txt)
        "Ketua Pengadilan Negeri Medan, Sutarjo, yang juga bertindak sebagai ketua majelis "
        "hakim, membacakan putusan itu.",
        {
            ("Sutarjo", "Ketua", "Chair", "Pengadilan Negeri Medan", None),
            ("Sutarjo", "ketua majelis hakim", "Presiding Judge", None, None),
        },
    ),
    (  # a name the NER missed, then a lower-case title and a relative clause
        "Razman Arif Nasution, pengacara yang mendampingi keluarga korban, menilai penyidik "
        "lamban.",
        {("Razman Arif Nasution", "pengacara", "Lawyer", None, None)},
    ),
    (  # a place preposition after the field closes the title phrase
        "Sementara itu, Budi Santoso, pedagang sayur di pasar itu, mengeluh.",
        {("Budi Santoso", "pedagang sayur", "Trader", None, None)},
    ),
    (
        "Kasat Resnarkoba Polres Binjai, AKP Firdaus Lubis, mengatakan pelaku ditangkap.",
        {("Firdaus Lubis", "Kasat Resnarkoba", "Head of the Narcotics Unit", "Polres Binjai",
          None)},
    ),
    (
        "Atase Kepolisian KBRI Kuala Lumpur, Kombes Pol Yoyon Tony Surya Putra, mengonfirmasi "
        "hal itu.",
        {("Yoyon Tony Surya Putra", "Atase Kepolisian", "Police Attaché", "KBRI Kuala Lumpur",
          None)},
    ),
    (  # a compass word continues an unlisted place (place_directions.txt)
        "Camat Amanuban Selatan Yosef Nenabu meresmikan jembatan itu.",
        {("Yosef Nenabu", "Camat", "Sub-district Head", "Amanuban Selatan", None)},
    ),
    (  # a field, then an acronym naming the body
        "Koordinator relawan ACT Garut, Dedi Mulyana, mengatakan bantuan sudah disalurkan.",
        {("Dedi Mulyana", "Koordinator relawan", "Coordinator", "ACT Garut", None)},
    ),
    (  # a listed regency, then a one-word name
        "Bupati Pati Sudewo menjenguk para siswa di rumah sakit.",
        {("Sudewo", "Bupati", "Regent", "Pati", None)},
    ),
    (  # a listed place with a compass word is no name (this gave the person "Kolaka Barat")
        "Bupati Kolaka Barat nonaktif Abdul Azis hadir di persidangan.",
        {("Abdul Azis", "Bupati", "Regent", None, None)},
    ),
    (  # a national police body heads the organisation after a portfolio (unit_heads.txt)
        "Brigjen Pol Nunung Syaifuddin, Direktur Tindak Pidana Umum Bareskrim Polri, memastikan "
        "penyidikan transparan.",
        {("Nunung Syaifuddin", "Direktur Tindak Pidana Umum", "Director", "Bareskrim Polri",
          None)},
    ),
    (  # capitalised words that run on past a would-be name are a portfolio, not a person
        "Wakil Ketua KPK Fitroh Rohcahyanto, yang pernah menjabat Direktur Tata Usaha Negara di "
        "Kejaksaan Agung, enggan berkomentar.",
        {
            ("Fitroh Rohcahyanto", "Wakil Ketua", "Vice Chair", "KPK", None),
            ("Fitroh Rohcahyanto", "Direktur Tata Usaha Negara", "Director", "Kejaksaan Agung",
             None),
        },
    ),
    (  # the long form of "Kasat Reskrim" is one title too
        "Kepala Satuan Reserse Kriminal Polres Bantul AKP Sugeng Rahardjo merilis penangkapan "
        "itu.",
        {("Sugeng Rahardjo", "Kepala Satuan Reserse Kriminal",
          "Head of the Criminal Investigation Unit", "Polres Bantul", None)},
    ),
    (  # Malay "Jabatan" (department) heads a body in news about Malaysia
        "Direktur Jenderal Jabatan Imigresen Malaysia Datuk Zakaria Shaaban mengatakan hal itu.",
        {("Zakaria Shaaban", "Direktur Jenderal", "Director General",
          "Jabatan Imigresen Malaysia", None)},
    ),
    (  # a rank after "title + organisation" is no name (this gave the person "Marsekal Madya")
        "Mantan Kepala Basarnas Marsekal Madya (Purn) Bagus Puruhito kembali diperiksa sebagai "
        "saksi.",
        {("Bagus Puruhito", "Mantan Kepala", "Former Head", "Basarnas", None)},
    ),
    (  # Malay "Pemangku" (acting) in news about Malaysia
        "Pemangku Presiden Persatuan Sepak Bola Malaysia (FAM) Datuk Yusoff Mahadi turut hadir.",
        {("Yusoff Mahadi", "Pemangku Presiden", "Acting President",
          "Persatuan Sepak Bola Malaysia", None)},
    ),
]

ROLES_EN = [
    (
        "Chinese Foreign Minister Wang Yi arrived in Jakarta on Tuesday.",
        {("Wang Yi", "Foreign Minister", "Foreign Minister", None, None)},
    ),
    (
        "Defence Counsel Sheikh Noordin Sheikh Mohammad asked the court for an adjournment.",
        {("Sheikh Noordin Sheikh Mohammad", "Defence Counsel", "Defence Counsel", None, None)},
    ),
    (
        "Nguyen Van Thanh, deputy director of the Cyber Security Department, said the attacks "
        "had doubled.",
        {
            (
                "Nguyen Van Thanh",
                "deputy director",
                "Deputy Director",
                "Cyber Security Department",
                None,
            )
        },
    ),
    (
        "Senior Colonel Tran Van Minh, director of the Cyber Security Department of the Ministry "
        "of Public Security, spoke at the event.",
        {
            (
                "Tran Van Minh",
                "director",
                "Director",
                "Cyber Security Department",
                "Ministry of Public Security",
            )
        },
    ),
    (
        "Ms Gaelle Demolis (Programme Specialist, UN Women Regional Office for Asia and the "
        "Pacific) opened the session.",
        {
            (
                "Gaelle Demolis",
                "Programme Specialist",
                "Program Specialist",
                "UN Women Regional Office for Asia and the Pacific",
                None,
            )
        },
    ),
    (
        "Tan Sri Muhyiddin Yassin, who is also president of Parti Pribumi Bersatu Malaysia, "
        "denied the charges.",
        {("Muhyiddin Yassin", "president", "President", "Parti Pribumi Bersatu Malaysia", None)},
    ),
    (
        "Major General Ngo Thi Hoa, deputy director of the Department of Party Work and "
        "Politics, and chairwoman of the Public Security Women's Committee, addressed the "
        "delegates.",
        {
            (
                "Ngo Thi Hoa",
                "deputy director",
                "Deputy Director",
                "Department of Party Work and Politics",
                None,
            ),
            ("Ngo Thi Hoa", "chairwoman", "Chair", "Public Security Women's Committee", None),
        },
    ),
    (
        "UN Secretary-General Antonio Guterres called for an immediate ceasefire.",
        {("Antonio Guterres", "Secretary-General", "Secretary-General", "UN", None)},
    ),
    (
        "Mr Lawrence Wong, chairman of the People's Action Party, thanked voters.",
        {("Lawrence Wong", "chairman", "Chair", "People's Action Party", None)},
    ),
    (
        "Datuk Seri Fadillah Yusof, the Deputy Prime Minister, visited flood victims in Sarawak.",
        {("Fadillah Yusof", "Deputy Prime Minister", "Deputy Prime Minister", None, None)},
    ),
    (
        "Prime Minister Anwar Ibrahim said the budget would focus on healthcare.",
        {("Anwar Ibrahim", "Prime Minister", "Prime Minister", None, None)},
    ),
    (
        "Sarah Lim, a senior economist at DBS Bank, expects rates to stay on hold.",
        {("Sarah Lim", "senior economist", "Senior Economist", "DBS Bank", None)},
    ),
    (  # a portfolio after "for" that is no organisation stays in the title
        "Mr Gan Kim Yong, Minister for Trade and Industry, announced the new grants.",
        {("Gan Kim Yong", "Minister for Trade and Industry", "Minister", None, None)},
    ),
    (
        "Kim Soo-hyun, a spokeswoman for the Ministry of Unification, declined to comment.",
        {("Kim Soo-hyun", "spokeswoman", "Spokesperson", "Ministry of Unification", None)},
    ),
    (  # a possessive owner before a lower-case title; a country is no organisation
        "Ahmad Zahid Hamidi, Malaysia's deputy prime minister, visited the site.",
        {("Ahmad Zahid Hamidi", "deputy prime minister", "Deputy Prime Minister", None, None)},
    ),
    (  # an organisation before the title in an apposition
        "General Maruli Simanjuntak, the Indonesian Army chief of staff, inspected the troops.",
        {("Maruli Simanjuntak", "chief of staff", "Chief of Staff", "Indonesian Army", None)},
    ),
    (  # qualifiers before a lower-case pre-modifier title
        "The team was praised by badminton coach Herry Iman Pierngadi.",
        {("Herry Iman Pierngadi", "badminton coach", "Coach", None, None)},
    ),
    (  # a capitalised word opening the sentence is no qualifier: "Alibaba" is the company
        "Alibaba chairman Joe Tsai said the company would invest in Malaysia.",
        {("Joe Tsai", "chairman", "Chair", None, None)},
    ),
    (  # a lower-case title after a verb: the verb is no qualifier
        "Shares rose after chief executive Tony Fernandes announced the merger.",
        {("Tony Fernandes", "chief executive", "Chief Executive", None, None)},
    ),
    (  # determiner, title, organisation, comma, name
        "A spokeswoman for AirAsia, Ms Lina Tan, confirmed the delay.",
        {("Lina Tan", "spokeswoman", "Spokesperson", "AirAsia", None)},
    ),
    (  # a portfolio that enumerates
        "Mr Chee Hong Tat, Minister for Transport, Culture and Heritage, spoke at the event.",
        {("Chee Hong Tat", "Minister for Transport, Culture and Heritage", "Minister", None, None)},
    ),
    (  # a portfolio ends where a known family name or an initial opens the name
        "Vietnam's Deputy Minister of Health Tran Van Thuan said hospitals were ready.",
        {("Tran Van Thuan", "Deputy Minister of Health", "Deputy Minister", None, None)},
    ),
    (
        "Singapore's Minister for Home Affairs K. Shanmugam said the law would be reviewed.",
        {("K. Shanmugam", "Minister for Home Affairs", "Minister", None, None)},
    ),
    (  # capitalised modifiers before the title belong to it where modifiers come first
        "The ministry will hire 5,000 teachers, Education Secretary Ramon Cruz said on Monday.",
        {("Ramon Cruz", "Education Secretary", "Secretary", None, None)},
    ),
    (  # a possessive determiner before the title, comma, name
        "Her lawyer, Ravi Kumar, said she would appeal.",
        {("Ravi Kumar", "lawyer", "Lawyer", None, None)},
    ),
    (  # an unnamed body (body_nouns.txt) still makes a lower-case title a role
        "Tan Boon Huat, a director of a logistics firm, said sales fell.",
        {("Tan Boon Huat", "director", "Director", None, None)},
    ),
    (  # an abbreviated police rank is no part of the name
        "In Kuala Krai, district police chief Supt Azlan Mohd Noor said a man was missing.",
        {("Azlan Mohd Noor", "chief", "Chief", "district police", None)},
    ),
    (  # a name suffix keeps its period
        "President Ferdinand Marcos Jr. signed the bill on Friday.",
        {("Ferdinand Marcos Jr.", "President", "President", None, None)},
    ),
    (  # a listed family name the NER put at the end of the portfolio opens the name
        "Deputy Minister of Foreign Affairs Nguyen Minh Hang met the delegation.",
        {("Nguyen Minh Hang", "Deputy Minister of Foreign Affairs", "Deputy Foreign Minister",
          None, None)},
    ),
    (  # a portfolio written before "Minister" is the role's, even if the NER calls it ORG
        "Budi Arie Setiadi, the Cooperatives Minister, said loans would rise.",
        {("Budi Arie Setiadi", "Cooperatives Minister", "Minister", None, None)},
    ),
    (
        "Public Works Secretary Manuel Bonoan told senators the projects were delayed.",
        {("Manuel Bonoan", "Public Works Secretary", "Secretary", None, None)},
    ),
    (  # a hyphenated qualifier
        "Mr Wong Kah Wai, 38, a private-hire driver, said his earnings had dropped.",
        {("Wong Kah Wai", "private-hire driver", "Driver", None, None)},
    ),
    (  # possessive determiner, qualifier, title, comma, name
        "His defence lawyer, Ronald Wong, asked for leniency.",
        {("Ronald Wong", "defence lawyer", "Defence Lawyer", None, None)},
    ),
    ("Her neighbour, Lim Mei, said the family had moved out in May.", set()),
    # no title: no role
    ("Tan Mei Ling, a family member, said the victim was kind.", set()),
    ("Maria Santos said she had waited for three hours at the clinic.", set()),
    ("Emily Tan, who runs a bakery in Penang, said sales had fallen by half.", set()),
    ("Lieutenant Colonel Trieu Manh Tung said the workshop was timely.", set()),
    ("The report was written by Ahmad Fauzi and edited by Lee Mei Ling.", set()),
    ("Lim Boon Heng, a member of the public, said he heard two shots.", set()),
    ("Nurul Huda, head of the family, said the house had been flooded twice.", set()),
    (  # a body word before a lower-case title is its organisation
        "Selangor police chief Hussein Omar Khan said two men were detained.",
        {("Hussein Omar Khan", "chief", "Chief", "Selangor police", None)},
    ),
    (  # … also in an apposition
        "Nguyen Van Long, the provincial police chief, said the road was closed.",
        {("Nguyen Van Long", "chief", "Chief", "provincial police", None)},
    ),
    (  # an organisation head before a capitalised title
        "Senate President Juan Miguel Zubiri opened the session on Monday.",
        {("Juan Miguel Zubiri", "President", "President", "Senate", None)},
    ),
    (  # a listed family name opens the name the NER cut after a portfolio
        "Minister for Trade and Industry Gan Kim Yong said exports would rise.",
        {("Gan Kim Yong", "Minister for Trade and Industry", "Minister", None, None)},
    ),
    (  # a lower-case field after "of" belongs to the title (field_connectors.txt)
        "Tan Mei Ling, DBS head of research, said rates would fall.",
        {("Tan Mei Ling", "head of research", "Head", "DBS", None)},
    ),
    (  # a lower-case noun phrase after a determiner closes the clause before the name
        "Police said the van driver, Ravi Chandran, 45, was arrested.",
        {("Ravi Chandran", "van driver", "Driver", None, None)},
    ),
    (  # a lower-case possessive owner is no organisation of its own
        "Major General Aung Kyaw, the army's spokesman, denied the report.",
        {("Aung Kyaw", "spokesman", "Spokesperson", None, None)},
    ),
    (  # a portfolio enumerated with commas before "Minister"
        "Nik Nazmi Nik Ahmad, the Natural Resources, Environment and Climate Change Minister, "
        "said the haze would ease.",
        {
            (
                "Nik Nazmi Nik Ahmad",
                "Natural Resources, Environment and Climate Change Minister",
                "Minister",
                None,
                None,
            )
        },
    ),
    (  # an abbreviated given name keeps its period (name_abbreviations.txt)
        "Colonel Ma. Luisa Reyes, spokesperson of the Philippine Army, said troops were deployed.",
        {("Ma. Luisa Reyes", "spokesperson", "Spokesperson", "Philippine Army", None)},
    ),
    (  # "Title of the body Name": a Vietnamese name the NER glued after the head
        "Chairwoman of the National Assembly Nguyen Thi Kim Ngan opened the session.",
        {("Nguyen Thi Kim Ngan", "Chairwoman", "Chair", "National Assembly", None)},
    ),
    (  # a second title after "and", with its owner before it
        "Tan Sri Annuar Musa, the former minister and Umno Kelantan chairman, said the party was "
        "ready.",
        {
            ("Annuar Musa", "former minister", "Former Minister", None, None),
            ("Annuar Musa", "chairman", "Chair", "Umno Kelantan", None),
        },
    ),
    (  # a lower-case title serving a lower-case party is still the title
        "A spokesman for the victims, Mohd Rizal Hassan, said they would sue.",
        {("Mohd Rizal Hassan", "spokesman", "Spokesperson", None, None)},
    ),
    (  # a parenthesised note between the name and its apposition; a spelling variant
        "Datuk Seri Saarani Mohamad (pic), the Perak Mentri Besar, said the state would act.",
        {("Saarani Mohamad", "Mentri Besar", "Chief Minister", "Perak", None)},
    ),
    (
        "Assistant Ombudsman Marilou Tan said investigators had frozen the accounts.",
        {("Marilou Tan", "Assistant Ombudsman", "Assistant Ombudsman", None, None)},
    ),
    (  # an organisation head and a connector: the words name the body, not the title
        "Department of Education Secretary Sonny Angara said classes had been suspended.",
        {("Sonny Angara", "Secretary", "Secretary", "Department of Education", None)},
    ),
    (  # a four-word lower-case title after its owner
        "Petronas group chief executive officer Tengku Muhammad Taufik said the company would "
        "cut jobs.",
        {("Tengku Muhammad Taufik", "group chief executive officer",
          "Group Chief Executive Officer", "Petronas", None)},
    ),
    (  # "and" after a title starts a second title in English, here with its portfolio before it
        "Ahmad Zahid Hamidi, the Deputy Prime Minister and Rural and Regional Development "
        "Minister, opened a new flood relief centre.",
        {
            ("Ahmad Zahid Hamidi", "Deputy Prime Minister", "Deputy Prime Minister", None, None),
            ("Ahmad Zahid Hamidi", "Rural and Regional Development Minister", "Minister", None,
             None),
        },
    ),
    (
        "Ronaldo Alonzo, a barangay captain in Tagum City, was shot dead.",
        {("Ronaldo Alonzo", "barangay captain", "Barangay Captain", None, None)},
    ),
    (  # "then" before an apposed role
        "He is accused of offering RM200,000 to Mohd Nazri Abdullah, then an assistant "
        "administrative officer at the Hulu Langat District and Land Office, as an inducement.",
        {("Mohd Nazri Abdullah", "assistant administrative officer",
          "Assistant Administrative Officer", "Hulu Langat District and Land Office", None)},
    ),
    (  # a title word opening a known organisation ("Premier League") is no title
        "Singapore Premier League champions Lion City Sailors have appointed Spaniard Jordi "
        "Ferran Masip as their new head coach.",
        set(),
    ),
    (  # a portfolio joined by "and", then a Khmer name (name_starts.txt)
        "Minister of Mines and Energy Keo Rottanak said the plant would open in 2027.",
        {("Keo Rottanak", "Minister of Mines and Energy", "Minister", None, None)},
    ),
    (
        "Health Sciences Authority deputy group director Chong Siew Lan said the pills were "
        "fake.",
        {("Chong Siew Lan", "deputy group director", "Deputy Group Director", None, None)},
    ),
    (
        "Fisherman Zaw Min Oo, 37, and deckhand Than Htike, 25, said they had not been paid.",
        {
            ("Zaw Min Oo", "Fisherman", "Fisherman", None, None),
            ("Than Htike", "deckhand", "Deckhand", None, None),
        },
    ),
    (  # a numbered title; the numeral is no part of the name
        "Finance Minister II Datuk Seri Amir Hamzah Azizan told the Dewan Rakyat on Wednesday.",
        {("Amir Hamzah Azizan", "Finance Minister II", "Finance Minister II", None, None)},
    ),
    ("As Deputy Minister I will not resign, Tan said.", set()),  # "I", the pronoun
    (  # one word after a lower-case title, next to a cue; the acronym left out
        "Meteorology Agency (BMKG) head Dwikorita said the rains would last a week.",
        {("Dwikorita", "head", "Head", "Meteorology Agency", None)},
    ),
    (  # a modifier, then a portfolio written before its title
        "Malaysia's Deputy Agriculture and Food Security Minister Arthur Joseph Kurup said rice "
        "stocks were sufficient.",
        {("Arthur Joseph Kurup", "Deputy Agriculture and Food Security Minister",
          "Deputy Minister", None, None)},
    ),
    (  # a lower-case title with its field ("of operations") before the name
        "Penang Fire and Rescue Department assistant director of operations John Sagun said 40 "
        "firefighters were deployed.",
        {("John Sagun", "assistant director of operations", "Assistant Director",
          "Penang Fire and Rescue Department", None)},
    ),
    (  # a participle opens a reduced relative clause after the title (participle_suffixes)
        "Rajan Pillai, a lawyer representing the family, said the inquest should be reopened.",
        {("Rajan Pillai", "lawyer", "Lawyer", None, None)},
    ),
    (  # whom the title serves, at the end of the sentence
        '"We are still waiting," said Atty. Ramon Cruz, a lawyer for the family.',
        {("Ramon Cruz", "lawyer", "Lawyer", None, None)},
    ),
    (  # an age after a determiner inside the clause before the name
        "The body of a 45-year-old farmer, Nguyen Van Hung, was found near the river.",
        {("Nguyen Van Hung", "farmer", "Farmer", None, None)},
    ),
    (
        "Pol Lt Gen Surachate Hakparn, deputy commissioner-general of the Royal Thai Police, "
        "said the case was closed.",
        {("Surachate Hakparn", "deputy commissioner-general", "Deputy Commissioner-General",
          "Royal Thai Police", None)},
    ),
    (  # a degree between commas (degrees.txt)
        "Tan Wei Ming, PhD, a virologist at the National University of Singapore, said the "
        "strain was mild.",
        {("Tan Wei Ming", "virologist", "Virologist", "National University of Singapore", None)},
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), ROLES_ID)
def test_roles_id(sentence: str, expected: set[tuple]) -> None:
    _, _, people, roles, _ = run("id", [sentence])
    assert role_rows(people, roles) == expected


@pytest.mark.parametrize(("sentence", "expected"), ROLES_EN)
def test_roles_en(sentence: str, expected: set[tuple]) -> None:
    _, _, people, roles, _ = run("en", [sentence])
    assert role_rows(people, roles) == expected


# (lang, sentence, name, honorific, rank, rank_en)
TITLES = [
    (  # a navy rank with its corps; the NER's "Laut" is no name
        "id",
        "Komandan Pangkalan TNI AL Bitung, Kolonel Laut (P) Heri Prasetyo, mengatakan patroli "
        "ditingkatkan.",
        "Heri Prasetyo",
        None,
        "Kolonel Laut (P)",
        "Colonel",
    ),
    (
        "id",
        "Letnan Kolonel Trieu Manh Tung membuka acara itu.",
        "Trieu Manh Tung",
        None,
        "Letnan Kolonel",
        "Lieutenant Colonel",
    ),
    (
        "id",
        "Mayor Jenderal Ngo Hoai Thu hadir di sana.",
        "Ngo Hoai Thu",
        None,
        "Mayor Jenderal",
        "Major General",
    ),
    (
        "id",
        "Ibu Gaelle Demolis berbicara di lokakarya tersebut.",
        "Gaelle Demolis",
        "Ibu",
        None,
        None,
    ),
    (
        "id",
        "Komisaris Besar Ade Ary Syam Indradi menjelaskan kronologi kejadian.",
        "Ade Ary Syam Indradi",
        None,
        "Komisaris Besar",
        "Police Senior Commissioner",
    ),
    ("id", "Pak Slamet Riyadi menyumbangkan tanahnya.", "Slamet Riyadi", "Pak", None, None),
    (
        "id",
        "Letjen TNI Suharyanto tiba di lokasi pada sore hari.",
        "Suharyanto",
        None,
        "Letjen TNI",
        "Lieutenant General",
    ),
    (
        "en",
        "Lieutenant Colonel Trieu Manh Tung opened the event.",
        "Trieu Manh Tung",
        None,
        "Lieutenant Colonel",
        "Lieutenant Colonel",
    ),
    (
        "en",
        "Tan Sri Muhyiddin Yassin denied the charges.",
        "Muhyiddin Yassin",
        "Tan Sri",
        None,
        None,
    ),
    (
        "en",
        "Major General Ngo Thi Hoa addressed the delegates.",
        "Ngo Thi Hoa",
        None,
        "Major General",
        "Major General",
    ),
    (
        "en",
        "Dr Tedros Adhanom Ghebreyesus warned of a new wave.",
        "Tedros Adhanom Ghebreyesus",
        "Dr",
        None,
        None,
    ),
    (
        "en",
        "Associate Professor Lim Wee Kiat said the study was small.",
        "Lim Wee Kiat",
        "Associate Professor",
        None,
        None,
    ),
    (
        "en",
        "Police said Assistant Commissioner of Police Maria Santos would lead the probe.",
        "Maria Santos",
        None,
        "Assistant Commissioner of Police",
        "Assistant Commissioner of Police",
    ),
]


@pytest.mark.parametrize(("lang", "sentence", "name", "honorific", "rank", "rank_en"), TITLES)
def test_honorific_and_rank(
    lang: str,
    sentence: str,
    name: str,
    honorific: str | None,
    rank: str | None,
    rank_en: str | None,
) -> None:
    _, _, people, _, _ = run(lang, [sentence])
    assert [(p.name, p.honorific, p.rank, p.rank_en) for p in people] == [
        (name, honorific, rank, rank_en)
    ]


@pytest.mark.parametrize(
    ("lang", "paragraphs", "expected"),
    [
        (
            "id",
            [
                "Letnan Kolonel Trieu Manh Tung, Wakil Direktur Departemen Keamanan Siber, "
                "membuka acara.",
                "Ibu Gaelle Demolis juga hadir.",
                '"Kami siap," kata Trieu Manh Tung.',
                "Tung menambahkan bahwa Demolis akan memimpin sesi berikutnya.",
            ],
            [("Trieu Manh Tung", 3, 0), ("Gaelle Demolis", 2, 1)],
        ),
        (
            "en",
            [
                "Chinese Foreign Minister Wang Yi met Ms Retno Marsudi in Jakarta.",
                "Wang said the talks were useful, and Marsudi agreed.",
                "Later, Wang Yi flew to Singapore.",
            ],
            [("Wang Yi", 3, 0), ("Retno Marsudi", 2, 0)],
        ),
    ],
)
def test_people_are_merged_within_an_article(
    lang: str, paragraphs: list[str], expected: list[tuple]
) -> None:
    _, _, people, _, _ = run(lang, paragraphs)
    assert [(p.name, p.n_mentions, p.first_block_id) for p in people] == expected
    assert [p.person_id for p in people] == list(range(len(people)))


def test_a_sentence_opener_alone_is_not_a_person() -> None:
    """A one-word capitalised sentence opener the NER may take for a name is not reported."""
    paragraphs = [
        "Menyoroti tujuan acara tersebut, Letnan Kolonel Trieu Manh Tung membuka lokakarya.",
        "Menyoroti hal itu, para peserta sepakat.",
    ]
    _, _, people, _, _ = run("id", paragraphs)
    assert [p.name for p in people] == ["Trieu Manh Tung"]


def test_a_word_also_written_in_lower_case_is_not_a_person() -> None:
    """A one-word untitled "name" the article also writes in lower case is a common noun."""
    _, _, people, _, _ = run(
        "id",
        [
            "Oleh karena itu, Lokakarya ini dihadiri Letnan Kolonel Trieu Manh Tung.",
            "Para peserta menghadiri lokakarya itu.",
        ],
    )
    assert [p.name for p in people] == ["Trieu Manh Tung"]


def test_role_evidence_offsets_point_into_the_block() -> None:
    sentence = "Andi Pratama, Ketua Asosiasi Pengusaha Muda, menyambut baik kebijakan tersebut."
    blocks, _, _, roles, _ = run("id", [sentence])
    (role,) = roles
    evidence = blocks[role.block_id].text[role.start : role.end]
    assert evidence == "Ketua Asosiasi Pengusaha Muda"


def test_the_same_role_twice_is_one_row() -> None:
    text = "Ibu Sri Wahyuni, Ketua Persatuan Perawat Nasional Indonesia, hadir."
    _, _, people, roles, _ = run("id", [text, text])
    assert len(people) == 1 and people[0].n_mentions == 2
    assert len(roles) == 1 and roles[0].block_id == 0


@pytest.mark.parametrize(
    ("lang", "paragraphs", "name", "alias"),
    [
        (
            "id",
            [
                "Mantan Gubernur DKI Jakarta Basuki Tjahaja Purnama (Ahok) hadir di sidang itu.",
                '"Saya menghormati putusan hakim," kata Ahok.',
            ],
            "Basuki Tjahaja Purnama",
            "Ahok",
        ),
        (
            "en",
            [
                "Former president Joseph Estrada (Erap) flew to Manila on Tuesday.",
                '"I will face them," Erap said.',
            ],
            "Joseph Estrada",
            "Erap",
        ),
    ],
)
def test_a_parenthesised_alias_is_the_same_person(
    lang: str, paragraphs: list[str], name: str, alias: str
) -> None:
    _, _, people, _, quotes = run(lang, paragraphs)
    assert [(p.name, p.aliases) for p in people] == [(name, (alias,))]
    assert [q.speaker_person_id for q in quotes] == [people[0].person_id]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("didampingi kuasa hukumnya,", ["didampingi", "kuasa", "hukum", "nya", ","]),
        ("bersama Sonya dan istrinya", ["bersama", "Sonya", "dan", "istrinya"]),  # no title
        ("Kuasa Hukumnya", ["Kuasa", "Hukumnya"]),  # capitalised: perhaps a name
    ],
)
def test_a_clitic_is_split_off_lower_case_titles_only(text: str, words: list[str]) -> None:
    lex = people_stage.people_lexicon("id")
    toks = people_stage.split_title_clitics(people_stage.tokenize(text), lex)
    assert [t.text for t in toks] == words
    assert all(text[t.start : t.end] == t.text for t in toks)


@pytest.mark.parametrize(
    ("lang", "sentence", "names"),
    [
        # a name introducer makes a person of what the NER missed or called a place
        ("id", "Seorang petani bernama Sutrisno Wibowo melaporkan kehilangan sapi.",
         ["Sutrisno Wibowo"]),
        ("en", "Police in Cebu arrested a suspect identified as Ramon Dizon on Monday.",
         ["Ramon Dizon"]),
        # an honorific that addresses a title names no one
        ("id", "Ia juga bertemu Bapak Wakil Presiden di Istana.", []),
        # capitalised words between a title and a demonstrative are the title's
        ("id", "Mantan Menteri Kelautan dan Perikanan itu hadir sebagai saksi.", []),
        # a page counter is no age
        ("id", "Komentar (0)", []),
        # initials after an introducer are the name given (this once gave an empty name)
        ("id", "Polisi menangkap tersangka berinisial RS (29) di Tebet.", ["RS"]),
        # a listed place after a title's acronym is no one-word name (this gave "Jakarta")
        ("id", "Kepala BNPB Jakarta mengatakan hal itu.", []),
        ("id", "Kepala BMKG Daryono mengatakan hal itu.", ["Daryono"]),
    ],
)
def test_who_is_a_person(lang: str, sentence: str, names: list[str]) -> None:
    _, _, people, _, _ = run(lang, [sentence])
    assert [p.name for p in people] == names


def test_example_article() -> None:
    paragraphs = [p for p in EXAMPLE.read_text(encoding="utf-8").splitlines() if p.strip()]
    _, _, people, roles, _ = run("id", paragraphs)
    assert [(p.name, p.honorific, p.rank, p.rank_en) for p in people] == [
        ("Gaelle Demolis", "Ibu", None, None),
        ("Trieu Manh Tung", None, "Letnan Kolonel", "Lieutenant Colonel"),
        ("Ngo Hoai Thu", None, "Mayor Jenderal", "Major General"),
    ]
    assert role_rows(people, roles) == {
        (
            "Gaelle Demolis",
            "Spesialis Program dan Kebijakan untuk Tata Kelola, Perdamaian dan Keamanan",
            "Program Specialist",
            "Kantor Regional UN Women untuk Asia dan Pasifik",
            None,
        ),
        (
            "Trieu Manh Tung",
            "Wakil Direktur",
            "Deputy Director",
            "Departemen Keamanan Siber dan Pencegahan Kejahatan Teknologi Tinggi",
            "Kementerian Keamanan Publik",
        ),
        (
            "Ngo Hoai Thu",
            "Wakil Direktur",
            "Deputy Director",
            "Departemen Kerja Partai dan Politik Kementerian Keamanan Publik",
            None,
        ),
        ("Ngo Hoai Thu", "Ketua", "Chair", "Komite Perempuan Keamanan Publik Rakyat", None),
    }


def _clear_lexicon_caches() -> None:
    """The lexicon readers cache per language; a test that swaps the data folder resets them."""
    for cached in (lang_data.lexicon, lang_data.mapping, lang_data.config,
                   people_stage.people_lexicon):
        cached.cache_clear()


def test_unknown_title_rendering_is_empty_not_guessed(tmp_path: Path, monkeypatch) -> None:
    """A title whose lexicon line has no English gets an empty role_en (here a copy of the
    Indonesian data as language "xx" with one such line)."""
    shutil.copytree(lang_data.LANG_DIR / "id", tmp_path / "xx")
    with open(tmp_path / "xx" / "roles.tsv", "a", encoding="utf-8") as fh:
        fh.write("Penghulu\t\n")
    monkeypatch.setattr(lang_data, "LANG_DIR", tmp_path)
    _clear_lexicon_caches()
    try:
        import spacy

        text = "Penghulu Ahmad Fauzi, Ketua Kantor Urusan Agama, menikahkan pasangan itu."
        blocks = blocks_of([text])
        docs = [spacy.blank("id")(text)]
        _, roles = people_stage.extract_people(blocks, docs, (), "xx", SETTINGS)
        assert [(r.role, r.role_en) for r in roles] == [("Penghulu", None), ("Ketua", "Chair")]
    finally:
        monkeypatch.undo()
        _clear_lexicon_caches()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_scores_on_the_annotated_sentences(lang: str) -> None:
    """Regression floor on the hand-annotated sets (figures in docs/people-and-quotes.md)."""
    dev = score(lang, str(FIXTURES / f"{lang}.tsv"))
    assert dev["untitled_precision"] >= 0.95
    assert dev["f1"] >= 0.75  # measured 0.93-0.96 (id) and 1.00 (en); it moves with the NER


@pytest.mark.parametrize(
    ("lang", "paragraphs", "expected"),
    [
        ("en", ["District Judge Marvin Goh sentenced the man to five years.",
                '"Money mules keep these syndicates alive," Judge Goh said.'],
         {("Marvin Goh", "District Judge", "Judge", None, None)}),
        ("id", ["Wakil Menteri Industri dan Perdagangan Nguyen Van Khiem membuka acara itu.",
                '"Kita harus berbagi tanggung jawab," tegas Wakil Menteri Nguyen Van Khiem.'],
         {("Nguyen Van Khiem", "Wakil Menteri Industri dan Perdagangan", "Deputy Minister", None,
           None)}),
    ],
)
def test_a_shorter_restatement_of_a_role_is_no_second_role(
    lang: str, paragraphs: list[str], expected: set[tuple]
) -> None:
    _, _, people, roles, _ = run(lang, paragraphs)
    assert role_rows(people, roles) == expected


@pytest.mark.parametrize(
    ("paragraphs", "names"),
    [
        # a headline in title case names no one; the body does
        (["Kepala Desa Sukamaju Diperiksa Jaksa Terkait Dana Desa"], []),
        (["Kepala Desa Sukamaju Diperiksa Jaksa Terkait Dana Desa",
          "Kepala Desa Sukamaju, Ahmad Rusdi, diperiksa jaksa pada Senin."], ["Ahmad Rusdi"]),
        # connectors and prepositions are lower case in title case too
        (["Prabowo Lantik Hendrawan Saputra sebagai Menteri Kelautan dan Perikanan",
          "Presiden Prabowo Subianto melantik Hendrawan Saputra pada Senin."],
         ["Prabowo Subianto", "Hendrawan Saputra"]),
        # a sentence dense with names is no headline: it ends like a sentence
        (["Perdana Menteri Malaysia Anwar Ibrahim bertemu Presiden Prabowo Subianto di Bogor, "
          "Jawa Barat, Senin."],
         ["Anwar Ibrahim", "Prabowo Subianto"]),
    ],
)
def test_headlines_give_no_names(paragraphs: list[str], names: list[str]) -> None:
    _, _, people, _, _ = run("id", paragraphs)
    assert [p.name for p in people] == names


if __name__ == "__main__":
    HOLDOUTS = ("", *(str(n) for n in range(2, 33)))
    for code in ("id", "en"):
        for name in (code, *(f"{code}-holdout{n}" for n in HOLDOUTS)):
            if not (FIXTURES / f"{name}.tsv").exists():
                continue  # round 24 was Indonesian only
            figures = score(code, str(FIXTURES / f"{name}.tsv"))
            print(name, {k: round(v, 3) for k, v in figures.items()})


@pytest.mark.parametrize(
    ("place_in_role", "sentence", "expected"),
    [
        (False, "Gubernur Jawa Barat Dedi Mulyadi meninjau lokasi longsor.",
         [("Gubernur", "Jawa Barat")]),
        (True, "Gubernur Jawa Barat Dedi Mulyadi meninjau lokasi longsor.",
         [("Gubernur Jawa Barat", None)]),
        (True, "Bupati Cianjur Mohammad Wahyu Ferdian mengatakan 340 rumah rusak.",
         [("Bupati Cianjur", None)]),
        # a body is no place: the switch leaves it alone
        (True, "Wakil Direktur Departemen Keamanan Siber Trieu Manh Tung hadir.",
         [("Wakil Direktur", "Departemen Keamanan Siber")]),
    ],
)
def test_place_in_role_is_a_setting(
    place_in_role: bool, sentence: str, expected: list[tuple]
) -> None:
    """The place-in-title convention our annotators split on is the product owner's choice
    ([people] place_in_role in defaults.toml); the default keeps the place as organisation."""
    settings = SETTINGS.with_(people={"place_in_role": place_in_role})
    blocks = blocks_of([sentence])
    docs = annotate([b.text for b in blocks], "id", settings)
    entities = extract_entities(blocks, docs, "id", settings)
    _, roles = extract_people(blocks, docs, entities, "id", settings)
    assert [(r.role, r.organization) for r in roles] == expected


def test_the_default_keeps_the_place_as_organisation() -> None:
    assert load_settings(env={}).people == {"place_in_role": False}
