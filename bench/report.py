"""Write benchmark sections into ``docs/benchmarks.md`` and describe the machine they ran on.

Each benchmark owns one ``## `` section, found by its heading. A new run replaces the section
with the same heading and leaves every other section as it was; a heading not yet in the file
is appended. ``python bench/report.py`` lists the sections and when each was measured.
"""

from __future__ import annotations

import os
import platform
import re
import shlex
import subprocess
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

__all__ = ["BENCH_DIR", "DOC", "ROOT", "context_lines", "fmt", "table", "write_section"]

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
DOC = ROOT / "docs" / "benchmarks.md"
_PREAMBLE = """# Benchmarks

Measured by the harness in `bench/` (see `bench/README.md`), run on demand, not in CI. Each
section says when, on what machine, at which commit and with which command it was measured.
The machine is shared and noisy: compare engines by the ratios measured in the same run, not
by absolute times across sections. Rerunning a benchmark replaces its section by heading.
"""


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_gib() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def _commit() -> str:
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
        return done.stdout.strip()

    head = git("rev-parse", "--short=12", "HEAD") or "unknown"
    dirty = git("status", "--porcelain", "--untracked-files=no", "--", "embargo")
    return f"{head} (embargo/ has uncommitted changes)" if dirty else head


def context_lines(extra: Sequence[str] = ()) -> list[str]:
    """Date, machine, commit and command of this run, as markdown list items."""
    command = shlex.join([Path(sys.executable).name, *[_rel(a) for a in sys.argv]])
    lines = [
        f"- date: {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- machine: {os.cpu_count()} cores ({_cpu_model()}), {_memory_gib()} memory, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}",
        f"- commit: {_commit()}",
        f"- command: `{command}`",
    ]
    return lines + [f"- {line}" for line in extra]


def _rel(arg: str) -> str:
    try:
        return str(Path(arg).resolve().relative_to(ROOT)) if Path(arg).exists() else arg
    except ValueError:
        return arg


def fmt(value: float | int | str | None, digits: int = 3) -> str:
    """A table cell: floats rounded, None as a dash."""
    if value is None:
        return "–"
    if isinstance(value, float):
        return "–" if value != value else f"{value:.{digits}f}"  # NaN
    if isinstance(value, int):
        return f"{value:,}"
    return value


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A markdown table."""
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def _split(text: str) -> tuple[str, list[tuple[str, str]]]:
    parts = re.split(r"(?m)^(?=## )", text)
    head = parts[0]
    sections = [(part.splitlines()[0].strip(), part) for part in parts[1:]]
    return head, sections


def write_section(heading: str, body: Sequence[str], doc: Path = DOC) -> None:
    """Replace (or append) the ``## heading`` section of ``doc`` with ``body``."""
    title = f"## {heading}"
    block = "\n".join([title, "", *body]).rstrip() + "\n\n"
    text = doc.read_text(encoding="utf-8") if doc.exists() else _PREAMBLE + "\n"
    head, sections = _split(text)
    replaced = False
    out = []
    for name, part in sections:
        if name == title:
            out.append(block)
            replaced = True
        else:
            out.append(part if part.endswith("\n\n") else part.rstrip() + "\n\n")
    if not replaced:
        out.append(block)
    doc.parent.mkdir(parents=True, exist_ok=True)
    doc.write_text((head.rstrip() + "\n\n" + "".join(out)).rstrip() + "\n", encoding="utf-8")
    print(f"{'replaced' if replaced else 'added'} section {title!r} in {doc}")


def main() -> None:
    """List the sections of docs/benchmarks.md with their date lines."""
    if not DOC.exists():
        print(f"{DOC} does not exist yet")
        return
    _, sections = _split(DOC.read_text(encoding="utf-8"))
    for name, part in sections:
        date = next((line for line in part.splitlines() if line.startswith("- date:")), "- date: ?")
        print(f"{name}  ({date[8:]})")


if __name__ == "__main__":
    main()
