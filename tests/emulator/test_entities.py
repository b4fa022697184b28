"""HTML parse_mode parsing: entities, offsets and Telegram's error strings."""

from __future__ import annotations

import pytest

from bot.emulator.entities import EntityParseError, parse_html


def test_simple_tags_produce_entities() -> None:
    text, entities = parse_html("<b>Halo</b> <i>dunia</i> &lt;3 &amp; &#128512;")
    assert text == "Halo dunia <3 & 😀"
    assert entities == [
        {"offset": 0, "length": 4, "type": "bold"},
        {"offset": 5, "length": 5, "type": "italic"},
    ]


def test_offsets_are_utf16() -> None:
    text, entities = parse_html("😀 <u>x</u>")
    assert text == "😀 x"
    assert entities == [{"offset": 3, "length": 1, "type": "underline"}]


def test_links_pre_code_spoiler_blockquote() -> None:
    source = (
        '<a href="https://e.org/?a=1&amp;b=2">l</a><pre><code class="language-py">x</code></pre>'
        '<span class="tg-spoiler">s</span><tg-spoiler>t</tg-spoiler>'
        "<blockquote expandable>q</blockquote>"
        '<code>c</code><tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>'
    )
    text, entities = parse_html(source)
    assert text == "lxstqc👍"
    types = [(e["type"], e["offset"], e["length"]) for e in entities]
    assert types == [
        ("text_link", 0, 1),
        ("pre", 1, 1),
        ("spoiler", 2, 1),
        ("spoiler", 3, 1),
        ("expandable_blockquote", 4, 1),
        ("code", 5, 1),
        ("custom_emoji", 6, 2),
    ]
    assert entities[0]["url"] == "https://e.org/?a=1&b=2"
    assert entities[1]["language"] == "py"


def test_nested_entities_sorted_and_whitespace_trimmed() -> None:
    text, entities = parse_html("  <b>a <i>b</i></b>\n")
    assert text == "a b"
    assert entities == [
        {"offset": 0, "length": 3, "type": "bold"},
        {"offset": 2, "length": 1, "type": "italic"},
    ]


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("Halo <foo>x</foo>", 'Unsupported start tag "foo" at byte offset 5'),
        ("<b>bold", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("1 < 2", 'Unsupported start tag "" at byte offset 2'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("Tom & Jerry", 'Unescaped "&" at byte offset 4; use "&amp;"'),
        ("é<b", "Unclosed start tag at byte offset 2"),
        ('<span class="x">y</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
    ],
)
def test_parse_errors(source: str, reason: str) -> None:
    with pytest.raises(EntityParseError) as info:
        parse_html(source)
    assert info.value.description == f"Bad Request: can't parse entities: {reason}"


def test_lenient_ampersand_like_real_telegram() -> None:
    assert parse_html("Tom & Jerry &nbsp;", strict=False) == ("Tom & Jerry &nbsp;", [])
