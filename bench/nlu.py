"""NLU benchmark: CV macro-F1, training time, parse latency, memory growth (issue 3 targets).

Run from the repository root: ``python bench/nlu.py [--data-dir nlu_data] [--messages 3000]``.
Exits with status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.geo import Gazetteer  # noqa: E402
from bot.nlu.engine import Engine  # noqa: E402
from bot.nlu.evaluate import cross_validate  # noqa: E402
from bot.nlu.loader import load_data  # noqa: E402
from bot.nlu.model_cache import load_or_train  # noqa: E402
from bot.nlu.service import NluService  # noqa: E402
from bot.nlu.settings import NluSettings  # noqa: E402

RSS_PROBE = """
import json, sys, time
sys.path.insert(0, {root!r})
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
before = rss()
from bot.nlu.service import NluService
from bot.nlu.settings import NluSettings
t = time.perf_counter()
service = NluService(NluSettings(data_dir={data!r}, cache_dir={cache!r}))
service.warm_up()
for text in {texts!r}:
    service.parse_sync(text)
print(json.dumps({{"before": before, "after": rss(), "load_s": time.perf_counter() - t,
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


def line(name: str, value: str, target: str, ok: bool) -> bool:
    print(f"{name:<34} {value:>14}   target {target:<10} {'PASS' if ok else 'FAIL'}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path, default=ROOT / "nlu_data")
    parser.add_argument("--messages", type=int, default=3000)
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    data = load_data(args.data_dir)
    results: list[bool] = []
    print(f"NLU benchmark: {len(data.examples)} examples from {args.data_dir}\n")

    with tempfile.TemporaryDirectory() as cache:
        started = time.perf_counter()
        Engine.from_data(load_data(args.data_dir))
        train_s = time.perf_counter() - started
        load_or_train(args.data_dir, cache)  # write the cache the bot process will load
        rng = random.Random(0)
        sample = [ex.text for ex in rng.sample(data.examples, 50)]
        probe = RSS_PROBE.format(root=str(ROOT), data=str(args.data_dir), cache=cache, texts=sample)
        out = subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, check=True
        )
        rss = json.loads(out.stdout.strip().splitlines()[-1])

    report = cross_validate(data, folds=args.folds)
    results.append(
        line(
            "CV macro-F1 intents",
            f"{report.intents.macro_f1:.3f}",
            ">= 0.90",
            report.intents.macro_f1 >= 0.90,
        )
    )
    results.append(
        line(
            "CV macro-F1 categories",
            f"{report.categories.macro_f1:.3f}",
            ">= 0.85",
            report.categories.macro_f1 >= 0.85,
        )
    )
    results.append(line("training time (no cache)", f"{train_s:.2f} s", "<= 10 s", train_s <= 10))

    service = NluService(NluSettings(data_dir=args.data_dir, cache_dir=None))
    service.warm_up()
    rng = random.Random(42)
    places = [r.short_name for r in Gazetteer.default().regions] + ["Solo", "jogja", "Tangsel"]
    texts = [perturb(rng.choice(data.examples).text, rng, places) for _ in range(args.messages)]
    timings = []
    for text in texts:
        t = time.perf_counter()
        service.parse_sync(text)
        timings.append((time.perf_counter() - t) * 1000)
    timings.sort()

    def pct(q: float) -> float:
        return timings[min(len(timings) - 1, int(q * len(timings)))]

    print(f"{'parse latency p50 / p95':<34} {pct(0.5):>6.2f} / {pct(0.95):.2f} ms")
    results.append(
        line(
            f"parse latency p99 ({len(texts)} msgs)",
            f"{pct(0.99):.2f} ms",
            "<= 5 ms",
            pct(0.99) <= 5,
        )
    )
    growth = rss["after"] - rss["before"]
    results.append(
        line("RSS growth, model loaded (cache)", f"{growth:.0f} MB", "<= 150 MB", growth <= 150)
    )
    print(
        f"{'  (bot process: load from cache)':<34} {rss['load_s']:>12.2f} s   "
        f"from_cache={rss['from_cache']}"
    )
    g = report.gazetteer
    print(
        f"{'gazetteer precision / recall':<34} {g['precision']:>6.3f} / {g['recall']:.3f}"
        f"   (resolution {g['resolution']:.3f})"
    )
    print(f"{'no intent (under threshold), CV':<34} {report.abstained:>13.1%}")
    print("\nALL PASS" if all(results) else "\nSOME TARGETS MISSED")
    return 0 if all(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
