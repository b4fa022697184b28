"""Settings of the NLU service (the ``nlu:`` section of ``config.yml``)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field, model_validator


class NluSettings(BaseModel):
    """Which backend parses texts, thresholds, and where data and cache live."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    backend: Literal["builtin", "rasa"] = "builtin"
    rasa_url: AnyHttpUrl | None = Field(
        default=None, description="Base URL of a Rasa server, e.g. http://localhost:5005"
    )
    rasa_timeout_seconds: float = Field(default=2.0, gt=0, le=30)
    confidence_threshold: float = Field(default=0.55, ge=0.0, le=1.0)
    category_threshold: float = Field(default=0.3, ge=0.0, le=1.0)
    data_dir: Path = Path("nlu_data")
    cache_dir: Path | None = Path("data/nlu_cache")

    @model_validator(mode="after")
    def _check_backend(self) -> NluSettings:
        if self.backend == "rasa" and self.rasa_url is None:
            raise ValueError(
                "nlu.backend 'rasa' requires nlu.rasa_url (e.g. http://localhost:5005)"
            )
        return self
