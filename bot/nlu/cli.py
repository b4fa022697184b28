"""``rukun nlu``: parse texts, cross-validate the training data, train the cached model."""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path
from typing import Annotated

import typer

from bot.nlu.settings import NluSettings

app = typer.Typer(help="Natural-language understanding (intents, categories, places).")

DataDir = Annotated[
    Path | None, typer.Option("--data-dir", help="Directory with the Rasa NLU YAML files.")
]


def _settings(data_dir: Path | None) -> NluSettings:
    """The deployment's ``nlu`` settings (config.yml), with ``--data-dir`` taking precedence."""
    from bot.assistant.nlu import resolve_data_dir
    from bot.cli_support import settings_or_exit

    base = settings_or_exit().nlu
    chosen = data_dir if data_dir is not None else resolve_data_dir(base.data_dir)
    return base.model_copy(update={"data_dir": chosen})


@app.command()
def parse(
    text: Annotated[str | None, typer.Argument(help="Text to parse.")] = None,
    jsonl: Annotated[
        bool, typer.Option("--jsonl", help="Read one text per line on stdin, write JSON lines.")
    ] = False,
    data_dir: DataDir = None,
) -> None:
    """Print the parse result of TEXT as JSON (or of each stdin line with --jsonl)."""
    from bot.nlu.service import NluService

    if text is None and not jsonl:
        raise typer.BadParameter("give TEXT or --jsonl")
    service = NluService(_settings(data_dir))

    async def run() -> None:
        # parse() honours nlu.backend (Rasa with fallback); one event loop for all lines
        try:
            if not jsonl:
                result = await service.parse(str(text))
                typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
                return
            out = sys.stdout
            for line in sys.stdin:
                result = await service.parse(line.rstrip("\n"))
                out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
            out.flush()
        finally:
            await service.aclose()

    asyncio.run(run())


@app.command()
def evaluate(
    data_dir: DataDir = None,
    folds: Annotated[int, typer.Option(help="Number of cross-validation folds.")] = 5,
) -> None:
    """Stratified k-fold cross-validation: per-label P/R/F1, confusion, gazetteer P/R."""
    from bot.nlu.evaluate import cross_validate, format_report
    from bot.nlu.loader import load_data

    settings = _settings(data_dir)
    report = cross_validate(
        load_data(settings.data_dir), folds=folds, threshold=settings.confidence_threshold
    )
    typer.echo(format_report(report))


@app.command()
def calibrate(
    data_dir: DataDir = None,
    folds: Annotated[int, typer.Option(help="Number of cross-validation folds.")] = 5,
    precision: Annotated[
        float, typer.Option(help="Cross-validated precision an intent must reach to be acted on.")
    ] = 0.95,
) -> None:
    """Derive per-intent confidence thresholds from cross-validation; write thresholds.json."""
    from bot.nlu.calibration import THRESHOLDS_FILE
    from bot.nlu.calibration import calibrate as derive
    from bot.nlu.evaluate import cross_validate
    from bot.nlu.loader import data_hash, load_data

    settings = _settings(data_dir)
    report = cross_validate(
        load_data(settings.data_dir), folds=folds, threshold=settings.confidence_threshold
    )
    thresholds = derive(
        report.predictions,
        target=precision,
        folds=folds,
        data_hash=data_hash(settings.data_dir),
        categories=report.category_predictions,
    )
    target = Path(settings.data_dir) / THRESHOLDS_FILE
    target.write_text(thresholds.to_json(), encoding="utf-8")
    typer.echo(f"{'intent':<16}{'threshold':>10}{'precision':>10}{'recall':>8}{'n':>6}")
    for t in thresholds.intents.values():
        typer.echo(
            f"{t.intent:<16}{t.threshold:>10.3f}{t.precision:>10.3f}{t.recall:>8.3f}{t.support:>6}"
        )
    if thresholds.category is not None:
        c = thresholds.category
        typer.echo(
            f"categories: two offered under a margin of {c.close_margin:.2f} ({c.close_share:.1%} "
            f"of cases, right among the two in {c.top2_accuracy:.1%}); above it right in "
            f"{c.accuracy:.1%}"
        )
    typer.echo(f"-> {target}")


@app.command()
def train(
    data_dir: DataDir = None,
    cache_dir: Annotated[
        Path | None, typer.Option("--cache-dir", help="Where to write the cached model.")
    ] = None,
) -> None:
    """Train the built-in engine and write it to the model cache."""
    from bot.nlu.model_cache import cache_key, cache_path, save_engine, train_engine

    settings = _settings(data_dir)
    target_dir = cache_dir or settings.cache_dir or Path("data/nlu_cache")
    started = time.perf_counter()
    engine = train_engine(settings.data_dir)
    path = cache_path(target_dir, cache_key(settings.data_dir))
    save_engine(engine, path)
    typer.echo(f"trained in {time.perf_counter() - started:.1f} s -> {path}")


if __name__ == "__main__":
    app()
