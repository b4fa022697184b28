"""Content library: loading files (CLI, errors by file and field), /konten browsing, media reuse."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

from typer.testing import CliRunner

from bot.content.library import ItemDraft
from tests.content.helpers import SAMPLES, content_of, load_samples, soon
from tests.support.harness import Harness, button_texts


async def _cli(harness: Harness, tmp_path: Path, *args: str):  # type: ignore[no-untyped-def]
    from bot.cli import app

    config = tmp_path / "cfg.yml"
    config.write_text("{}\n")
    env = {"RUKUN_CONFIG": str(config), "DATABASE_URL": harness.settings.database_url}
    return await asyncio.to_thread(CliRunner().invoke, app, list(args), env=env)


async def test_content_load_is_idempotent_and_reports_bad_files(
    harness: Harness, tmp_path: Path
) -> None:
    folder = tmp_path / "content"
    shutil.copytree(SAMPLES, folder)
    (folder / "rusak.yml").write_text("slug: rusak\ntitle: Rusak\nbody: <b>tidak ditutup\n")
    (folder / "topik.yml").write_text(
        "slug: topik-salah\ntitle: Topik\nbody: Halo\ntopics: [sepak-bola]\n"
    )
    (folder / "tanpa-judul.md").write_text("---\nslug: tanpa-judul\n---\nIsi saja.\n")
    result = await _cli(harness, tmp_path, "content", "load", str(folder))
    assert result.exit_code == 1
    assert "4 created, 0 updated, 3 failed" in result.stdout
    assert f"{folder / 'rusak.yml'}:3: body: not valid Telegram HTML" in result.stderr
    assert f"{folder / 'topik.yml'}:4: topics: unknown topic 'sepak-bola'" in result.stderr
    assert f"{folder / 'tanpa-judul.md'}:2: title: is required" in result.stderr
    for bad in ("rusak.yml", "topik.yml", "tanpa-judul.md"):
        (folder / bad).unlink()
    again = await _cli(harness, tmp_path, "content", "load", str(folder))
    assert again.exit_code == 0 and "0 created, 4 updated, 0 failed" in again.stdout
    listing = await _cli(harness, tmp_path, "content", "list")
    assert listing.stdout.count("\n") == 4 and "cek-fakta-sebelum-berbagi" in listing.stdout
    item = await content_of(harness).library.by_slug("cek-fakta-sebelum-berbagi")
    assert item is not None and '<a href="https://cekfakta.com">' in item.body


async def test_browse_newest_by_topic_and_paged(harness: Harness) -> None:
    await load_samples(harness)
    library = content_of(harness).library
    for n in range(4):
        await library.upsert(
            ItemDraft(slug=f"ekstra-{n}", title=f"Ekstra {n}", body="Isi", topics=("demokrasi",))
        )
    siti = harness.user("Siti")
    await siti.send("/start")
    [page1] = await siti.send("Konten Kampanye")  # the menu button
    assert "Halaman 1 dari 2" in page1["text"]
    labels = button_texts(page1)
    assert labels[0] == "📄 Ekstra 3"  # newest first
    assert "▶️" in labels
    await siti.press(page1, "▶️")
    page2 = await soon(siti, "Halaman 2 dari 2", message_id=page1["message_id"])
    assert "◀️" in button_texts(page2)
    await siti.press(page2, "Pilih topik")
    topics = await soon(siti, "topik apa", message_id=page1["message_id"])
    await siti.press(topics, "Cek fakta")
    by_topic = await soon(siti, "Cek fakta", message_id=page1["message_id"])
    assert button_texts(by_topic)[0] == "📄 Cek Fakta Sebelum Berbagi"
    await siti.press(by_topic, "Cek Fakta Sebelum", expect=1)
    item = await siti.last()
    assert "Cek Fakta Sebelum Berbagi" in item["text"]
    share = [b for b in item["reply_markup"]["inline_keyboard"][0]]
    assert share[0]["switch_inline_query"] == "cek-fakta-sebelum-berbagi"
    assert "Sudah saya bagikan" in button_texts(item)[1]
    [via_command] = await siti.send("/konten")
    assert via_command["text"] == page1["text"]


async def test_photo_is_uploaded_once_then_reused(harness: Harness) -> None:
    await load_samples(harness)
    item = await content_of(harness).library.by_slug("merawat-kebhinekaan-dari-rumah")
    assert item is not None and item.media_file_id is None
    users = [harness.user(name) for name in ("Ani", "Budi")]
    for user in users:
        await user.send("/start")
        [listing] = await user.send("/konten")
        await user.press(listing, "Merawat Kebhinekaan", expect=1)
        sent = await user.last()
        assert sent["photo"] and "Merawat Kebhinekaan dari Rumah" in sent["caption"]
    stored = await content_of(harness).library.by_slug("merawat-kebhinekaan-dari-rumah")
    assert stored is not None and stored.media_file_id
    uploads = [c for c in await harness.emu.calls("sendPhoto")]
    assert len(uploads) == 2
    assert uploads[1]["params"]["photo"] == stored.media_file_id  # the second send reused the id


async def test_expired_and_draft_items_are_not_listed(harness: Harness) -> None:
    from datetime import timedelta

    library = content_of(harness).library
    now = harness.clock.now()
    await library.upsert(
        ItemDraft(slug="lama", title="Sudah Lewat", body="x", valid_until=now - timedelta(days=1))
    )
    await library.upsert(ItemDraft(slug="draf", title="Masih Draf", body="x", publish=False))
    await library.upsert(ItemDraft(slug="baru", title="Masih Berlaku", body="x"))
    user = harness.user("Ani")
    await user.send("/start")
    [listing] = await user.send("/konten")
    assert button_texts(listing)[:1] == ["📄 Masih Berlaku"]
    assert not any("Lewat" in b or "Draf" in b for b in button_texts(listing))
