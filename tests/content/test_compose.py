"""/konten_baru through the emulator: post, title, topics, preview, publish, push to a cohort through
the broadcast engine; and the coordinator's stats in chat and from the CLI."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from typer.testing import CliRunner

from tests.content.helpers import cohort_code, content_of, coordinator, join_cohort, soon
from tests.support.harness import Harness, button_texts


async def test_compose_publish_and_push_to_a_cohort(harness: Harness) -> None:
    koor = await coordinator(harness)
    _, banten = await cohort_code(harness, "Sekolah Demokrasi Banten 2023")
    jatim_id, jatim = await cohort_code(harness, "Sekolah Demokrasi Jawa Timur 2024")
    siti = harness.user("Siti")
    await join_cohort(harness, siti, jatim, region="Sampang")
    budi = harness.user("Budi")
    await join_cohort(harness, budi, banten)

    [ask] = await koor.send("/konten_baru")
    assert "Kirim atau teruskan" in ask["text"]
    [bad] = await koor.send(photo=True, text=None)  # a photo without a caption
    assert "teks atau keterangan" in bad["text"]
    [title_ask] = await koor.send(
        photo=True,
        caption="Ibadah itu hak, <bukan> hadiah. Laporkan pelarangan ibadah ke LBH & FKUB.",
    )
    assert "judul" in title_ask["text"]
    [short] = await koor.send("Hi")
    assert "3 sampai" in short["text"]
    [topics] = await koor.send("Ibadah Itu Hak")
    await koor.press(topics, "Kebebasan beragama")
    await koor.press(topics, "Lanjut", expect=2)
    preview, confirm = (await koor.inbox())[-2:]
    assert preview["photo"] and "Ibadah Itu Hak" in preview["caption"]
    assert "&lt;bukan&gt;" not in preview["caption"] and "<bukan>" in preview["caption"]
    await koor.press(confirm, "Kembali")
    topics = await soon(koor, "Pilih topik", message_id=confirm["message_id"])
    assert "✅ Kebebasan beragama" in button_texts(topics)
    await koor.press(topics, "Lanjut", expect=2)
    confirm = await koor.last()
    await koor.press(confirm, "Terbitkan", expect=1)
    push = await koor.last()
    assert "Semua alumni" in button_texts(push)
    item = await content_of(harness).library.by_slug("ibadah-itu-hak")
    assert item is not None and item.published and item.media_file_id
    assert item.topics == ("kebebasan-beragama",)

    await koor.press(push, "Per angkatan")
    cohorts = await soon(koor, "angkatan mana", message_id=push["message_id"])
    await koor.press(cohorts, "Jawa Timur", expect=1)
    assert "dijadwalkan" in (await koor.last())["text"]

    received = await siti.emu.wait_bot_messages(siti.id, len(await siti.inbox()) + 1, timeout=15)
    sent = next(m for m in received if "Ibadah Itu Hak" in (m.get("caption") or ""))
    assert sent["photo"]
    rows = sent["reply_markup"]["inline_keyboard"]
    assert rows[0][0]["switch_inline_query"] == "ibadah-itu-hak"
    await siti.press(sent, "Sudah saya bagikan", expect=1)
    where = await siti.last()
    await siti.press(where, "WhatsApp")
    await soon(siti, "Tercatat", message_id=where["message_id"])
    assert not any("Ibadah Itu Hak" in (m.get("caption") or "") for m in await budi.inbox())
    broadcasts = await harness.services.broadcasts.list_broadcasts()
    assert broadcasts[0].source == "content:ibadah-itu-hak"
    assert broadcasts[0].segment.cohorts == [str(jatim_id)]


async def test_compose_is_for_coordinators_and_can_be_cancelled(harness: Harness) -> None:
    user = harness.user("Warga")
    await user.send("/start")
    [reply] = await user.send("/konten_baru")
    assert "Kirim atau teruskan" not in reply["text"]
    koor = await coordinator(harness)
    [ask] = await koor.send("/konten_baru")
    await koor.press(ask, "Batal")
    await soon(koor, "dibatalkan", message_id=ask["message_id"])
    [after] = await koor.send("Teks biasa yang bukan postingan")
    assert "judul" not in after["text"]
    assert await content_of(harness).library.all_items() == []


async def test_push_to_topic_and_region_reach_the_right_alumni(harness: Harness) -> None:
    koor = await coordinator(harness)
    _, code = await cohort_code(harness)
    siti = harness.user("Siti")
    await join_cohort(harness, siti, code, region="Cilegon", topics=("Cek fakta",))
    budi = harness.user("Budi")
    await join_cohort(harness, budi, code, region="Lebak", topics=("Toleransi",))
    broadcasts = harness.services.broadcasts
    from bot.broadcasting.segments import Segment

    assert await broadcasts.audience_count(Segment(roles=["alumni"], topics=["cek-fakta"])) == 1
    assert await broadcasts.audience_count(Segment(roles=["alumni"], cohorts=["1"])) == 2

    await koor.send("/konten_baru")
    await koor.send("Cek dulu sebelum sebar, ya!")
    [topics] = await koor.send("Cek Dulu")
    await koor.press(topics, "Cek fakta")
    await koor.press(topics, "Lanjut", expect=2)
    await koor.press(await koor.last(), "Terbitkan", expect=1)
    push = await koor.last()
    await koor.press(push, "Per wilayah")
    await soon(koor, "Ketik nama provinsi", message_id=push["message_id"])
    [done] = await koor.send("36.02")  # Kabupaten Lebak
    assert "dijadwalkan" in done["text"]
    received = await budi.emu.wait_bot_messages(budi.id, len(await budi.inbox()) + 1, timeout=15)
    assert any("Cek Dulu" in (m.get("text") or "") for m in received)
    assert not any("Cek Dulu" in (m.get("text") or "") for m in await siti.inbox())


async def test_stats_in_chat_and_cli(harness: Harness, tmp_path: Path) -> None:
    from bot.cli import app

    koor = await coordinator(harness)
    content = content_of(harness)
    _, code = await cohort_code(harness)
    siti = harness.user("Siti")
    await join_cohort(harness, siti, code)
    from bot.content.library import ItemDraft

    item, _ = await content.library.upsert(
        ItemDraft(slug="rukun-itu-indah", title="Rukun Itu Indah", body="Isi")
    )
    await content.sharing.record_share(siti.id, item.id, "whatsapp")
    await content.sharing.record_share(siti.id, item.id, "whatsapp")
    await content.sharing.record_share(siti.id, item.id, "offline")
    ref = await content.sharing.referral_code(siti.id)
    await harness.user("Baru").send(f"/start r-{ref}_{item.id}", expect=2)

    [stats] = await koor.send("/statistik_konten")
    assert "Rukun Itu Indah: 3 dibagikan (WhatsApp 2, Luring 1) · 1 bergabung" in stats["text"]
    assert (
        "Sekolah Demokrasi Banten 2023: 3 dibagikan (WhatsApp 2, Luring 1) · 1 bergabung"
        in stats["text"]
    )

    config = tmp_path / "cfg.yml"
    config.write_text("{}\n")
    env = {"RUKUN_CONFIG": str(config), "DATABASE_URL": harness.settings.database_url}
    runner = CliRunner()
    as_json = await asyncio.to_thread(
        runner.invoke, app, ["content", "stats", "--format", "json"], env=env
    )
    rows = {r["key"]: r for r in json.loads(as_json.stdout)}
    assert (
        rows["rukun-itu-indah"]["shares_whatsapp"] == 2 and rows["rukun-itu-indah"]["joined"] == 1
    )
    as_csv = await asyncio.to_thread(runner.invoke, app, ["content", "stats"], env=env)
    lines = as_csv.stdout.splitlines()
    assert lines[0].startswith("kind,key,title,shares,shares_whatsapp")
    assert "item,rukun-itu-indah,Rukun Itu Indah,3,2,0,0,0,0,0,1,1" in lines
    invite = await asyncio.to_thread(
        runner.invoke, app, ["cohorts", "invite", "1", "--bot", "rukun_bot"], env=env
    )
    assert invite.stdout.strip() == f"https://t.me/rukun_bot?start=a-{code}"
    listing = await asyncio.to_thread(runner.invoke, app, ["cohorts", "list", "--json"], env=env)
    assert json.loads(listing.stdout)["members"] == 1
    added = await asyncio.to_thread(
        runner.invoke,
        app,
        ["cohorts", "add", "--name", "Sekolah Toleransi Sampang 2024", "--region", "Sampang"],
        env=env,
    )
    assert added.exit_code == 0 and "cohort 2 created" in added.stdout
    revoke = await asyncio.to_thread(runner.invoke, app, ["cohorts", "revoke", code], env=env)
    assert revoke.exit_code == 0
    again = await asyncio.to_thread(runner.invoke, app, ["cohorts", "revoke", code], env=env)
    assert again.exit_code == 2 and "no active invite code" in again.output
