"""Write ``embargo/names/data/hanja_ko.tsv``: the Korean (Sino-Korean) reading of each Chinese character.

    .venv/bin/pip install hanja==0.15.1 && .venv/bin/python tools/make_hanja_table.py

Source: the ``hanja`` package (Sumin Byeon, https://github.com/suminb/hanja, WTFPL v2), whose
``table.yml`` maps about 27,500 characters, Traditional and Simplified, to their Hangul reading.
Only characters of the CJK Unified Ideographs block (U+4E00..U+9FFF) with one reading are kept,
grouped by reading: one line per Hangul syllable, the syllable, a tab, then its characters. The
package itself is not a dependency of embargo (it declares pytest and coveralls as run-time
requirements); this derived table is committed instead and :mod:`embargo.names.syllables`
reads it.
"""

from __future__ import annotations

import importlib.metadata
from collections import defaultdict
from importlib.util import find_spec
from pathlib import Path

import yaml

OUT = Path(__file__).resolve().parent.parent / "embargo" / "names" / "data" / "hanja_ko.tsv"


def main() -> None:
    spec = find_spec("hanja")
    if spec is None or spec.origin is None:
        raise SystemExit("hanja is not installed: pip install hanja==0.15.1")
    table = yaml.safe_load((Path(spec.origin).parent / "table.yml").read_text(encoding="utf-8"))
    by_reading: dict[str, list[str]] = defaultdict(list)
    for char, reading in table.items():
        if len(char) == 1 and 0x4E00 <= ord(char) <= 0x9FFF and len(reading) == 1:
            by_reading[reading].append(char)
    version = importlib.metadata.version("hanja")
    header = f"# Korean readings of Chinese characters, from hanja {version} table.yml (WTFPL v2)"
    lines = [f"{header}; tools/make_hanja_table.py"]
    lines += [f"{reading}\t{''.join(sorted(chars))}" for reading, chars in sorted(by_reading.items())]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(by_reading)} readings, {sum(map(len, by_reading.values()))} characters")


if __name__ == "__main__":
    main()
