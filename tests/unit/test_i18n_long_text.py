"""A long text argument (a reporter's story or answer) reaches the message whole and escaped."""

from __future__ import annotations

from bot.i18n import PLACEABLE_MAX, Catalog


def test_an_argument_longer_than_fluent_allows_is_kept_whole() -> None:
    t = Catalog().translator("id")
    answer = "Sekitar jam 9 pagi <b>20 petugas</b> & warga datang. " * 70
    assert len(answer) > 2500 > PLACEABLE_MAX  # fluent.runtime alone gives "{???}"
    text = t("report-answer-relayed", code="LP-2026-000001", text=answer)
    assert text.startswith("💬 <b>Jawaban pelapor LP-2026-000001:</b>")
    assert text.endswith(answer.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
    # short arguments still go through Fluent as before
    assert t("report-claimed-ok", code="LP-1") == "Laporan LP-1 sekarang Anda tangani."
