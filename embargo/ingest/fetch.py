"""Download list files from their publishers (or an HTTP mirror).

Downloads are conditional: the ``ETag`` and ``Last-Modified`` of the last
download are kept beside the cached file, so an unchanged list costs one
``304 Not Modified``. Timeouts are set, transient failures (timeouts,
connection errors, 429 and 5xx answers) are retried with backoff, and a file
is only moved into the cache once completely received, so a broken download
never replaces a good one.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from embargo import __version__
from embargo.errors import FetchError
from embargo.settings import http_timeout

__all__ = ["Download", "download"]

RETRIES = 3
#: Seconds before retry n is ``BACKOFF * 2**n`` (tests set it to 0).
BACKOFF = 1.0
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
#: A list file larger than this is refused (the largest official file is ~150 MB).
MAX_BYTES = 1 << 30


@dataclass(frozen=True, slots=True)
class Download:
    """A downloaded (or still current cached) file."""

    path: Path
    url: str
    not_modified: bool


def _meta_path(target: Path) -> Path:
    return target.with_name(target.name + ".meta.json")


def _read_meta(target: Path) -> dict[str, str]:
    try:
        data = json.loads(_meta_path(target).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def download(url: str, target: Path, client: httpx.Client | None = None) -> Download:
    """Fetch ``url`` into ``target`` unless the cached copy is still current.

    Raises:
        FetchError: after the retries, with the last reason.
    """
    if urlsplit(url).scheme not in ("http", "https"):
        raise FetchError(f"not an http(s) address: {url}")
    target.parent.mkdir(parents=True, exist_ok=True)
    meta = _read_meta(target) if target.exists() else {}
    headers = {"User-Agent": f"embargo/{__version__}"}
    if "etag" in meta:
        headers["If-None-Match"] = meta["etag"]
    if "last_modified" in meta:
        headers["If-Modified-Since"] = meta["last_modified"]
    own = client is None
    http = client or httpx.Client(timeout=http_timeout(), follow_redirects=True)
    last_error = "no attempt made"
    try:
        for attempt in range(RETRIES):
            if attempt:
                time.sleep(BACKOFF * 2**attempt)
            try:
                result = _attempt(http, url, target, headers)
            except httpx.HTTPError as exc:
                last_error = f"{type(exc).__name__}: {exc}"
                continue
            if isinstance(result, str):
                last_error = result
                continue
            return result
    finally:
        if own:
            http.close()
    raise FetchError(f"could not download {url}: {last_error}")


def _attempt(http: httpx.Client, url: str, target: Path, headers: dict[str, str]) -> Download | str:
    """One try: a Download, or a retryable reason as a string."""
    partial = target.with_name(target.name + ".part")
    with http.stream("GET", url, headers=headers) as response:
        if response.status_code == 304 and target.exists():
            return Download(target, url, True)
        if response.status_code in _RETRY_STATUS:
            return f"HTTP {response.status_code}"
        if response.status_code != 200:
            raise FetchError(f"could not download {url}: HTTP {response.status_code}")
        size = 0
        with partial.open("wb") as fh:
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > MAX_BYTES:
                    partial.unlink(missing_ok=True)
                    raise FetchError(f"{url} is larger than {MAX_BYTES} bytes; refused")
                fh.write(chunk)
        expected = response.headers.get("content-length")
        if (
            expected is not None
            and expected.isdigit()
            and int(expected) != size
            and not response.headers.get("content-encoding")
        ):
            partial.unlink(missing_ok=True)
            return f"connection closed after {size} of {expected} bytes"
        meta = {}
        if etag := response.headers.get("etag"):
            meta["etag"] = etag
        if modified := response.headers.get("last-modified"):
            meta["last_modified"] = modified
    partial.replace(target)
    _meta_path(target).write_text(json.dumps(meta), "utf-8")
    return Download(target, url, False)
