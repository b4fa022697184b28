"""Fast commands (issue 12): ``rukun --help`` and simple commands do not import heavy libraries.

Each case runs the real CLI in a fresh interpreter and reports which of the heavy modules ended up
in ``sys.modules`` (not how long it took: tests never assert on time; bench/cli.py prints that).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

#: Imported only where a command uses them (results, charts, exports, the NLU model, files).
HEAVY = ("pandas", "matplotlib", "sklearn", "scipy", "openpyxl", "PIL", "pypdf")

PROBE = """
import json, sys
watched = json.loads(sys.argv[2])
for name in sys.argv[3:]:
    __import__(name)
sys.argv = ["rukun", *json.loads(sys.argv[1])]
from bot.cli import main
try:
    main()
except SystemExit as exc:
    code = exc.code
else:
    code = 0
print(json.dumps({"code": code, "modules": sorted(
    m for m in sys.modules if m.split(".")[0] in watched)}))
"""


def loaded(args: list[str], tmp_path: Path, *, preload: tuple[str, ...] = ()) -> tuple[int, set[str]]:
    """(exit code, top-level heavy packages imported) of ``rukun ARGS`` in a fresh interpreter."""
    (tmp_path / "config.yml").write_text("admins: []\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "BOT_TOKEN")}
    env.update(
        RUKUN_CONFIG=str(tmp_path / "config.yml"),
        DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'rukun.db'}",
        PYTHONPATH=str(ROOT),
    )
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args), json.dumps(["aiogram", *HEAVY]), *preload],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return result["code"], {m.split(".")[0] for m in result["modules"]}


@pytest.mark.parametrize(
    "args", [["--help"], ["survey", "--help"], ["partners", "--help"], ["config", "check"]]
)
def test_help_and_config_check_import_no_heavy_library(args: list[str], tmp_path: Path) -> None:
    code, modules = loaded(args, tmp_path)
    assert code == 0
    assert modules & set(HEAVY) == set()


def test_help_does_not_import_aiogram(tmp_path: Path) -> None:
    """aiogram alone takes seconds to import: ``rukun --help`` must not need it (feature.py files
    import their routers, jobs and senders inside the functions that use them)."""
    code, modules = loaded(["--help"], tmp_path)
    assert code == 0
    assert "aiogram" not in modules


@pytest.mark.parametrize("args", [["partners", "list"], ["survey", "list"]])
def test_listing_imports_no_analysis_library(args: list[str], tmp_path: Path) -> None:
    code, modules = loaded(args, tmp_path)
    assert code == 0
    assert modules & {"pandas", "matplotlib", "sklearn", "scipy", "openpyxl"} == set()


def test_the_probe_sees_a_heavy_import(tmp_path: Path) -> None:
    code, modules = loaded(["--help"], tmp_path, preload=("pandas",))
    assert code == 0
    assert "pandas" in modules
