"""Service-level checks that need no Telegram: file parsing, Markdown, referral payloads, erasure."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.content.loader import ContentFileError, markdown_to_html, parse_file, read_content
from bot.content.roster import RosterFileError, parse_roster
from bot.content.settings import DEFAULT_TOPICS
from tests.content.helpers import SAMPLES, cohort_code, content_of, join_cohort
from tests.support.harness import Harness

WIB = ZoneInfo("Asia/Jakarta")


def test_samples_parse_and_fit_telegram() -> None:
    report = read_content(SAMPLES, topics=DEFAULT_TOPICS, tz=WIB)
    assert report.errors == []
    assert {d.slug for d in report.drafts} == {
        "merawat-kebhinekaan-dari-rumah",
        "kenali-hak-beribadah",
        "cek-fakta-sebelum-berbagi",
        "pemilu-damai-beda-pilihan",
    }


@pytest.mark.parametrize(
    ("text", "field", "problem"),
    [
        ("slug: Bad Slug\ntitle: T\nbody: x\n", "slug", "use 3-64 characters"),
        (
            "slug: ok-slug\ntitle: T\nbody: x\nmedia: {type: audio, path: x}\n",
            "media.type",
            "audio",
        ),
        (
            "slug: ok-slug\ntitle: T\nbody: x\nmedia: {type: photo, path: nope.png}\n",
            "media.path",
            "no such file",
        ),
        ("slug: ok-slug\ntitle: T\nbody: x\nvalid_from: kemarin\n", "valid_from", "YYYY-MM-DD"),
        ("slug: ok-slug\ntitle: T\nbody: x\nwarna: merah\n", "warna", "unknown key"),
        ("slug: ok-slug\ntitle: T\nbody: 'A & B'\n", "body", "not valid Telegram HTML"),
        ("- a\n- b\n", None, "must be a mapping"),
        ("slug: ok-slug\ntitle: a: b\n", None, "not valid YAML"),
    ],
)
def test_bad_files_name_the_field(
    tmp_path: Path, text: str, field: str | None, problem: str
) -> None:
    path = tmp_path / "item.yml"
    path.write_text(text)
    with pytest.raises(ContentFileError) as err:
        parse_file(path, topics=DEFAULT_TOPICS, tz=WIB)
    assert err.value.field == field
    assert problem in err.value.message
    assert str(err.value).startswith(f"{path}:")  # file:line: field: problem


def test_valid_until_date_is_inclusive_in_wib(tmp_path: Path) -> None:
    path = tmp_path / "item.yml"
    path.write_text("slug: ok-slug\ntitle: T\nbody: x\nvalid_until: 2025-11-16\n")
    draft = parse_file(path, topics=DEFAULT_TOPICS, tz=WIB)
    assert (
        draft.valid_until is not None
        and draft.valid_until.isoformat() == "2025-11-16T17:00:00+00:00"
    )


def test_markdown_subset_is_escaped_then_converted() -> None:
    html = markdown_to_html("**Tegas** & _santun_ <script> [cek](https://cekfakta.com)")
    assert html == (
        '<b>Tegas</b> &amp; <i>santun</i> &lt;script&gt; <a href="https://cekfakta.com">cek</a>'
    )


def test_roster_without_needed_columns_is_refused() -> None:
    with pytest.raises(RosterFileError, match="no 'name' column"):
        parse_roster("telepon,wilayah\n0812,Lebak\n")
    with pytest.raises(RosterFileError, match="'phone' or a 'username'"):
        parse_roster("nama,wilayah\nSiti,Lebak\n")
    rows, problems = parse_roster("nama;hp\nSiti;+62 812 3456 7890\nBudi;12\n")
    assert [r.phone for r in rows] == ["6281234567890"] and problems[0].line == 3


async def test_erasing_an_alumnus_removes_their_records(harness: Harness) -> None:
    _, code = await cohort_code(harness)
    siti = harness.user("Siti")
    await join_cohort(harness, siti, code)
    content = content_of(harness)
    await content.load_files(SAMPLES)
    item = await content.library.by_slug("kenali-hak-beribadah")
    assert item is not None
    await content.sharing.record_share(siti.id, item.id, "whatsapp")
    ref = await content.sharing.referral_code(siti.id)
    await harness.user("Baru").send(f"/start r-{ref}", expect=2)
    [ask] = await siti.send("/hapusdata")
    await siti.press(ask, "Ya, hapus")
    for _ in range(100):
        if not await content.cohorts.cohorts_of(siti.id):
            break
        import asyncio

        await asyncio.sleep(0.05)
    assert await content.cohorts.profile(siti.id) is None
    assert (await content.impact.impact(siti.id)).total.shares == 0
    stats = {r.key: r for r in await content.stats(None)}
    assert stats["kenali-hak-beribadah"].shares == 0 and stats["kenali-hak-beribadah"].joined == 0
