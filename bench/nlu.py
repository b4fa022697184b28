"""NLU benchmark (issue 16): held-out set beside cross-validation, latency, memory, ready time.

Run from the repository root::

    python bench/nlu.py [--data-dir nlu_data] [--heldout bench/nlu_heldout.yml] [--messages 3000]
    python bench/nlu.py --rasa http://localhost:5005   # also score a Rasa server on the same set

Figures: intent macro-F1, category accuracy and place accuracy on the held-out messages (never
used for training) and in stratified cross-validation of ``nlu_data/``; parse latency p99 on one
core (the process is pinned to one CPU, BLAS threads 1) over a mix of perturbed training texts,
held-out messages and long stories, measured in CPU time (wall time beside it: the machine is
shared); RSS growth and ready time of a fresh process that loads the cached model, the gazetteer
with its kecamatan, and the desa index. Exits with status 1 when a target is missed.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import asyncio  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.geo import Gazetteer  # noqa: E402
from bot.nlu.engine import Engine  # noqa: E402
from bot.nlu.evaluate import cross_validate  # noqa: E402
from bot.nlu.heldout import HeldOutReport, load_heldout, score  # noqa: E402
from bot.nlu.loader import load_data  # noqa: E402
from bot.nlu.model_cache import load_or_train  # noqa: E402
from bot.nlu.service import NluService  # noqa: E402
from bot.nlu.settings import NluSettings  # noqa: E402

RSS_PROBE = """
import json, os, sys, time
os.environ["OMP_NUM_THREADS"] = "1"
sys.path.insert(0, {root!r})
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
before = rss()
t = time.perf_counter()
from bot.nlu.service import NluService
from bot.nlu.settings import NluSettings
service = NluService(NluSettings(data_dir={data!r}, cache_dir={cache!r}))
service.warm_up()
ready = time.perf_counter() - t
t = time.perf_counter()
while not service.gazetteer.subdistricts.desa_loaded and time.perf_counter() - t < 60:
    time.sleep(0.01)  # read in the background by warm_up
desa_s = time.perf_counter() - t
for text in {texts!r}:
    service.parse_sync(text)
print(json.dumps({{"before": before, "after": rss(), "ready_s": ready, "desa_s": desa_s,
                  "desa": service.gazetteer.subdistricts.desa_loaded,
                  "from_cache": service.from_cache}}))
"""


def perturb(text: str, rng: random.Random, places: list[str]) -> str:
    """A varied message derived from a training text (typos, places, casing, joins)."""
    choice = rng.random()
    if choice < 0.25 and len(text) > 5:
        i = rng.randrange(1, len(text) - 1)
        text = text[:i] + text[i + 1 :]  # dropped character
    elif choice < 0.45:
        text = f"{text} di {rng.choice(places)}"
    elif choice < 0.6:
        text = text.upper() if rng.random() < 0.3 else text.capitalize()
    elif choice < 0.75:
        words = text.split()
        rng.shuffle(words)
        text = " ".join(words)
    elif choice < 0.85:
        text = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz ") for _ in range(rng.randint(3, 40)))
    return text


def line(name: str, value: str, target: str, ok: bool | None) -> bool:
    verdict = "" if ok is None else ("PASS" if ok else "FAIL")
    print(f"{name:<40} {value:>12}   {('target ' + target) if target else '':<17} {verdict}")
    return ok is not False


def rasa_parser(url: str, service: NluService):
    """A sync ``text -> NluParse`` that asks a Rasa server (places via the gazetteer)."""
    from bot.nlu.rasa import RasaClient

    client = RasaClient(url, timeout_seconds=30)
    loop = asyncio.new_event_loop()

    def parse(text: str):
        return service.from_rasa_answer(text, loop.run_until_complete(client.parse(text)))

    return parse, lambda: loop.run_until_complete(client.close())


def report_block(title: str, rep: HeldOutReport, results: list[bool], check: bool) -> None:
    print(
        f"\n{title} ({rep.messages} messages, {rep.categories} with a category, "
        f"{rep.places} with a place)"
    )
    results.append(
        line(
            "  intent macro-F1",
            f"{rep.intent_macro_f1:.3f}",
            ">= 0.95",
            rep.intent_macro_f1 >= 0.95 if check else None,
        )
    )
    results.append(
        line(
            "  category accuracy",
            f"{rep.category_accuracy:.3f}",
            ">= 0.90",
            rep.category_accuracy >= 0.90 if check else None,
        )
    )
    results.append(
        line(
            "  place accuracy (incl. sub-districts)",
            f"{rep.place_accuracy:.3f}",
            ">= 0.92",
            rep.place_accuracy >= 0.92 if check else None,
        )
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path, default=ROOT / "nlu_data")
    parser.add_argument("--heldout", type=Path, default=ROOT / "bench" / "nlu_heldout.yml")
    parser.add_argument("--heldout-b", type=Path, default=ROOT / "bench" / "nlu_heldout_b.yml")
    parser.add_argument("--messages", type=int, default=3000)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--rasa", metavar="URL", help="also score a Rasa server (/model/parse)")
    parser.add_argument("--misses", action="store_true", help="list the held-out misses")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    data = load_data(args.data_dir)
    heldout = load_heldout(args.heldout)
    results: list[bool] = []
    print(
        f"NLU benchmark: {len(data.examples)} training examples from {args.data_dir}, "
        f"{len(heldout)} held-out messages from {args.heldout.name}"
    )
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}, one core")

    with tempfile.TemporaryDirectory() as cache:
        started = time.process_time()
        Engine.from_data(load_data(args.data_dir))
        train_s = time.process_time() - started
        load_or_train(args.data_dir, cache)  # write the cache the bot process will load
        sample = [m.text for m in heldout]
        probe = RSS_PROBE.format(root=str(ROOT), data=str(args.data_dir), cache=cache, texts=sample)
        out = subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, check=True
        )
        rss = json.loads(out.stdout.strip().splitlines()[-1])

    service = NluService(NluSettings(data_dir=args.data_dir, cache_dir=None))
    service.warm_up()
    held = score(heldout, service.parse_sync)
    report_block("HELD-OUT", held, results, True)
    if args.misses:
        print("\n".join(f"    miss: {m}" for m in held.misses))
    if args.heldout_b.is_file():
        later = score(load_heldout(args.heldout_b), service.parse_sync)
        report_block("HELD-OUT B, written after the normaliser (figures only)", later, [], False)
        if args.misses:
            print("\n".join(f"    miss: {m}" for m in later.misses))

    report = cross_validate(data, folds=args.folds)
    print(f"\nCROSS-VALIDATION ({args.folds}-fold, {len(data.examples)} examples)")
    cv_f1 = report.intents.macro_f1
    results.append(line("  intent macro-F1", f"{cv_f1:.3f}", ">= 0.95", cv_f1 >= 0.95))
    cats = report.categories
    cat_acc = sum(cats.confusion[i][i] for i in range(len(cats.labels))) / max(1, sum(cats.support))
    results.append(line("  category accuracy", f"{cat_acc:.3f}", ">= 0.90", cat_acc >= 0.90))
    g = report.gazetteer
    place_acc = g["recall"] * g["resolution"]
    results.append(
        line(
            "  place accuracy (annotated lokasi)", f"{place_acc:.3f}", ">= 0.92", place_acc >= 0.92
        )
    )
    print(
        f"  gazetteer precision / recall / resolution  {g['precision']:.3f} / "
        f"{g['recall']:.3f} / {g['resolution']:.3f}"
    )
    print(f"  no intent (under threshold)                {report.abstained:.1%}")

    print("\nCOST")
    line("training time (CPU, no cache, in-process)", f"{train_s:.2f} s", "<= 10 s", train_s <= 10)
    rng = random.Random(42)
    places = [r.short_name for r in Gazetteer.default().regions] + ["Solo", "jogja", "Tangsel"]
    texts = [perturb(rng.choice(data.examples).text, rng, places) for _ in range(args.messages)]
    stories = [m.text for m in heldout if len(m.text) > 300]
    texts += [m.text for m in heldout] * 3 + stories * 20
    rng.shuffle(texts)
    cpu, wall = [], []
    for text in texts:
        c, w = time.thread_time(), time.perf_counter()
        service.parse_sync(text)
        cpu.append((time.thread_time() - c) * 1000)
        wall.append((time.perf_counter() - w) * 1000)
    cpu.sort()
    wall.sort()

    def pct(values: list[float], q: float) -> float:
        return values[min(len(values) - 1, int(q * len(values)))]

    longest = max(len(t) for t in texts)
    print(f"  mix: {len(texts)} parses, {len(stories) * 20} of them stories of 300-{longest} chars")
    print(f"{'parse latency p50 / p95 (CPU)':<40} {pct(cpu, 0.5):>6.2f} / {pct(cpu, 0.95):.2f} ms")
    results.append(
        line(
            "parse latency p99 (CPU, one core)",
            f"{pct(cpu, 0.99):.2f} ms",
            "<= 5 ms",
            pct(cpu, 0.99) <= 5,
        )
    )
    line("parse latency p99 (wall)", f"{pct(wall, 0.99):.2f} ms", "", None)
    growth = rss["after"] - rss["before"]
    results.append(
        line("RSS growth (model+gazetteer+desa)", f"{growth:.0f} MB", "<= 150 MB", growth <= 150)
    )
    line("ready time (cached model, warm_up)", f"{rss['ready_s']:.2f} s", "", None)
    line("  desa index (background), after ready", f"{rss['desa_s']:.2f} s", "", None)

    if args.rasa:
        from bot.nlu.rasa import RasaError

        parse, close = rasa_parser(args.rasa, service)
        try:
            rasa = score(heldout, parse)
            report_block(f"RASA at {args.rasa}, same held-out set", rasa, [], False)
        except RasaError as exc:
            print(
                f"\nRASA at {args.rasa}: no usable answer ({exc}); start it with `rasa run "
                "--enable-api -m models/` (docs/nlu.md)"
            )
            results.append(False)
        finally:
            close()
    print("\nALL PASS" if all(results) else "\nSOME TARGETS MISSED")
    return 0 if all(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
