"""Headless Chromium for the UI tests: Debian's browser driven by Playwright, axe-core run inside each page.

No browser is ever downloaded: Playwright only drives ``/usr/bin/chromium``
(``make browser`` installs it, and axe-core from npm, when missing).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> Path:
    """Debian's chromium, or skip (only when it is truly absent: ``make browser`` installs it)."""
    found = CHROMIUM if CHROMIUM.exists() else None
    if found is None:
        which = shutil.which("chromium")
        found = Path(which) if which else None
    if found is None:
        pytest.skip(
            "headless Chromium not installed (/usr/bin/chromium): run `make browser` (apt-get install chromium)"
        )
    return found


def axe_source() -> str:
    """axe-core's script, installed with ``npm ci`` in tests/web first if needed."""
    if not AXE.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail("axe-core is missing and npm is not installed: run `make browser`")
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=HERE, check=True, capture_output=True)
    return AXE.read_text(encoding="utf-8")


@dataclass
class PageChecker:
    """Checks each page it is given: no serious or critical axe violations, no console errors; saves a screenshot."""

    axe: str
    out: Path
    errors: list[str] = field(default_factory=list)
    shots: list[Path] = field(default_factory=list)

    def watch(self, page: Any) -> None:
        """Collect the console errors and uncaught exceptions of ``page``."""
        page.on("console", lambda msg: self.errors.append(f"console: {msg.text}") if msg.type == "error" else None)
        page.on("pageerror", lambda exc: self.errors.append(f"page error: {exc}"))

    def check(self, page: Any, name: str) -> dict[str, Any]:
        """Run axe on the page as it is now, assert it is clean, and save ``out/name.png``."""
        page.wait_for_load_state("load")
        page.add_script_tag(content=self.axe)
        result: dict[str, Any] = page.evaluate(
            "async () => await axe.run(document, {resultTypes: ['violations'], "
            "runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
        )
        bad = [v for v in result["violations"] if v.get("impact") in ("serious", "critical")]
        summary = [
            {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"][:5]]}
            for v in bad
        ]
        assert not bad, f"{name}: accessibility violations: {json.dumps(summary, indent=1)}"
        assert not self.errors, f"{name} ({page.url}): {self.errors}"
        shot = self.out / f"{name}.png"
        page.screenshot(path=str(shot), full_page=True)
        self.shots.append(shot)
        return result
