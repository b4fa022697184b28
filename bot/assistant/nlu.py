"""Building the NLU service from the deployment's settings."""

from __future__ import annotations

from pathlib import Path

from bot.nlu.service import NluService
from bot.nlu.settings import NluSettings

#: The repository root, where ``nlu_data/`` lives in a checkout.
PROJECT_ROOT = Path(__file__).resolve().parents[2]


def resolve_data_dir(data_dir: Path) -> Path:
    """``nlu.data_dir`` as given, or relative to the project when the working directory differs."""
    if data_dir.is_absolute() or data_dir.exists():
        return data_dir
    return PROJECT_ROOT / data_dir


def build_nlu(settings: NluSettings) -> NluService:
    """The NLU service; its model is trained (or loaded from the cache) on first use."""
    return NluService(settings.model_copy(update={"data_dir": resolve_data_dir(settings.data_dir)}))
