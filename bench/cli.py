"""Start-up time of the ``rukun`` command line (issue 12: simple commands start in <= 1 s).

Each command runs as a fresh process against a throwaway SQLite database in a temporary directory
(migrated by one untimed warm-up run), and the wall time of the whole process is measured; the
median of ``--runs`` runs is printed beside ``python -c pass``, the interpreter's own start-up,
with the median CPU time (user + system) of the process: on a loaded machine the wall time
grows with the load, the CPU time much less. The load average is printed before and after.

    python bench/cli.py              # 5 runs each
    python bench/cli.py --runs 11
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_SECONDS = 1.0

COMMANDS: list[tuple[str, list[str]]] = [
    ("python -c pass", ["-c", "pass"]),
    ("rukun --help", ["-m", "bot", "--help"]),
    ("rukun config check", ["-m", "bot", "config", "check"]),
    ("rukun partners list", ["-m", "bot", "partners", "list"]),
    ("rukun survey list", ["-m", "bot", "survey", "list"]),
]


def environment(workdir: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("BOT_TOKEN", "REDIS_URL", "DATABASE_URL", "RUKUN_CONFIG")
    }
    (workdir / "config.yml").write_text("admins: []\n", encoding="utf-8")
    env["RUKUN_CONFIG"] = str(workdir / "config.yml")
    env["DATABASE_URL"] = f"sqlite+aiosqlite:///{workdir / 'data' / 'rukun.db'}"
    env["PYTHONPATH"] = str(ROOT)
    return env


def timed(args: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run of ``python ARGS``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({done.returncode}):\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command (median)")
    opts = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="rukun-bench-cli-"))
    try:
        env = environment(workdir)
        for _label, args in COMMANDS:  # warm-up: migrates the database, fills the OS file cache
            timed(args, env, workdir)
        print(f"load average before: {load()}")
        print(
            f"{'command':<22} {'median s':>9} {'min s':>7} {'max s':>7} {'CPU s':>7}"
            f"  (runs: {opts.runs})"
        )
        for label, args in COMMANDS:
            runs = [timed(args, env, workdir) for _ in range(opts.runs)]
            times = [wall for wall, _ in runs]
            median = statistics.median(times)
            cpu = statistics.median(c for _, c in runs)
            mark = "" if label.startswith("python") or median <= TARGET_SECONDS else "  > 1 s"
            print(
                f"{label:<22} {median:>9.2f} {min(times):>7.2f} {max(times):>7.2f} {cpu:>7.2f}"
                f"{mark}"
            )
        print(f"load average after:  {load()}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
