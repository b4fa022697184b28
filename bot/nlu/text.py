"""Text normalisation for informal Indonesian chat (slang, abbreviations, Jakarta ``-in``).

Regional words (Javanese, Sundanese, Betawi, Minang) come from :mod:`bot.nlu.regional`; typos and
variants the tables do not list are mapped to training words by :mod:`bot.nlu.spelling`.
"""

from __future__ import annotations

import re
import unicodedata

from bot.nlu.regional import REGIONAL

# Informal spelling -> standard form. Keys are lower-case tokens.
SLANG: dict[str, str] = {
    "sy": "saya",
    "aku": "saya",
    "gw": "saya",
    "gue": "saya",
    "gua": "saya",
    "ane": "saya",
    "sya": "saya",
    "q": "saya",
    "ak": "saya",
    "km": "kamu",
    "lu": "kamu",
    "lo": "kamu",
    "elo": "kamu",
    "anda": "kamu",
    "gk": "tidak",
    "gak": "tidak",
    "ga": "tidak",
    "nggak": "tidak",
    "ngga": "tidak",
    "enggak": "tidak",
    "engga": "tidak",
    "tdk": "tidak",
    "tak": "tidak",
    "kagak": "tidak",
    "ndak": "tidak",
    "nda": "tidak",
    "gx": "tidak",
    "g": "tidak",
    "udh": "sudah",
    "sdh": "sudah",
    "udah": "sudah",
    "dah": "sudah",
    "sudh": "sudah",
    "uda": "sudah",
    "blm": "belum",
    "blom": "belum",
    "belom": "belum",
    "tlg": "tolong",
    "tolongin": "tolong",
    "mhn": "mohon",
    "min": "admin",
    "mimin": "admin",
    "adm": "admin",
    "yg": "yang",
    "dgn": "dengan",
    "dg": "dengan",
    "krn": "karena",
    "karna": "karena",
    "utk": "untuk",
    "untk": "untuk",
    "buat": "untuk",
    "dr": "dari",
    "sm": "sama",
    "jg": "juga",
    "bgt": "banget",
    "bs": "bisa",
    "bsa": "bisa",
    "gmn": "bagaimana",
    "gimana": "bagaimana",
    "gmna": "bagaimana",
    "knp": "kenapa",
    "napa": "kenapa",
    "org": "orang",
    "orng": "orang",
    "kmrn": "kemarin",
    "kmaren": "kemarin",
    "skrg": "sekarang",
    "skrang": "sekarang",
    "dpt": "dapat",
    "dapet": "dapat",
    "hrs": "harus",
    "lg": "lagi",
    "aja": "saja",
    "aj": "saja",
    "emg": "memang",
    "emang": "memang",
    "klo": "kalau",
    "kalo": "kalau",
    "kl": "kalau",
    "trs": "terus",
    "trus": "terus",
    "tp": "tapi",
    "tpi": "tapi",
    "sdg": "sedang",
    "lgi": "lagi",
    "bbrp": "beberapa",
    "mksh": "makasih",
    "makasi": "makasih",
    "thx": "thanks",
    "tq": "thanks",
    "ty": "thanks",
    "pls": "please",
    "plz": "please",
    "info": "informasi",
    "infonya": "informasi",
    "sampe": "sampai",
    "ampe": "sampai",
    "mo": "mau",
    "pengen": "ingin",
    "pgn": "ingin",
    "pingin": "ingin",
    "ijin": "izin",
    "ngelapor": "lapor",
    "ngelaporin": "melaporkan",
    "laporin": "laporkan",
    "lapor2": "lapor",
    "gereja2": "gereja",
    "tmpt": "tempat",
    "tmp": "tempat",
    "dmn": "dimana",
    "dmana": "dimana",
    "msjd": "masjid",
    "mesjid": "masjid",
    "ibdh": "ibadah",
    "kbaktian": "kebaktian",
    "jmt": "jemaat",
    "jemaah": "jamaah",
    "ormas2": "ormas",
    "bnyk": "banyak",
    "byk": "banyak",
    "sj": "saja",
    "ni": "ini",
    "nih": "ini",
    "tu": "itu",
    "tuh": "itu",
    "gitu": "begitu",
    "gini": "begini",
    "dlm": "dalam",
    "pd": "pada",
    "kpd": "kepada",
    "thd": "terhadap",
    "tsb": "tersebut",
    "sblm": "sebelum",
    "stlh": "setelah",
    "abis": "habis",
    "ngapain": "mengapa",
    "hlo": "halo",
    "hallo": "halo",
    "helo": "halo",
    "hai": "halo",
    "hi": "halo",
    "hey": "halo",
    "hei": "halo",
    "p": "halo",
    "ass": "assalamualaikum",
    "asw": "assalamualaikum",
    "askum": "assalamualaikum",
    "assalamu'alaikum": "assalamualaikum",
    "unsub": "unsubscribe",
    "stop": "berhenti",
    "cabut": "keluar",
    "ok": "oke",
    "okay": "oke",
    "survey": "survei",
    "kuesioner": "kuisioner",
    "questionnaire": "kuisioner",
    "medsos": "media sosial",
    "fb": "facebook",
    "ig": "instagram",
    "wa": "whatsapp",
    "tw": "twitter",
    "pemda": "pemerintah daerah",
    "pemkot": "pemerintah kota",
    "pemkab": "pemerintah kabupaten",
    "ktp": "ktp",
    "imb": "izin bangun",
    "pbg": "izin bangun",
    "fkub": "fkub",
}

# "dibubarin" -> "dibubarkan"; words that only look like that are kept.
_IN_EXCEPT = frozenset(
    "dingin ingin lain main yakin izin ijin mungkin kemarin batin miskin angin kain "
    "dinihari dijamin dikawin dilain dimain".split()
)
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
_REPEAT = re.compile(r"(.)\1{2,}")
_REDUP = re.compile(r"\b([^\W\d_]{3,})2\b")


def strip_accents(text: str) -> str:
    """Remove diacritics (é → e)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _standard(token: str) -> str:
    if token in SLANG:
        return SLANG[token]
    if token in REGIONAL:
        return REGIONAL[token]
    if (
        len(token) > 6
        and token.endswith("in")
        and token.startswith(("di", "nge", "ng", "me"))
        and token not in _IN_EXCEPT
    ):
        return token[:-2] + "kan"
    return token


def normalize_text(text: str) -> str:
    """Lower-case, de-accent, collapse letter runs, expand ``orang2``, map slang to standard."""
    text = strip_accents(text).lower()
    text = _REPEAT.sub(r"\1\1", text)
    text = _REDUP.sub(r"\1 \1", text)
    return " ".join(_standard(tok) for tok in _TOKEN.findall(text))


_PREFIXES = (
    "meng",
    "meny",
    "mem",
    "men",
    "me",
    "peng",
    "peny",
    "pem",
    "pen",
    "per",
    "pe",
    "ber",
    "be",
    "ter",
    "di",
    "ke",
    "se",
)
_SUFFIXES = ("nya", "lah", "kah", "kan", "an", "i", "ed", "ing", "es", "s", "d")


def stems(word: str) -> set[str]:
    """Candidate stems of an Indonesian (or English) word by light affix stripping.

    Ambiguous nasal prefixes yield several candidates (``menolak`` → ``tolak``/``olak``); the
    lexicon lookup accepts any of them.
    """
    out = {word}
    if len(word) <= 4:
        return out
    bases = {word}
    for suf in _SUFFIXES:
        if word.endswith(suf) and len(word) - len(suf) >= 4:
            base = word[: -len(suf)]
            bases.add(base)
            for suf2 in ("kan", "an", "i"):
                if base.endswith(suf2) and len(base) - len(suf2) >= 4:
                    bases.add(base[: -len(suf2)])
    for base in bases:
        out.add(base)
        for pre in _PREFIXES:
            if base.startswith(pre) and len(base) - len(pre) >= 3:
                rest = base[len(pre) :]
                out.add(rest)
                if rest[0] in "aeiou":
                    extra = {
                        "meny": "s",
                        "peny": "s",
                        "mem": "p",
                        "pem": "p",
                        "men": "t",
                        "pen": "t",
                        "meng": "k",
                        "peng": "k",
                    }.get(pre)
                    if extra:
                        out.add(extra + rest)
                if rest.startswith(("per", "ber", "ke")) and len(rest) > 6:
                    out.add(rest[3:] if rest[:3] in ("per", "ber") else rest[2:])
    return out
