"""MP3 without its tags: ID3v2 (front or appended), ID3v1 and Enhanced TAG+ are cut off.

ID3 frames hold artist, album art, comments and free text that a recorder app may fill with the
owner's name. APEv2 and Lyrics3 tags are not parsed: a file with them is refused.
"""

from __future__ import annotations

from bot.reports.domain.scrub.errors import UnscrubbableError


def _syncsafe(raw: bytes) -> int:
    return (raw[0] & 0x7F) << 21 | (raw[1] & 0x7F) << 14 | (raw[2] & 0x7F) << 7 | raw[3] & 0x7F


def strip_mp3(data: bytes) -> bytes:
    """The MPEG audio frames only."""
    start, end = 0, len(data)
    while data[start : start + 3] == b"ID3":
        if end < start + 10:
            raise UnscrubbableError("the MP3's ID3 tag is damaged")
        footer = 10 if data[start + 5] & 0x10 else 0
        start += 10 + _syncsafe(data[start + 6 : start + 10]) + footer
    if end - start >= 128 and data[end - 128 : end - 125] == b"TAG":
        end -= 128
    if end - start >= 227 and data[end - 227 : end - 223] == b"TAG+":
        end -= 227
    if end - start >= 10 and data[end - 10 : end - 7] == b"3DI":  # an appended ID3v2.4 tag
        end -= 20 + _syncsafe(data[end - 4 : end])
    if b"APETAGEX" in data[max(start, end - 32) : end] or data[end - 9 : end] in (
        b"LYRICS200",
        b"LYRICSEND",
    ):
        raise UnscrubbableError("the MP3 has APE or Lyrics3 tags, which are not cleaned")
    body = data[start:end] if start < end else b""
    if len(body) < 2 or body[0] != 0xFF or body[1] & 0xE0 != 0xE0:
        raise UnscrubbableError("the MP3 has no audio frame where its tags end")
    return body
