from bot.people.deeplinks import DeepLink, LinkKind, make_payload, parse_payload


def test_parse_valid_payloads() -> None:
    assert parse_payload("a-COHORT_01") == DeepLink(LinkKind.ALUMNI_INVITE, "COHORT_01")
    assert parse_payload("p-abc123") == DeepLink(LinkKind.PARTNER_INVITE, "abc123")
    assert parse_payload("r-Xy9") == DeepLink(LinkKind.REFERRAL, "Xy9")


def test_reject_malformed_payloads() -> None:
    for bad in (
        None,
        "",
        "a",
        "a-",
        "x-abc",
        "a-ab",
        "a-" + "x" * 63,
        "a-abc def",
        "a-abc%20",
        "a-abc-def",
        "ä-abc",
    ):
        assert parse_payload(bad) is None, bad


def test_make_payload_roundtrip() -> None:
    assert parse_payload(make_payload(LinkKind.REFERRAL, "abc_12")) == DeepLink(
        LinkKind.REFERRAL, "abc_12"
    )
