"""Credential headers and query values are masked in what events show."""

from __future__ import annotations

from transports.credentials import is_credential_header, masked, shown_headers, shown_url


def test_credential_headers_match_case_insensitively_on_the_trimmed_name() -> None:
    assert is_credential_header(" AUTHORIZATION ") and is_credential_header("cookie")
    assert not is_credential_header("X-Request-Id")


def test_shown_headers_mask_credentials_and_set_cookie_only() -> None:
    text = shown_headers([("Authorization", "Bearer abc"), ("set-cookie", "sid=1"),
                          ("X-Trace", "t1"), ("Cookie", "")])
    assert text.splitlines() == ["Authorization: •••• (10 characters withheld)",
                                 "set-cookie: •••• (5 characters withheld)",
                                 "X-Trace: t1", "Cookie: "]
    assert masked("") == ""


def test_shown_url_masks_token_like_query_values_and_leaves_others_as_typed() -> None:
    assert (shown_url("ws://h:1/feed?room=7&access_token=abc&key=")
            == "ws://h:1/feed?room=7&access_token=****&key=")
    plain = "ws://h:1/feed?room=%207&x"
    assert shown_url(plain) == plain
