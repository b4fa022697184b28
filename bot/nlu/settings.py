"""NLU settings (the ``nlu`` section of config.yml)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field, model_validator


class NluSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    backend: Literal["builtin", "rasa"] = "builtin"
    rasa_url: AnyHttpUrl | None = None
    rasa_timeout_seconds: float = Field(default=2.0, gt=0, le=30)
    confidence_threshold: float = Field(default=0.5, ge=0, le=1)
    data_dir: Path = Path("nlu_data")
    cache_dir: Path = Path("data/nlu_cache")

    @model_validator(mode="after")
    def _rasa_needs_url(self) -> NluSettings:
        if self.backend == "rasa" and self.rasa_url is None:
            raise ValueError("backend 'rasa' needs nlu.rasa_url (e.g. http://localhost:5005)")
        return self
