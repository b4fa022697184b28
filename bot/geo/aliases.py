"""Hand-curated place aliases, prefixes and guard words for the gazetteer.

Everything here is plain data so that it can be reviewed (and extended) by people who know the
places; :mod:`bot.geo.gazetteer` derives the search index from it.
"""

from __future__ import annotations

# alias (normalised, lower case) -> Kemendagri codes it may mean (several codes = ambiguous).
ALIASES: dict[str, tuple[str, ...]] = {
    # Common city nicknames
    "solo": ("33.72",),
    "kota solo": ("33.72",),
    "jogja": ("34.71",),
    "jogjakarta": ("34.71",),
    "yogya": ("34.71",),
    "yogyakarta": ("34.71",),
    "djogja": ("34.71",),
    "yogyakarta kota": ("34.71",),
    "diy": ("34",),
    "tangsel": ("36.74",),
    "jaksel": ("31.74",),
    "jakpus": ("31.71",),
    "jakbar": ("31.73",),
    "jaktim": ("31.75",),
    "jakut": ("31.72",),
    "jakarta selatan": ("31.74",),
    "jakarta pusat": ("31.71",),
    "jakarta barat": ("31.73",),
    "jakarta timur": ("31.75",),
    "jakarta utara": ("31.72",),
    "kepulauan seribu": ("31.01",),
    "pulau seribu": ("31.01",),
    "jakarta": ("31",),
    "dki": ("31",),
    "dki jakarta": ("31",),
    "pagaralam": ("16.72",),
    "pagar alam": ("16.72",),
    "tasik": ("32.06", "32.78"),
    "baubau": ("74.72",),
    "bau-bau": ("74.72",),
    "makasar": ("73.71",),
    "ujung pandang": ("73.71",),
    "palangka raya": ("62.71",),
    "pangkalpinang": ("19.71",),
    "tanjungpinang": ("21.72",),
    "lubuklinggau": ("16.73",),
    "tebingtinggi": ("12.76",),
    "sungaipenuh": ("15.72",),
    "gunung kidul": ("34.03",),
    "kulonprogo": ("34.01",),
    "banjar baru": ("63.72",),
    "bukit tinggi": ("13.75",),
    "pare pare": ("73.72",),
    "pare-pare": ("73.72",),
    "padang sidempuan": ("12.77",),
    "padangsidempuan": ("12.77",),
    "sidempuan": ("12.77",),
    "siantar": ("12.72",),
    "pematang siantar": ("12.72",),
    "tolitoli": ("72.04",),
    "fakfak": ("92.03",),
    "pekan baru": ("14.71",),
    "bandar lampung": ("18.71",),
    "balikpapan": ("64.71",),
    "purwokerto": ("33.02",),
    "cikarang": ("32.16",),
    "cibinong": ("32.01",),
    "labuan bajo": ("53.15",),
    "toraja": ("73.18", "73.26"),
    "banyuwangi": ("35.10",),
    # Province abbreviations
    "jabar": ("32",),
    "jateng": ("33",),
    "jatim": ("35",),
    "ntb": ("52",),
    "ntt": ("53",),
    "sumut": ("12",),
    "sumbar": ("13",),
    "sumsel": ("16",),
    "kalbar": ("61",),
    "kalteng": ("62",),
    "kalsel": ("63",),
    "kaltim": ("64",),
    "kaltara": ("65",),
    "sulut": ("71",),
    "sulteng": ("72",),
    "sulsel": ("73",),
    "sultra": ("74",),
    "sulbar": ("76",),
    "babel": ("19",),
    "kepri": ("21",),
    "malut": ("82",),
    "jogja istimewa": ("34",),
}

# Prefix words (normalised tokens) that announce the kind of region that follows.
KOTA_PREFIXES = ("kota", "kodya", "kotamadya", "pemkot", "walikota", "wali kota", "city of")
KAB_PREFIXES = ("kabupaten", "kab", "kabupatén", "pemkab", "bupati", "regency of")
PROV_PREFIXES = ("provinsi", "propinsi", "prov", "pemprov", "gubernur", "province of")

# Words that announce a place ("di Batu", "ke Malang", "from Palu").
PLACE_CUES = frozenset(
    {
        "di",
        "ke",
        "dari",
        "daerah",
        "wilayah",
        "kawasan",
        "sekitar",
        "asal",
        "in",
        "at",
        "from",
        "near",
        "kota",
        "kabupaten",
        "kab",
        "kodya",
        "provinsi",
        "prov",
        "pemkot",
        "pemkab",
        "warga",
        "tinggal",
        "lokasi",
        "lokasinya",
        "tempat",
        "tempatnya",
    }
)

# Place names that are also ordinary words: matched in free text only with a cue or a prefix.
# ("kbb": in this field it is also Kebebasan Beragama dan Berkeyakinan, "kasus KBB".)
GUARDED = frozenset(
    {
        "batu",
        "bangli",
        "palu",
        "padang",
        "malang",
        "tegal",
        "batang",
        "banjar",
        "puncak",
        "landak",
        "kudus",
        "buru",
        "bone",
        "metro",
        "pati",
        "agam",
        "toba",
        "kaur",
        "siak",
        "karo",
        "barru",
        "maros",
        "belu",
        "lebak",
        "lahat",
        "sabang",
        "kapuas",
        "lingga",
        "muna",
        "sigi",
        "paser",
        "tual",
        "buton",
        "alor",
        "ende",
        "sorong",
        "bima",
        "solok",
        "malaka",
        "asahan",
        "tapin",
        "berau",
        "aru",
        "sula",
        "deli",
        "kota baru",
        "kotabaru",
        "tanah datar",
        "tanah laut",
        "lima puluh kota",
        "empat lawang",
        "tebing tinggi",
        "batu bara",
        "sungai penuh",
        "pesisir selatan",
        "pesisir barat",
        "gunung mas",
        "pulang pisau",
        "raja ampat",
        "seram",
        "tebo",
        "bungo",
        "ngada",
        "sikka",
        "tasik",
        "solo",
        "toraja",
        "badung",
        "kbb",
    }
)

# Guarded names that are fine without a cue when they were written with a capital letter.
CAPITAL_OK = frozenset(
    {
        "tasik",
        "solo",
        "toraja",
        "malang",
        "padang",
        "sorong",
        "palu",
        "batu",
        "tegal",
        "bangli",
        "pati",
        "bima",
        "sabang",
    }
)

# More abbreviations people write for kabupaten/kota (issue 16).
ALIASES.update(
    {
        "kbb": ("32.17",),
        "kab bandung barat": ("32.17",),
        "bandung barat": ("32.17",),
        "jkt": ("31",),
        "jaktim": ("31.75",),
        "tangkot": ("36.71",),
        "tangkab": ("36.03",),
        "bdg": ("32.04", "32.73"),
        "sby": ("35.78",),
        "smg": ("33.22", "33.74"),
        "mdn": ("12.71",),
        "mks": ("73.71",),
        "dps": ("51.71",),
        "bks": ("32.16", "32.75"),
        "bgr": ("32.01", "32.71"),
        "jogja kota": ("34.71",),
        "gunungkidul": ("34.03",),
        "tangerang selatan": ("36.74",),
    }
)

# Words that announce the kind of region that follows; the prefix is part of the match.
NAME_PREFIX: dict[str, str] = {
    "kota": "kota",
    "kodya": "kota",
    "kotamadya": "kota",
    "kabupaten": "kabupaten",
    "kab": "kabupaten",
    "provinsi": "provinsi",
    "propinsi": "provinsi",
    "prov": "provinsi",
}
# Role words: they say what kind of region follows but are not part of its name.
ROLE_PREFIX: dict[str, str] = {
    "pemkot": "kota",
    "walikota": "kota",
    "pemkab": "kabupaten",
    "bupati": "kabupaten",
    "pemprov": "provinsi",
    "gubernur": "provinsi",
}
# Words that announce a sub-district name ("Kec. Cisarua", "Desa Sukamaju").
KECAMATAN_PREFIX = frozenset({"kecamatan", "kec", "kac", "distrik"})
DESA_PREFIX = frozenset({"desa", "kelurahan", "kel", "ds", "dusun", "nagari", "gampong"})
AFTER_CUES = frozenset({"city", "regency", "province"})
# "orang papua", "suku bali": ethnonyms, not places.
ETHNIC_CUES = frozenset("orang suku etnis bahasa budaya adat mahasiswa pemuda putra".split())
ETHNONYMS = frozenset(
    "papua aceh bali toraja nias ambon buton bima banjar lampung gorontalo".split()
)
# After an ordinary word used as a noun ("banjar kami", "batu itu"): not a place.
POSSESSIVES = frozenset(
    "kami kita saya aku ku mu kamu mereka dia ini itu tsb tersebut setempat nya sebelah".split()
)
# Frequent words after "di"/"ke" that must never be fuzzy-matched to a place.
NO_FUZZY = frozenset(
    "rumah gereja masjid mesjid musala musholla mushola sekolah kantor kampung desa sana sini situ "
    "mana jalan tempat lokasi lapangan kelurahan kecamatan pasar media medsos grup group facebook "
    "twitter youtube tiktok instagram whatsapp kampus kelas depan belakang dalam luar atas bawah "
    "tengah samping dekat sekitar daerah wilayah kota kabupaten provinsi vihara pura klenteng "
    "kapel balai aula gedung pemakaman makam kuburan perumahan komplek kompleks lingkungan "
    "sebelah antara rapat acara kegiatan ibadah pengajian kalangan hadapan halaman jalanan "
    "pinggir ujung kediaman sebuah berbagai beberapa internet online perbatasan pedalaman "
    "pelosok pinggiran lingkungan warung gang lembur omah kene kono dieu ditu siko situ".split()
)
# Words naming a kind of region: never a sub-district on their own, even in a short answer
# ("Kota Antah Berantah" is no Kecamatan Kota).
KIND_WORDS = frozenset("kota kabupaten kab kecamatan kec kelurahan desa kampung".split())
# Kecamatan/desa names that are also everyday words (Indonesian, Javanese, Sundanese, Betawi,
# Minang): a single-word sub-district with one of these names is matched only after a
# "kecamatan"/"desa" prefix or beside its kabupaten ("Kasihan, Bantul", "Genteng Banyuwangi").
COMMON_WORDS = frozenset(
    """
    ayah ibu bapak anak kamu mau tetap selesai damai salam natal raya barat timur utara selatan
    tengah pusat baru lama kota desa balai bandar batu bola butuh darma larangan pesantren sanggar
    sumur tulis kasihan genteng baki pacet beji gatak lawang pauh kubu simpang sawah kebun gunung
    bukit kali laut pantai sungai karang tanjung pulau teluk muara air tanah padang pasar jaya
    mandiri merdeka sejahtera makmur indah mulia sari asri harapan bahagia senang suka duka aman
    tenang sabar jati pinang kelapa mangga durian nangka duku salak jambu pisang padi jagung
    tebu kopi teh cengkeh lada pala randu waru beringin cemara bambu rotan kayu besi emas perak
    intan permata mutiara bintang bulan matahari langit awan hujan angin api banyu toya cai
    rumah gereja masjid pura candi makam kubur pondok kampung dusun lembur omah wetan kulon lor
    kidul tonggoh girang hilir hulu ilir ulu dalam luar atas bawah depan belakang samping
    kiri kanan lebak tegal sela koja gambir cempaka melati mawar kenanga anggrek dahlia
    selasa rabu kamis jumat sabtu minggu senin pagi siang sore malam subuh benteng pintu
    jembatan jalan gang lorong blok sektor pasir batang rantau tiga empat lima enam tujuh
    delapan sembilan sepuluh seribu sukamaju sukarame
    """.split()
)
