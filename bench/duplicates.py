"""How well does Rukun recognise that a new report is an incident already reported?

Generates incidents with known truth — each told by one to four people in their own words
(different details, word order, slang, regional words, typos, a date sometimes off by one, a map
pin sometimes) — among *hard* distractors: other incidents of the same category in the same
kabupaten/kota within the same three days, sharing the generic vocabulary and often the actor.
The reports then arrive in time order and each is matched the way the bot does it
(:mod:`bot.reports.domain.matching`, against the open cases of the same area, category and
window, weights from the earlier stories of the category).

Prints, per seed and pooled:
- offers: precision (the offered case is the true one) and recall (a report whose incident was
  already reported is offered that case) — the goal is precision ≥ 0.9 at recall ≥ 0.7;
- pairs: pairwise precision and recall of the resulting cases;
- a threshold sweep, to see the trade-off.

Seed 1 was used to tune :mod:`matching`'s constants; seeds 2–6 are the measurement.

    .venv/bin/python bench/duplicates.py [--seeds 2 3 4 5 6] [--incidents 400]
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.reports.domain import matching
from bot.reports.domain.matching import Incident, Weights

WINDOW = timedelta(hours=72)

REGIONS = ["32.75", "32.16", "33.11", "35.78", "36.71", "73.71", "12.71", "51.71"]
CATEGORIES = {
    "pembubaran_ibadah": [
        "ibadah {who} dibubarkan {actor}",
        "{actor} datang dan menghentikan kebaktian {who}",
        "kami sedang ibadah {who} lalu dibubarin sama {actor}",
        "misa {who} dipaksa bubar oleh {actor}",
        "{actor} ngusir jemaat {who} yang lagi ibadah",
        "worship of {who} was broken up by {actor}",
    ],
    "rumah_ibadah": [
        "pembangunan {who} ditolak {actor}",
        "{actor} menyegel {who}",
        "{who} disegel, katanya izin belum ada, yang datang {actor}",
        "{actor} pasang spanduk tolak {who}",
        "izin {who} dipersulit, {actor} protes terus",
    ],
    "intimidasi": [
        "{actor} mengancam jemaat {who}",
        "kalau {who} tetap buka, {actor} bilang bakal diserang",
        "{actor} datangi rumah pengurus {who} dan mengancam",
        "pengurus {who} diancam {actor} lewat pesan",
    ],
    "ujaran_kebencian": [
        "{actor} ceramah menghina jemaat {who}",
        "ada spanduk kebencian terhadap {who} dipasang {actor}",
        "{actor} menyebar video fitnah soal {who}",
    ],
}
VENUE_KINDS = [
    "GKI",
    "HKBP",
    "GPIB",
    "Gereja Katolik St.",
    "Masjid",
    "Musala",
    "Vihara",
    "Pura",
    "Klenteng",
    "GBI",
    "Gereja Pantekosta",
    "Masjid Ahmadiyah",
]
VENUE_NAMES = [
    "Yasmin",
    "Filadelfia",
    "Imanuel",
    "Bethel",
    "Santo Yosef",
    "Al Hidayah",
    "Nurul",
    "Dharma Bhakti",
    "Jagatnatha",
    "Hok Tek",
    "Kasih Karunia",
    "Sion",
    "Maranatha",
    "Al Ikhlas",
    "Baitul Makmur",
    "Paroki Maria",
    "Tri Dharma",
    "Getsemani",
    "Elim",
    "Efrata",
    "Syalom",
    "Pniel",
    "Karmel",
    "Ar Rahman",
    "An Nur",
    "Mahabodhi",
    "Sukma",
    "Penuai",
    "Anugerah",
    "Harapan Jaya",
    "Bukit Sion",
    "Sumber Kasih",
]
ACTORS = [
    "ormas",
    "sekelompok warga",
    "massa",
    "oknum RT",
    "ormas FPI",
    "aparat desa",
    "preman",
    "warga sekitar",
    "pemuda setempat",
    "orang tak dikenal",
]
PLACES = [
    "Sukamaju",
    "Cibadak",
    "Mekarsari",
    "Tegalrejo",
    "Karangasem",
    "Sidomulyo",
    "Jatimulya",
    "Margahayu",
    "Cilandak",
    "Pondok Aren",
    "Kebonsari",
    "Sumberejo",
    "Mojosari",
    "Rawalumbu",
    "Kaliabang",
    "Ciwaringin",
    "Bojongsari",
    "Tanjungsari",
    "Lembang",
]
STREETS = [
    "Jl. Merdeka",
    "Jl. Diponegoro",
    "Jl. Ahmad Yani",
    "Jl. Sudirman",
    "Jl. Pemuda",
    "Jl. Kartini",
    "Jl. Gatot Subroto",
    "Jl. Veteran",
    "Jl. Pahlawan",
    "Gang Mawar",
]
FILLERS = [
    "tolong dibantu",
    "kami takut",
    "mohon ditindaklanjuti",
    "sudah lapor RT tapi diam",
    "anak-anak sampai nangis",
    "ini bukan pertama kali",
    "polisi belum datang",
    "kejadiannya cepat sekali",
    "banyak yang videoin",
    "gimana ini",
    "",
    "",
    "",
]
TIMES = [
    "jam 9 pagi",
    "pukul 19.00",
    "tadi sore",
    "minggu pagi",
    "malam tadi",
    "jam 10",
    "sekitar jam 8 malam",
    "siang tadi",
]


@dataclass
class Event:
    id: int
    region: str
    category: str
    at: datetime
    venue: str
    actor: str
    place: str
    street: str
    time: str
    lat: float
    lon: float


@dataclass
class Report:
    event: int
    region: str
    category: str
    at: datetime
    incident: Incident
    case: int = -1
    members: list[int] = field(default_factory=list)


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 5 or rng.random() > 0.08:
        return word
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1 :]  # a dropped letter


def telling(e: Event, rng: random.Random) -> str:
    """One person's account: a template of the category, some of the details, in their words."""
    who = (
        e.venue
        if rng.random() < 0.8
        else rng.choice(["gereja kami", "tempat ibadah kami", "jemaat kami", "kami"])
    )
    actor = e.actor if rng.random() < 0.7 else rng.choice(["beberapa orang", "mereka", "massa"])
    parts = [rng.choice(CATEGORIES[e.category]).format(who=who, actor=actor)]
    if rng.random() < 0.55:
        parts.append(rng.choice(["di desa", "di kelurahan", "di", "daerah"]) + " " + e.place)
    if rng.random() < 0.4:
        parts.append(rng.choice(["di", "dekat", "deket"]) + " " + e.street)
    if rng.random() < 0.5:
        parts.append(e.time)
    rng.shuffle(parts[1:])
    filler = rng.choice(FILLERS)
    text = ", ".join(parts) + (". " + filler if filler else "")
    text = " ".join(_typo(w, rng) for w in text.split())
    return text.lower() if rng.random() < 0.5 else text


def generate(seed: int, incidents: int) -> list[Report]:
    rng = random.Random(seed)
    start = datetime(2026, 3, 1, 6, 0)
    events: list[Event] = []
    for i in range(incidents):
        # clustered in time and place, so distractors share the area, category and window
        region = rng.choice(REGIONS[: rng.choice([2, 4, 8])])
        category = rng.choice(list(CATEGORIES))
        at = start + timedelta(hours=rng.uniform(0, 24 * 60))
        venue = f"{rng.choice(VENUE_KINDS)} {rng.choice(VENUE_NAMES)}"
        events.append(
            Event(
                i,
                region,
                category,
                at,
                venue,
                rng.choice(ACTORS),
                rng.choice(PLACES),
                rng.choice(STREETS),
                rng.choice(TIMES),
                -6.2 + rng.uniform(-0.3, 0.3),
                106.8 + rng.uniform(-0.3, 0.3),
            )
        )
    reports: list[Report] = []
    for e in events:
        tellers = rng.choices([1, 2, 3, 4], weights=[45, 30, 15, 10])[0]
        for _ in range(tellers):
            at = e.at + timedelta(hours=rng.uniform(0, 60))
            known = rng.random() < 0.7
            occurred: date | None = None
            if known:
                occurred = e.at.date() + timedelta(days=rng.choice([0] * 9 + [-1]))
            pin = rng.random() < 0.3
            incident = Incident(
                telling(e, rng),
                occurred,
                e.lat + rng.gauss(0, 0.002) if pin else None,
                e.lon + rng.gauss(0, 0.002) if pin else None,
            )
            reports.append(Report(e.id, e.region, e.category, at, incident))
    reports.sort(key=lambda r: r.at)
    return reports


def run(reports: list[Report], threshold: float) -> dict[str, float]:
    """Match in arrival order as the bot does; count offers and the resulting pairs."""
    matching_threshold = matching.THRESHOLD
    matching.THRESHOLD = threshold
    try:
        cases: dict[int, Report] = {}  # case id → its first report
        corpus: dict[str, list[str]] = defaultdict(list)
        offered = right = should = 0
        seen_events: dict[int, int] = {}  # event → the case it first became
        for idx, r in enumerate(reports):
            open_cases = [
                (cid, c)
                for cid, c in cases.items()
                if c.region == r.region and c.category == r.category and r.at - c.at <= WINDOW
            ]
            weights = Weights(corpus[r.category][-300:])
            scored = []
            for cid, c in open_cases:
                best = max(
                    matching.score(r.incident, reports[m].incident, weights) for m in c.members
                )
                scored.append((best, cid))
            scored = [x for x in scored if x[0] >= threshold]
            truth = seen_events.get(r.event)
            truly_open = truth is not None and truth in dict(open_cases)
            if truly_open:
                should += 1
            if scored:
                _s, cid = max(scored)
                offered += 1
                # the reporter answers truthfully: Yes joins, No makes a new case
                if cases[cid].event == r.event or reports[cases[cid].members[0]].event == r.event:
                    right += 1
                    r.case = cid
                    cases[cid].members.append(idx)
            if r.case < 0:
                r.case = idx
                r.members = [idx]
                cases[idx] = r
                seen_events.setdefault(r.event, idx)
            corpus[r.category].append(r.incident.text)
        tp = fp = fn = 0
        for i in range(len(reports)):
            for j in range(i + 1, len(reports)):
                a, b = reports[i], reports[j]
                same_true, same_pred = a.event == b.event, a.case == b.case
                tp += same_true and same_pred
                fp += same_pred and not same_true
                fn += same_true and not same_pred
        return {
            "offer_p": right / offered if offered else 1.0,
            "offer_r": right / should if should else 1.0,
            "offers": offered,
            "should": should,
            "pair_p": tp / (tp + fp) if tp + fp else 1.0,
            "pair_r": tp / (tp + fn) if tp + fn else 1.0,
        }
    finally:
        matching.THRESHOLD = matching_threshold
        for r in reports:
            r.case, r.members = -1, []


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--seeds", type=int, nargs="+", default=[2, 3, 4, 5, 6])
    ap.add_argument("--incidents", type=int, default=400)
    args = ap.parse_args()
    print(f"matching.THRESHOLD = {matching.THRESHOLD}; {args.incidents} incidents per seed")
    print(
        f"{'seed':>5} {'reports':>8} {'offers':>7} {'should':>7} "
        f"{'offer P':>8} {'offer R':>8} {'pair P':>7} {'pair R':>7}"
    )
    pooled = defaultdict(float)
    sets = {seed: generate(seed, args.incidents) for seed in args.seeds}
    for seed, reports in sets.items():
        m = run(reports, matching.THRESHOLD)
        print(
            f"{seed:>5} {len(reports):>8} {m['offers']:>7.0f} {m['should']:>7.0f} "
            f"{m['offer_p']:>8.3f} {m['offer_r']:>8.3f} {m['pair_p']:>7.3f} {m['pair_r']:>7.3f}"
        )
        for k in ("offers", "should"):
            pooled[k] += m[k]
        pooled["right"] += m["offer_p"] * m["offers"]
    p = pooled["right"] / pooled["offers"] if pooled["offers"] else 1.0
    r = pooled["right"] / pooled["should"] if pooled["should"] else 1.0
    ok = p >= 0.9 and r >= 0.7
    print(
        f"pooled: offer precision {p:.3f}, recall {r:.3f} "
        f"(goal P ≥ 0.90 at R ≥ 0.70): {'PASS' if ok else 'FAIL'}"
    )
    print("threshold sweep (pooled offers):")
    for th in (0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6):
        right = offers = should = 0.0
        for reports in sets.values():
            m = run(reports, th)
            right += m["offer_p"] * m["offers"]
            offers += m["offers"]
            should += m["should"]
        print(
            f"  {th:.2f}: P {right / offers if offers else 1:.3f}  "
            f"R {right / should if should else 1:.3f}"
        )
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
