"""docs/api.md shows a curl call for every endpoint the OpenAPI document lists."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.conftest import ROOT


def _curl_calls(text: str) -> list[str]:
    """Every curl command in the doc's code blocks, continuation lines joined."""
    joined = re.sub(r"\\\n\s*", " ", text)
    return [line for line in joined.splitlines() if line.lstrip().startswith("curl ")]


def test_every_endpoint_has_a_curl_example(app_client: TestClient) -> None:
    calls = _curl_calls((ROOT / "docs" / "api.md").read_text(encoding="utf-8"))
    missing = []
    for path, operations in app_client.app.openapi()["paths"].items():  # type: ignore[attr-defined]
        if path.startswith("/ui"):  # the browser pages: docs/ui.md, not API calls
            continue
        pattern = re.escape(path)
        pattern = re.sub(r"\\\{[a-z_]+\\\}", r"[^/?\"' ]+", pattern)
        url = re.compile(r"\$E" + pattern + r"(?=[?\"' ]|$)")
        for method in operations:
            verb = method.upper()
            if not any(
                url.search(call) and ((f"-X {verb}" in call) if verb != "GET" else "-X " not in call) for call in calls
            ):
                missing.append(f"{verb} {path}")
    assert not missing, f"docs/api.md has no curl example for: {missing}"
