"""Sample content and surveys for trainings, the playground and the dashboard's tests: the bundled
"toleransi 2026" pre/post pair (dialogs/surveys), with made-up answers imported as CSV through
the surveys' own importer (so results and before/after figures have something to show)."""

from __future__ import annotations

import random
from pathlib import Path

from bot.services import Services

SURVEYS_DIR = Path(__file__).resolve().parents[2] / "dialogs" / "surveys"
CONTENT_DIR = Path(__file__).resolve().parents[2] / "broadcasts" / "content"
PAIR = ("toleransi-2026-pre", "toleransi-2026-post")
LIKERT = ("q1", "q2", "q3", "q4")


def answers_csv(wave: str, respondents: int, *, seed: int = 15) -> bytes:
    """Made-up answers: the same respondents before and after, a little more tolerant after."""
    rng = random.Random(seed)
    lift = 1 if wave == "post" else 0
    lines = ["respondent,region," + ",".join((*LIKERT, "q5", "q6", "q7", "q8"))]
    regions = ("36.72", "34.71", "32.73", "35.78")
    for i in range(respondents):
        person = random.Random(f"{seed}:{i}")  # one person answers alike in both waves
        base = [person.randint(2, 4) for _ in LIKERT]
        likert = [min(5, b + (lift if rng.random() < 0.6 else 0)) for b in base]
        scale = min(10, person.randint(4, 8) + 2 * lift)
        seen = "ya" if (lift and rng.random() < 0.7) or rng.random() < 0.3 else "tidak"
        where = rng.choice(("instagram|whatsapp", "tiktok", "acara")) if seen == "ya" else ""
        act = rng.choice(("diam", "japri", "tegur", "lapor") if lift else ("diam", "diam", "japri"))
        row = [
            f"r{i:03d}",
            regions[i % len(regions)],
            *map(str, likert),
            str(scale),
            seen,
            where,
            act,
        ]
        lines.append(",".join(row))
    return ("\n".join(lines) + "\n").encode()


async def load_sample_surveys(services: Services, respondents: int = 24) -> list[str]:
    """Load and open the pre/post pair and import answers to both; returns the loaded slugs."""
    from bot.surveys.imports import import_csv
    from bot.surveys.models import SurveyStatus
    from bot.surveys.schema import load_survey_file

    loaded = []
    for slug in PAIR:
        path = SURVEYS_DIR / f"{slug}.yml"
        if not path.exists():
            continue
        definition = load_survey_file(path)
        await services.surveys.load(definition, source_path=str(path))
        await services.surveys.set_status(slug, SurveyStatus.OPEN)
        info = await services.surveys.get(slug)
        wave = "post" if slug.endswith("post") else "pre"
        await import_csv(
            services.db, services.clock, info, answers_csv(wave, respondents), f"{slug}.csv"
        )
        loaded.append(slug)
    return loaded


async def load_sample_content(services: Services) -> int:
    """The bundled campaign content (broadcasts/content), as ``rukun content load`` loads it."""
    if not CONTENT_DIR.exists():
        return 0
    result = await services.content.load_files(CONTENT_DIR)
    return len(result.created) + len(result.updated)
