"""Broadcast files (load, errors with file and field), segments and registered filters, settings,
and the `rukun broadcast` CLI."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from bot.app import build_app_services
from bot.broadcasting.loader import BroadcastFileError, load
from bot.broadcasting.segments import Segment, SegmentError, SegmentFilters
from bot.broadcasting.service import BroadcastService
from bot.broadcasting.settings import BroadcastSettings
from bot.cli import app
from bot.config import ConfigError, load_settings
from bot.people.models import Role, User
from tests.support.markers import both_backends

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
async def services(settings: Any) -> Any:
    s = build_app_services(settings)
    yield s
    await s.close()


_next_id = itertools.count(50_000)


async def _people(services: Any, n: int, **kw: Any) -> list[int]:
    ids = []
    for _ in range(n):
        uid = next(_next_id)
        p = await services.people.touch(uid, first_name="W", telegram_language=kw.get("tg", "id"))
        ids.append(p.id)
        if kw.get("role"):
            await services.people.grant(p.id, kw["role"], by="test")
        if kw.get("region"):
            await services.people.set_region(p.id, kw["region"])
    return ids


@both_backends
async def test_segments_count_roles_regions_languages_and_exclusions(services: Any) -> None:
    b = services.broadcasts
    alumni = await _people(services, 3, role=Role.ALUMNI, region="36.72")
    partners = await _people(services, 2, role=Role.PARTNER, region="32.73")
    citizens = await _people(services, 4, region="36.04", tg="en")
    await services.people.set_opted_out(citizens[0], True)
    await services.people.mark_blocked(citizens[1])
    assert await b.audience_count(Segment()) == 7
    assert await b.audience_count(Segment(roles=["everyone"])) == 7
    assert await b.audience_count(Segment(roles=["alumni", "partner"])) == 5
    assert await b.audience_count(Segment(roles=["citizen"])) == 2
    assert await b.audience_count(Segment(regions=["36"])) == 5
    assert await b.audience_count(Segment(regions=["36.72", "32.73"])) == 5
    assert await b.audience_count(Segment(languages=["en"])) == 2
    assert await b.audience_count(Segment(user_ids=[*alumni, partners[0]])) == 4
    with pytest.raises(SegmentError, match="unknown role"):
        await b.audience_count(Segment(roles=["wizard"]))


async def test_registered_filters_and_a_clear_error_for_missing_ones(services: Any) -> None:
    filters = SegmentFilters()  # a deployment where no feature registered anything
    b = BroadcastService(services.db, services.clock, filters)
    ids = await _people(services, 4)
    with pytest.raises(SegmentError, match="no feature registered"):
        await b.create(text="x", segment=Segment(cohorts=["sd-2024"]), created_by=None)
    filters.register("cohorts", lambda values: select(User.id).where(User.id.in_(ids[:2])))
    assert await b.audience_count(Segment(cohorts=["sd-2024"])) == 2
    assert await b.audience_count(Segment(cohorts=["sd-2024"], user_ids=ids[1:])) == 1
    with pytest.raises(SegmentError):
        filters.register("colour", lambda v: select(User.id))
    # the app's own registry is where features register theirs
    assert isinstance(services.segment_filters, SegmentFilters)


def test_settings_keep_within_telegram_limits() -> None:
    assert BroadcastSettings().rate_per_second == 25
    with pytest.raises(ValueError, match="allow_paid_broadcast"):
        BroadcastSettings(rate_per_second=31)
    assert BroadcastSettings(rate_per_second=500, allow_paid_broadcast=True).rate_per_second == 500


def test_config_yml_broadcasts_section_errors_name_the_key(tmp_path: Path) -> None:
    config = tmp_path / "config.yml"
    config.write_text("broadcasts:\n  rate_per_second: 45\n")
    with pytest.raises(ConfigError, match="broadcasts"):
        load_settings(config, _env_file=None)


async def test_the_sample_files_load_and_reload_idempotently(services: Any) -> None:
    b = services.broadcasts
    results = await load(b, REPO / "broadcasts", tz=services.settings.tz, base_dir=REPO)
    assert ("hari-toleransi-2025", "created") in results
    again = await load(b, REPO / "broadcasts", tz=services.settings.tz, base_dir=REPO)
    assert all(outcome == "unchanged" for _, outcome in again)
    info = await b.get(await b.id_for("hari-toleransi-2025"))
    assert info.segment.roles == ["alumni", "partner"] and info.scheduled_at is not None


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ("slug: Bad Slug\nmessage: hi\n", "slug"),
        ("slug: ok\nmessage: 'a & b'\n", "invalid HTML"),
        ("slug: ok\nmessage: hi\nsegment: {roles: [wizard]}\n", "segment"),
        ("slug: ok\nmessage: hi\nsegment: {colour: [red]}\n", "segment"),
        ("slug: ok\nmessage: hi\nschedule: someday\n", "schedule"),
        ("slug: ok\nmessage: hi\nbuttons: [[{text: x}]]\n", "buttons row 1 button 1"),
        ("slug: ok\nmessage: hi\nmedia: {type: gif, file_id: x}\n", "media.type"),
        ("slug: ok\nmessage: hi\nmedia: {type: photo, path: nope.jpg}\n", "media.path"),
        ("slug: ok\nmesage: hi\n", "mesage"),
        ("slug: ok\nmessage: [unclosed\n", "not valid YAML"),
    ],
)
async def test_bad_files_say_which_file_and_field(
    services: Any, tmp_path: Path, body: str, where: str
) -> None:
    path = tmp_path / "bad.yml"
    path.write_text(body)
    with pytest.raises(BroadcastFileError) as err:
        await load(services.broadcasts, path, tz=services.settings.tz, base_dir=tmp_path)
    assert str(path) in str(err.value) and where in str(err.value)
    assert await services.broadcasts.list_broadcasts() == []


async def test_a_sent_broadcast_cannot_be_changed_by_reloading(
    services: Any, tmp_path: Path
) -> None:
    b = services.broadcasts
    path = tmp_path / "x.yml"
    path.write_text("slug: x\nmessage: satu\n")
    await load(b, path, tz=services.settings.tz)
    await b.schedule(await b.id_for("x"))
    path.write_text("slug: x\nmessage: dua\n")
    with pytest.raises(BroadcastFileError, match="new slug"):
        await load(b, path, tz=services.settings.tz)


def test_cli_load_send_status_cancel_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "config.yml"
    config.write_text("{}\n")
    monkeypatch.chdir(tmp_path)
    for name in ("BOT_TOKEN", "REDIS_URL", "TELEGRAM_API_URL"):
        monkeypatch.delenv(name, raising=False)
    env = {"RUKUN_CONFIG": str(config), "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'c.db'}"}
    (tmp_path / "b.yml").write_text("slug: halo\nmessage: Halo semua\nschedule: 2999-01-01 09:00\n")
    runner = CliRunner()
    result = runner.invoke(app, ["broadcast", "load", "b.yml"], env=env)
    assert result.exit_code == 0, result.output
    assert "created" in result.output
    result = runner.invoke(app, ["broadcast", "send", "halo"], env=env)
    assert result.exit_code == 0, result.output
    assert "2999-01-01" in result.output
    result = runner.invoke(app, ["broadcast", "send", "halo"], env=env)
    assert result.exit_code == 0, result.output  # still scheduled: rescheduling is allowed
    result = runner.invoke(app, ["broadcast", "status", "halo"], env=env)
    assert "[scheduled]" in result.output
    result = runner.invoke(app, ["broadcast", "list"], env=env)
    assert "halo" in result.output and "scheduled" in result.output
    result = runner.invoke(app, ["broadcast", "cancel", "halo"], env=env)
    assert result.exit_code == 0 and "cancelled" in result.output
    result = runner.invoke(app, ["broadcast", "send", "halo"], env=env)
    assert result.exit_code == 2 and "copy" in result.output
    result = runner.invoke(app, ["broadcast", "status", "nope"], env=env)
    assert result.exit_code == 2 and "no broadcast" in result.output
    (tmp_path / "bad.yml").write_text("slug: x\nmessage: 'a & b'\n")
    result = runner.invoke(app, ["broadcast", "load", "bad.yml"], env=env)
    assert result.exit_code == 2 and "bad.yml" in result.output
