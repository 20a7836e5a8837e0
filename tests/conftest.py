"""Shared test fixtures: paths to the project's fixtures and the real data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


def shared_data_dir() -> Path:
    """``EMBARGO_SHARED_DATA``, defaulting to ``../shared/data`` beside the project."""
    return Path(os.environ.get("EMBARGO_SHARED_DATA", ROOT.parent / "shared" / "data"))


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real published files; tests using it skip when they are absent."""
    path = shared_data_dir()
    if not path.is_dir():
        pytest.skip(f"real data not found at {path} (set EMBARGO_SHARED_DATA)")
    return path


def shared_file(shared: Path, rel: str) -> Path:
    """A file under the real data folder, or skip the test when it is missing."""
    path = shared / rel
    if not path.exists():
        pytest.skip(f"{rel} not in {shared}")
    return path
