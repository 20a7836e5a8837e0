"""Peak memory and time of the OFAC advanced XML parser on a file as large as SDN_ADVANCED.XML.

    .venv/bin/python bench/ofac_advanced_memory.py [--size-mb 120] [--source PATH]

No full SDN_ADVANCED.XML (about 120 MB) is available to the project, so one is built: the real
CONS_ADVANCED.XML of 2020 (``$EMBARGO_SHARED_DATA/ofac/cons_advanced_2020-03-17.xml``, 375
parties, 2.7 MB) is repeated section by section (locations, documents, parties,
relationships, entries) until the file reaches ``--size-mb``, each copy's instance ids
(``ID``, ``FixedRef``, ``ProfileID``, ``IdentityID``, ``LocationID``...) shifted by
``copy * 10**9`` so that every party, document and relationship stays distinct and the
cross-references hold; reference value ids are left alone. The file is written to a
temporary folder and deleted afterwards.

The parse runs in a fresh subprocess that imports embargo, records its resident size, then
streams every entity (counting them and their links) and prints the peak resident size
(``resource.getrusage``) and the time. In the same run, two more subprocesses:

- ``import``: the whole ``embargo import`` of the file into a new store (parse, write, index);
- ``dom``: the reference a reader without streaming pays, lxml's ``etree.parse`` of the
  whole document (no entity built at all): the memory a tree of the file takes.

Prints only; docs/benchmarks.md ("OFAC advanced XML") has the figures of a run.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SHARED = Path(os.environ.get("EMBARGO_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))
SOURCE = SHARED / "ofac" / "cons_advanced_2020-03-17.xml"
SECTIONS = ("Locations", "IDRegDocuments", "DistinctParties", "ProfileRelationships", "SanctionsEntries")
# Attributes holding ids of the file's own records (not of reference values).
_INSTANCE = re.compile(
    r"(?<![\w-])(ID|FixedRef|ProfileID|IdentityID|LocationID|From-ProfileID|To-ProfileID|DocumentedNameID"
    r'|FeatureVersionID|NamePartGroupID|IssuedIn-LocationID|SanctionsEntryID)="(\d+)"'
)

CHILD = r"""
import resource, sys, time
from pathlib import Path
from embargo.sources import ofac_advanced
from embargo.sources.base import ParseContext
from embargo.model import Entity
Entity("Person", "warm-up")  # load the FtM model before measuring
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
path = Path(sys.argv[1])
ctx = ParseContext("us_ofac_sdn", "US OFAC", path)
start = time.perf_counter()
entities = links = 0
for entity in ofac_advanced.parse(path, ctx):
    entities += 1
    links += len(entity.links)
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(entities, links, ctx.issue_count, f"{elapsed:.1f}", base // 1024, peak // 1024)
"""


IMPORT = r"""
import resource, sys, tempfile, time
from pathlib import Path
from embargo.ingest import import_file
from embargo.store import Store
from embargo.model import Entity
Entity("Person", "warm-up")
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
with tempfile.TemporaryDirectory() as tmp:
    result = import_file(Store(Path(tmp) / "s.db"), Path(sys.argv[1]), "us_ofac_cons")
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(result.version.entities, children // 1024, result.issue_count, f"{elapsed:.1f}", base // 1024, peak // 1024)
"""

DOM = r"""
import resource, sys, time
from lxml import etree
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
tree = etree.parse(sys.argv[1], etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True))
count = sum(1 for _ in tree.iter())
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(count, 0, 0, f"{elapsed:.1f}", base // 1024, peak // 1024)
"""


def _run(code: str, path: Path) -> list[str]:
    result = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True)
    return result.stdout.split()


def _split(text: str) -> tuple[str, dict[str, str], str]:
    """The file's head (up to the first section), each section's inner text, and its tail."""
    inner: dict[str, str] = {}
    first = len(text)
    last = 0
    for name in SECTIONS:
        m = re.search(rf"<{name}>(.*?)</{name}>", text, re.DOTALL)
        if m is None:
            raise SystemExit(f"{name} not found in the source file")
        inner[name] = m.group(1)
        first, last = min(first, m.start()), max(last, m.end())
    return text[:first], inner, text[last:]


def build(source: Path, target: Path, size_mb: int) -> tuple[int, int]:
    """Write the synthetic file; returns (copies, bytes)."""
    head, inner, tail = _split(source.read_text(encoding="utf-8"))
    per_copy = sum(len(v.encode("utf-8")) for v in inner.values())
    copies = max(1, -(-size_mb * 1024 * 1024 // per_copy))
    with target.open("w", encoding="utf-8") as out:
        out.write(head)
        for name in SECTIONS:
            out.write(f"<{name}>")
            for copy in range(copies):
                shift = copy * 10**9
                out.write(_INSTANCE.sub(lambda m, s=shift: f'{m.group(1)}="{int(m.group(2)) + s}"', inner[name]))
            out.write(f"</{name}>\n  ")
        out.write(tail.lstrip())
    return copies, target.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=int, default=120)
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--import", dest="import_too", action="store_true", help="also time a whole embargo import")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ofac-advanced-bench-") as tmp:
        path = Path(tmp) / "SDN_ADVANCED.XML"
        started = time.perf_counter()
        copies, size = build(args.source, path, args.size_mb)
        print(
            f"built {path.name}: {size / 1024 / 1024:.1f} MB, {copies} copies of {args.source.name} "
            f"in {time.perf_counter() - started:.1f} s"
        )
        entities, links, issues, seconds, base, peak = _run(CHILD, path)
        print(f"parse: {entities} entities, {links} links, {issues} issues, {seconds} s")
        print(f"  resident size: {base} MB after imports, peak {peak} MB ({int(peak) - int(base)} MB for the parse)")
        if args.import_too:
            entities, workers, issues, seconds, base, peak = _run(IMPORT, path)
            print(
                f"embargo import: {entities} entities, {issues} issues, {seconds} s; peak {peak} MB in the "
                f"importing process, {workers} MB in the largest index-build worker"
            )
        nodes, _, _, seconds, base, peak = _run(DOM, path)
        print(f"lxml etree.parse (whole tree, reference): {nodes} nodes, {seconds} s; peak {peak} MB")


if __name__ == "__main__":
    main()
