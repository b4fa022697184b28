"""Cohort invites through the emulator: alumnus with region and topics; revoked codes; rosters."""

from __future__ import annotations

import asyncio
from pathlib import Path

from typer.testing import CliRunner

from bot.people.models import Role
from tests.content.helpers import cohort_code, content_of, coordinator, join_cohort, soon
from tests.support.harness import Harness, button_texts
from tests.support.markers import both_backends


@both_backends
async def test_invite_makes_an_alumnus_with_region_and_topics(harness: Harness) -> None:
    cohort_id, code = await cohort_code(harness)
    siti = harness.user("Siti", username="siti_banten")
    greeting, welcome = await siti.send(f"/start a-{code}", expect=2)
    assert "Halo, Siti!" in greeting["text"]
    assert "Sekolah Demokrasi Banten 2023" in welcome["text"]
    assert "kabupaten/kota" in welcome["text"]

    [which] = await siti.send("Bekasi")  # Kota and Kabupaten Bekasi: ask which
    assert "Yang mana" in which["text"]
    assert any("Kota Bekasi" in b for b in button_texts(which))
    await siti.press(which, "Kota Bekasi", expect=1)
    topics = await siti.last()
    assert "Kota Bekasi" in topics["text"]
    await siti.press(topics, "Selesai")  # nothing picked yet: refused
    await siti.press(topics, "Toleransi")
    await siti.press(topics, "Cek fakta")
    topics = (await siti.inbox())[-1]
    assert "✅ Toleransi" in button_texts(topics)
    await siti.press(topics, "Selesai", expect=1)
    consent = await siti.last()
    await siti.press(consent, "Boleh", expect=1)
    assert "sudah lengkap" in (await siti.last())["text"]

    person = await harness.services.people.get(siti.id)
    assert Role.ALUMNI in person.roles
    assert person.region_code == "32.75"
    profile = await content_of(harness).cohorts.profile(siti.id)
    assert profile is not None
    assert profile.topics == ("cek-fakta", "toleransi")
    assert profile.leaderboard_opt_in is True
    [cohort] = await content_of(harness).cohorts.cohorts_of(siti.id)
    assert cohort.id == cohort_id and cohort.members == 1


async def test_region_steps_province_unknown_back_and_cancel(harness: Harness) -> None:
    _, code = await cohort_code(harness)
    budi = harness.user("Budi")
    await budi.send(f"/start a-{code}", expect=2)
    [province] = await budi.send("Banten")
    assert "provinsi" in province["text"]
    [unknown] = await budi.send("Kota Antah Berantah Sekali")
    assert "belum menemukan" in unknown["text"]
    [topics] = await budi.send("kota serang")
    await budi.press(topics, "Kembali")
    await soon(budi, "kabupaten/kota mana", message_id=topics["message_id"])
    [topics] = await budi.send("Lebak")
    assert "Kabupaten Lebak" in topics["text"]
    await budi.press(topics, "Batal")
    await soon(budi, "/alumni", message_id=topics["message_id"])
    person = await harness.services.people.get(budi.id)
    assert person.region_code == "36.02"  # saved at its step; cancel keeps it
    [reply] = await budi.send("Lebak")  # no longer in the step: not read as a region
    assert "Kabupaten Lebak" not in reply["text"]


async def test_revoked_code_is_refused_and_grants_nothing(harness: Harness) -> None:
    cohort_id, code = await cohort_code(harness)
    assert await content_of(harness).cohorts.revoke_invite(code)
    user = harness.user("Tamu")
    _, note = await user.send(f"/start a-{code}", expect=2)
    assert "tidak berlaku" in note["text"]
    person = await harness.services.people.get(user.id)
    assert person.roles == {Role.CITIZEN}
    new_code = await content_of(harness).invite_code(None, cohort_id)
    assert new_code != code
    _, welcome = await user.send(f"/start a-{new_code}", expect=2)
    assert "Selamat bergabung" in welcome["text"]


async def test_coordinator_manages_cohorts_in_chat(harness: Harness) -> None:
    koor = await coordinator(harness)
    [added] = await koor.send("/angkatan_baru Sekolah Demokrasi Hybrid Banten 2023 | Kota Cilegon")
    assert "https://t.me/" in added["text"] and "?start=a-" in added["text"]
    old_code = added["text"].rsplit("a-", 1)[1].strip()
    [listing] = await koor.send("/angkatan")
    assert "Kota Cilegon" in listing["text"] and "0 alumni" in listing["text"]
    await koor.press(listing, "Cabut", expect=1)
    renewed = await koor.last()
    assert "dicabut" in renewed["text"]
    new_code = renewed["text"].rsplit("a-", 1)[1].strip()
    assert new_code != old_code
    user = harness.user("Lama")
    _, note = await user.send(f"/start a-{old_code}", expect=2)
    assert "tidak berlaku" in note["text"]
    [bad] = await koor.send("/angkatan_baru Angkatan Baru | Bekasi")
    assert "ambiguous" in bad["text"] and "32.75" in bad["text"]

    citizen = harness.user("Warga")
    await citizen.send("/start")
    [reply] = await citizen.send("/angkatan")
    assert "Angkatan" not in reply["text"]  # not a coordinator: no cohort list
    forged = await citizen.press_data(listing, f"co:revoke:{1}")
    assert "koordinator" in (forged.get("text") or "")


async def test_roster_import_reports_bad_rows_and_matches_on_join(
    harness: Harness, tmp_path: Path, monkeypatch
) -> None:
    from bot.cli import app

    cohort_id, code = await cohort_code(harness)
    roster = tmp_path / "peserta.csv"
    roster.write_text(
        "nama,telepon,username,wilayah\n"
        "Siti Aminah,0812-3456-7890,@siti_banten,Kota Cilegon\n"
        ",081234,,\n"
        "Budi,,budi_lebak,Planet Mars\n"
        "Rina,,rina_serang,36.73\n"
        "Tanpa Kontak,,,Lebak\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    config = tmp_path / "cfg.yml"
    config.write_text("{}\n")
    env = {"RUKUN_CONFIG": str(config), "DATABASE_URL": harness.settings.database_url}
    args = ["cohorts", "import", str(cohort_id), "--csv", str(roster)]
    result = await asyncio.to_thread(CliRunner().invoke, app, args, env=env)
    assert result.exit_code == 1, result.output
    assert "2 roster entries loaded, 3 rows skipped" in result.stdout
    assert "line 3: the name is empty" in result.stderr
    assert "line 4: unknown region 'Planet Mars'" in result.stderr
    assert "line 6: needs a phone number or a Telegram username" in result.stderr

    info = await content_of(harness).cohorts.get(cohort_id)
    assert info.roster_pending == 2
    siti = harness.user("Siti", username="Siti_Banten")
    _, welcome = await siti.send(f"/start a-{code}", expect=2)
    assert "Kota Cilegon" in welcome["text"]  # from the roster: confirm instead of asking
    [topics] = await siti.send("ya")
    assert "Kota Cilegon" in topics["text"]
    assert (await content_of(harness).cohorts.get(cohort_id)).roster_pending == 1


async def test_alumni_commands_need_the_role(harness: Harness) -> None:
    user = harness.user("Warga")
    await user.send("/start")
    [impact] = await user.send("/dampak")
    assert "khusus alumni" in impact["text"]
    [board] = await user.send("/peringkat")
    assert "belum terdaftar" in board["text"]
    _, code = await cohort_code(harness)
    alumnus = harness.user("Alumna")
    await join_cohort(harness, alumnus, code)
    [again] = await alumnus.send("/alumni")
    assert "kabupaten/kota" in again["text"]
