"""On-disk cache of trained engines, keyed by a hash of the data, the code and sklearn."""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import pickle
import tempfile
from importlib.metadata import version
from pathlib import Path

from bot.nlu.engine import ENGINE_VERSION, Engine
from bot.nlu.loader import data_hash, load_data

log = logging.getLogger(__name__)


def cache_key(data_dir: Path | str, params: dict[str, float] | None = None) -> str:
    """Hex key from the data files, engine version, sklearn version and engine parameters."""
    digest = hashlib.sha256()
    digest.update(data_hash(data_dir).encode())
    digest.update(f"engine={ENGINE_VERSION};sklearn={version('scikit-learn')}".encode())
    digest.update(repr(sorted((params or {}).items())).encode())
    return digest.hexdigest()[:24]


def cache_path(cache_dir: Path | str, key: str) -> Path:
    """File holding the engine for ``key``."""
    return Path(cache_dir) / f"nlu-engine-{key}.pkl"


def train_engine(data_dir: Path | str, **params: float) -> Engine:
    """Train a fresh engine from ``data_dir`` (no cache)."""
    return Engine.from_data(load_data(data_dir), **params)


def save_engine(engine: Engine, path: Path) -> None:
    """Pickle ``engine`` to ``path`` atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".nlu-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(engine, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _train_to(data_dir: str, path: str, params: dict[str, float]) -> None:
    """Child-process entry point: train and write the cache file."""
    save_engine(train_engine(data_dir, **params), Path(path))


def _load(path: Path) -> Engine | None:
    try:
        with path.open("rb") as fh:
            engine = pickle.load(fh)
        return engine if isinstance(engine, Engine) else None
    except Exception as exc:  # corrupt or incompatible cache: retrain
        log.warning("ignoring NLU cache %s: %s", path, exc)
        return None


def load_or_train(
    data_dir: Path | str,
    cache_dir: Path | str | None,
    *,
    isolate: bool = False,
    **params: float,
) -> tuple[Engine, bool]:
    """Engine from the cache when the key matches, else trained (and cached).

    With ``isolate`` a cache miss is trained in a child process, so that scikit-learn is never
    imported into the (long-running) bot process; the child writes the cache, the parent loads
    it. Returns ``(engine, from_cache)``. A missing or unreadable cache only costs a retrain.
    """
    if cache_dir is None:
        return train_engine(data_dir, **params), False
    path = cache_path(cache_dir, cache_key(data_dir, params))
    if path.is_file() and (engine := _load(path)) is not None:
        return engine, True
    if isolate:
        ctx = multiprocessing.get_context("spawn")
        child = ctx.Process(target=_train_to, args=(str(data_dir), str(path), params))
        child.start()
        child.join()
        if child.exitcode == 0 and path.is_file() and (engine := _load(path)) is not None:
            return engine, False
        log.warning("isolated NLU training failed (exit %s); training in-process", child.exitcode)
    engine = train_engine(data_dir, **params)
    try:
        save_engine(engine, path)
    except OSError as exc:
        log.warning("cannot write NLU cache %s: %s", path, exc)
    return engine, False
