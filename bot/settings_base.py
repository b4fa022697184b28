"""The base of every config.yml section (kept apart so feature settings can import it freely)."""

from pydantic import BaseModel, ConfigDict


class Section(BaseModel):
    """A config.yml section: unknown keys are errors, not silently ignored."""

    model_config = ConfigDict(extra="forbid")
