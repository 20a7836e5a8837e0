"""Secrets never reach the server's logs (:mod:`embargo.api.redact`)."""

from __future__ import annotations

import logging

import pytest

from embargo.api.redact import RedactSecrets, install, redact


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("GET /match/default?api_key=ek_live_123&limit=5", "GET /match/default?api_key=***&limit=5"),
        ("/search?q=x&apikey=abc", "/search?q=x&apikey=***"),
        ("password=hunter2&user=ana", "password=***&user=ana"),
        ("Authorization: ApiKey ek_live_123", "Authorization: ApiKey ***"),
        ("Authorization: Bearer abc.def-ghi", "Authorization: Bearer ***"),
        ("/entities?monkey=1", "/entities?monkey=1"),  # a word that ends in "key" is no key
    ],
)
def test_secret_values_are_masked(text: str, kept: str) -> None:
    assert redact(text) == kept


def test_the_access_log_line_carries_no_key(caplog: pytest.LogCaptureFixture) -> None:
    """uvicorn's access log formats the path with its query string from the record's arguments."""
    install()
    install()  # twice is once
    access = logging.getLogger("uvicorn.access")
    assert sum(isinstance(f, RedactSecrets) for f in access.filters) == 1
    with caplog.at_level(logging.INFO, logger="uvicorn.access"):
        access.info('%s - "%s %s HTTP/%s" %d', "10.0.0.1:5000", "GET", "/match/default?api_key=SECRET1", "1.1", 200)
    assert caplog.records
    assert "SECRET1" not in caplog.text
    assert "api_key=***" in caplog.text
