"""Domain lexicon: stems that signal an intent or incident category.

Each matching stem adds a concept token (``kx_kekerasan``) to the features, so that a word never
seen in the training examples of a class (``dianiaya``, ``pergub``) still points to it. Stems are
matched after :func:`bot.nlu.text.stem`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

CONCEPTS: dict[str, frozenset[str]] = {
    name: frozenset(words.split())
    for name, words in {
        "sapa": "halo hai hello hi hey pagi siang sore malam selamat salam assalamualaikum shalom "
        "horas rahayu punten kulonuwun sampurasun swastiastu buddhaya permisi greetings morning "
        "evening afternoon start mulai ping tes test kenal",
        "bantuan": "bantu bantuan help tolong petunjuk panduan tutorial faq menu fitur fungsi "
        "cara bingung ngerti jelas perintah command instructions features guide apa siapa "
        "hotline kontak manusia human rahasia confidential gratis",
        "berhenti": "stop berhenti henti batal cancel akhir selesai tutup keluar bye dadah quit end "
        "unsubscribe langganan hapus remove leave cukup blokir opt notif notifikasi "
        "undur cabut nonaktif goodbye bosan minat lanjut",
        "survei": "survei survey kuisioner kuesioner angket polling poll jajak responden form "
        "formulir evaluasi feedback pretest posttest questionnaire respondent kuis baseline "
        "endline isi",
        "konten": "konten content poster infografis infographics materi bahan video meme twibbon "
        "flyer spanduk banner desain modul kampanye campaign caption stiker podcast artikel "
        "narasi toolkit kit quote kutipan gambar download unduh share sebar repost materials",
        "status": "status update progres progress perkembangan kabar lanjut tindaklanjut proses "
        "verifikasi respon balas track lacak riwayat daftar tiket sampai diterima received "
        "processed heard",
        "lapor": "lapor laporan adu aduan pengaduan kasus kejadian insiden peristiwa report "
        "complaint incident saksi korban kronologi catat darurat emergency urgent",
        "rumah_ibadah": "segel izin ijin imb pbg diri bangun bongkar roboh renovasi fkub "
        "rekomendasi tutup gembok permit sealed construction building demolish shut petisi "
        "lahan menara gedung papan alih",
        "pembubaran": "bubar henti ibadah kebaktian misa pengajian doa raya natal paskah asyura "
        "sembahyang tarawih sholat shalat retret kajian ritual upacara persekutuan maulid "
        "melasti waisak service mass prayer gathering broken dispersed stopped rosario",
        "ujaran": "hoaks hoax hina kebencian provokasi provokatif fitnah ujaran sesat kafir rasis "
        "medsos youtube tiktok facebook twitter instagram grup akun posting konten ceramah "
        "khotbah selebaran hasut domba viral hate racist insult incit hatred spread sebar "
        "buzzer berantai meme leceh jelek",
        "layanan": "ktp kk akta dukcapil sipil sekolah guru siswa siswi murid pelajaran nilai "
        "rapor makam tpu jenazah kubur kerja lamaran pecat pegawai layan pelayanan puskesmas "
        "sakit bansos kua nikah cpns beasiswa ujian kelas dosen rekening school job hospital "
        "cemetery registry card clinic osis catat",
        "intimidasi": "ancam ancaman teror intimidasi takut persekusi buntut usir paksa tekan "
        "sweeping polisi nista penistaan doxing threat threaten intimidate kucil mata awas "
        "maki kepung geruduk mati bunuh",
        "kekerasan": "bakar serang pukul rusak lempar batu molotov bom ledak aniaya keroyok tusuk "
        "pedang luka darah tewas meninggal tendang tampar hancur jarah vandal coret patah gebuk "
        "gebug tonjok obong hajar bacok celurit clurit keplak tabok gampar bogem "
        "jebol robek attack beat burn fire vandalise stone sword obrak pecah",
        "kebijakan": "perda perwali perwal perbup pergub perdes atur aturan peraturan regulasi "
        "kebijakan edar edaran se sk skb keputusan instruksi qanun raperda rancangan dprd wajib "
        "larang undang kuhp pasal decree regulation bylaw rule circular policy draf sah",
        "lainnya": "kos kontrak rumah sewa radikal radikalisme radikalisasi teroris khilafah isis "
        "jihad nii baiat takfiri ekstrem boikot kucil jauh nikah pilkada pilkades caleg "
        "politik politisasi diskusi nobar film buku konflik tegang landlord radical boycott "
        "convert napiter perumahan syariah rekrut geng",
    }.items()
}

_INDEX: dict[str, tuple[str, ...]] = {}
for _name, _words in CONCEPTS.items():
    for _w in _words:
        _INDEX[_w] = (*_INDEX.get(_w, ()), _name)


def concepts(stems: list[str]) -> list[str]:
    """Concept tokens (``kx_<name>``) for the stems that appear in the lexicon."""
    out: list[str] = []
    for s in stems:
        for name in _INDEX.get(s, ()):
            out.append(f"kx_{name}")
    return out


# -- threat versus act, incitement --------------------------------------------------------------
# A violent word after one of these is a threat (intimidasi), not an act: "kalau tidak pindah
# bakal dibakar". Strong markers reach four words ahead, weak ones only the next word.
THREAT_STRONG = frozenset(
    "akan bakal hendak kalau jika awas ancam diancam mengancam ancaman ancamannya terancam "
    "threat threaten threatened threatening threats will would gonna unless".split()
)
THREAT_WEAK = frozenset("mau ingin nanti siap".split())
# Calls to violence are hate speech (ujaran_kebencian), not violence: "halal darahnya",
# "bunuh saja", "harus diusir", "pantas dibunuh", "ngajak warga mengusir", "called for attacks".
INCITE_WORDS = frozenset("basmi dibasmi perangi diperangi ganyang musnahkan dimusnahkan".split())
INCITE_MARKERS = frozenset(
    "harus pantas wajib layak halal ajak ngajak mengajak menyerukan serukan seruan hasut "
    "menghasut urge urged urging".split()
)
INCITE_AFTER = frozenset("saja aja sajalah".split())
_CALL = frozenset("call calls called calling".split())
_ACT = ("kx_kekerasan", "kx_intimidasi")
_HATE = ["kx_ujaran", "kx_hasutan"]
# "mau lapor", "bikin laporan", "catat laporan sy": a new report, not a question about one.
WANT = frozenset("mau ingin akan hendak bikin buat catat tolong want like need record file".split())


def concept_tokens(tokens: list[str], concepts_of: Callable[[str], Iterable[str]]) -> list[str]:
    """Concept tokens of normalised ``tokens``, with threat and incitement read in context."""
    out: list[str] = []
    last_strong = last_weak = last_incite = last_want = -10
    for i, word in enumerate(tokens):
        found = list(concepts_of(word))
        prev = tokens[i - 1] if i else ""
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        act = word in INCITE_WORDS or any(c in _ACT for c in found)
        if word.startswith("darah") and prev == "halal":
            found = list(_HATE)
        elif act and (word in INCITE_WORDS or i - last_incite <= 3 or nxt in INCITE_AFTER):
            found = [c for c in found if c not in _ACT] + _HATE
        elif "kx_kekerasan" in found and (i - last_strong <= 4 or i - last_weak == 1):
            found = [c for c in found if c != "kx_kekerasan"] + ["kx_intimidasi", "kx_ancaman"]
        if "kx_lapor" in found and i - last_want <= 2:
            found.append("kx_lapor_baru")
        if word in WANT:
            last_want = i
        if word in INCITE_MARKERS or (word == "for" and prev in _CALL):
            last_incite = i
        if word in THREAT_STRONG:
            last_strong = i
        elif word in THREAT_WEAK:
            last_weak = i
        out.extend(found)
    return out
