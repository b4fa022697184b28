"""Regional words and affixes mapped to standard Indonesian before classification.

People write to the bot in Javanese, Sundanese, Betawi and Minang as much as in Indonesian. Each
table maps a lower-case word to the Indonesian word the training data uses; :func:`regional_affix`
turns regional verb endings into Indonesian ones (``dibubarkeun``/``dibubarke`` → ``dibubarkan``).
To add a word, put it in the table of its language (docs/nlu.md, "Adding a regional word").
"""

from __future__ import annotations

JAVANESE: dict[str, str] = {
    "piye": "bagaimana",
    "pie": "bagaimana",
    "kepiye": "bagaimana",
    "kados": "seperti",
    "kabare": "kabar",
    "ora": "tidak",
    "ra": "tidak",
    "mboten": "tidak",
    "boten": "tidak",
    "wes": "sudah",
    "wis": "sudah",
    "uwis": "sudah",
    "sampun": "sudah",
    "durung": "belum",
    "dereng": "belum",
    "meneh": "lagi",
    "maneh": "lagi",
    "malih": "lagi",
    "usah": "usah",
    "arep": "akan",
    "badhe": "akan",
    "gelem": "mau",
    "purun": "mau",
    "iso": "bisa",
    "isa": "bisa",
    "saged": "bisa",
    "karo": "dengan",
    "kalih": "dengan",
    "nang": "di",
    "neng": "di",
    "ning": "di",
    "ing": "di",
    "teng": "di",
    "iki": "ini",
    "niki": "ini",
    "kuwi": "itu",
    "iku": "itu",
    "niku": "itu",
    "ono": "ada",
    "ana": "ada",
    "wonten": "ada",
    "wong": "orang",
    "tiyang": "orang",
    "kulo": "saya",
    "kula": "saya",
    "aku": "saya",
    "awakdewe": "kami",
    "sampeyan": "kamu",
    "panjenengan": "kamu",
    "koe": "kamu",
    "kowe": "kamu",
    "omah": "rumah",
    "griya": "rumah",
    "yen": "kalau",
    "nek": "kalau",
    "menawi": "kalau",
    "mergo": "karena",
    "amargi": "karena",
    "sing": "yang",
    "ingkang": "yang",
    "opo": "apa",
    "napa": "apa",
    "nopo": "apa",
    "carane": "cara",
    "nganggo": "pakai",
    "melu": "ikut",
    "tumut": "ikut",
    "njaluk": "minta",
    "nyuwun": "minta",
    "ngirim": "kirim",
    "sugeng": "selamat",
    "enjing": "pagi",
    "dalu": "malam",
    "sonten": "sore",
    "matur": "bilang",
    "nuwun": "terima kasih",
    "suwun": "terima kasih",
    "mangga": "silakan",
    "duwe": "punya",
    "gawe": "buat",
    "lapo": "kenapa",
    "ngopo": "kenapa",
    "kenek": "kena",
    "kene": "sini",
    "kono": "sana",
}

SUNDANESE: dict[str, str] = {
    "kumaha": "bagaimana",
    "naon": "apa",
    "teu": "tidak",
    "henteu": "tidak",
    "moal": "tidak akan",
    "ulah": "jangan",
    "tos": "sudah",
    "atos": "sudah",
    "parantos": "sudah",
    "acan": "belum",
    "deui": "lagi",
    "abdi": "saya",
    "simkuring": "saya",
    "anjeun": "kamu",
    "sareng": "dengan",
    "jeung": "dengan",
    "ieu": "ini",
    "eta": "itu",
    "aya": "ada",
    "bade": "akan",
    "hoyong": "ingin",
    "palay": "ingin",
    "tiasa": "bisa",
    "dugi": "sampai",
    "ka": "ke",
    "ku": "oleh",
    "ti": "dari",
    "wilujeng": "selamat",
    "enjing": "pagi",
    "wengi": "malam",
    "peuting": "malam",
    "ngiring": "ikut",
    "menta": "minta",
    "keur": "untuk",
    "pikeun": "untuk",
    "sieun": "takut",
    "lamun": "kalau",
    "upami": "kalau",
    "anu": "yang",
    "nu": "yang",
    "lembur": "kampung",
    "oge": "juga",
}

BETAWI: dict[str, str] = {
    "aye": "saya",
    "ane": "saya",
    "gue": "saya",
    "ente": "kamu",
    "elu": "kamu",
    "lu": "kamu",
    "kite": "kita",
    "ape": "apa",
    "kenape": "kenapa",
    "nyang": "yang",
    "kagak": "tidak",
    "kaga": "tidak",
    "ogah": "tidak mau",
    "mane": "mana",
    "nyampe": "sampai",
    "pade": "semua",
    "dikasih": "diberi",
    "bener": "benar",
    "pesen": "pesan",
    "ye": "ya",
    "kudu": "harus",
    "ngapain": "mengapa",
    "emangnye": "memangnya",
    "noh": "itu",
    "malem": "malam",
    "semalem": "semalam",
    "pake": "pakai",
    "sampe": "sampai",
}

MINANG: dict[str, str] = {
    "ambo": "saya",
    "awak": "saya",
    "indak": "tidak",
    "ndak": "tidak",
    "alah": "sudah",
    "baa": "bagaimana",
    "siko": "sini",
    "ka": "ke",
    "lai": "lagi",
    "tu": "itu",
    "kapatang": "kemarin",
    "musajik": "masjid",
    "kampuang": "kampung",
    "nagari": "desa",
}

ENGLISH: dict[str, str] = {
    "morning": "pagi",
    "evening": "malam",
    "hello": "halo",
    "anybody": "ada orang",
}

#: Every table in one lookup (later tables do not override earlier ones).
REGIONAL: dict[str, str] = {}
for _table in (JAVANESE, SUNDANESE, BETAWI, MINANG, ENGLISH):
    for _word, _standard in _table.items():
        REGIONAL.setdefault(_word, _standard)

# Regional verb endings → Indonesian: Sundanese -keun, Javanese -ke/-ake/-ne (after di-/nge-).
_ENDINGS = (("keun", "kan"), ("akeun", "kan"), ("ake", "kan"), ("ke", "kan"), ("ne", "kan"))


def regional_affix(word: str) -> str | None:
    """``dibubarkeun``/``dibubarke``/``dibubarne`` → ``dibubarkan``; None when nothing applies."""
    if len(word) < 7 or not word.startswith(("di", "nge", "ng", "ny", "me")):
        return None
    for ending, standard in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 5:
            return word[: -len(ending)] + standard
    return None
