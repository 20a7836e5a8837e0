"""Hostile and broken files: one clear error naming the file, nothing stored changes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from embargo.errors import SourceError
from embargo.ingest import import_file
from embargo.store import Store
from tests.conftest import FIXTURES

UN_FIXTURE = FIXTURES / "un" / "consolidated.xml"

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE CONSOLIDATED_LIST [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<CONSOLIDATED_LIST dateGenerated="2026-01-01"><INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID>
<FIRST_NAME>&xxe;</FIRST_NAME><UN_LIST_TYPE>DRC</UN_LIST_TYPE></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>"""

BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
]>
<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>&lol9;</FIRST_NAME>
</INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>"""

EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE CONSOLIDATED_LIST SYSTEM "http://127.0.0.1:9/evil.dtd">
<CONSOLIDATED_LIST><INDIVIDUALS/></CONSOLIDATED_LIST>"""

HTML_PAGE = b"""<!DOCTYPE html><html><head><title>503 Service Unavailable</title></head>
<body><h1>Service Unavailable</h1></body></html>"""


def _truncated() -> bytes:
    data = UN_FIXTURE.read_bytes()
    return data[: len(data) * 2 // 3]


CASES: list[tuple[str, bytes | None, str | None, str]] = [
    ("xxe", XXE, "un_sc", "DTD or entities"),
    ("bomb", BOMB, "un_sc", "DTD or entities"),
    ("external-dtd", EXTERNAL_DTD, "un_sc", "DTD or entities"),
    ("html-sniffed", HTML_PAGE, None, "HTML page"),
    ("html-as-xml", HTML_PAGE, "un_sc", "HTML page"),
    ("empty", b"", None, "empty"),
    ("empty-xml", b"", "un_sc", "empty"),
    ("whitespace", b"  \n\n ", None, "empty"),
    ("truncated", None, "un_sc", "not well-formed"),
    ("wrong-root", b"<?xml version='1.0'?><Register><Entry/></Register>", "un_sc", "unexpected document element"),
    (
        "other-publisher",
        b"<?xml version='1.0'?><sdnList><sdnEntry/></sdnList>",
        "un_sc",
        "(ofac_xml); the format un_sc",
    ),
    ("other-publisher-sniffed", b"<?xml version='1.0'?><sdnList><sdnEntry/></sdnList>", None, "un_sc expects"),
    ("binary", bytes(range(256)) * 4, None, "cannot tell the file's format"),
    (
        "utf16",
        UN_FIXTURE.read_text("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16"),
        "un_sc",
        "",
    ),
    (
        "no-entries",
        b"<?xml version='1.0'?><CONSOLIDATED_LIST><INDIVIDUALS/><ENTITIES/></CONSOLIDATED_LIST>",
        "un_sc",
        "no entries",
    ),
]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "store.db")
    result = import_file(s, UN_FIXTURE, "un_sc")
    assert result.status == "imported"
    return s


def _snapshot(store: Store) -> tuple[list[tuple[int, str]], int]:
    conn = store.connect(readonly=True)
    versions = [(r[0], r[1]) for r in conn.execute("SELECT seq, content_hash FROM versions ORDER BY id")]
    rows = conn.execute("SELECT COUNT(*) FROM version_entities").fetchone()[0]
    conn.close()
    return versions, rows


@pytest.mark.parametrize(("name", "data", "fmt", "message"), CASES, ids=[c[0] for c in CASES])
def test_broken_file_changes_nothing(
    store: Store, tmp_path: Path, name: str, data: bytes | None, fmt: str | None, message: str
) -> None:
    before = _snapshot(store)
    path = tmp_path / f"{name}.xml"
    path.write_bytes(_truncated() if data is None else data)
    if name == "utf16":
        # A correctly declared UTF-16 file is valid XML and must import; anything else is refused cleanly.
        try:
            import_file(store, path, "un_sc", format_name=fmt)
        except SourceError as exc:
            assert str(path) in str(exc)  # noqa: PT017 - refusing it is as fine as reading it
        return
    with pytest.raises(SourceError) as info:
        import_file(store, path, "un_sc", format_name=fmt)
    assert str(path) in str(info.value)
    assert message in str(info.value)
    assert _snapshot(store) == before


def test_truncated_names_the_line(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "consolidated.xml"
    path.write_bytes(_truncated())
    with pytest.raises(SourceError, match=r"line \d+"):
        import_file(store, path, "un_sc")


def test_reimport_identical_file_adds_no_version(store: Store, tmp_path: Path) -> None:
    copy = tmp_path / "copy.xml"
    shutil.copy(UN_FIXTURE, copy)
    result = import_file(store, copy, "un_sc")
    assert result.status == "unchanged"
    assert [v.seq for v in store.view().versions("un_sc")] == [1]


def test_missing_file(store: Store, tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such file"):
        import_file(store, tmp_path / "nope.xml", "un_sc")


def test_mostly_broken_csv_is_refused(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "internal.csv"
    rows = ["id,name,schema,nationality"] + ["1,Good Person,Person,by"] + [f"{i},,Person,by" for i in range(2, 40)]
    path.write_text("\n".join(rows) + "\n", "utf-8")
    with pytest.raises(SourceError, match="broken records"):
        import_file(store, path, "internal", format_name="custom_csv")
    assert store.view().lists()[0].name == "un_sc"
    assert len(store.view().lists()) == 1


def test_absurdly_long_fields_do_not_break_the_import(tmp_path: Path) -> None:
    store = Store(tmp_path / "long.db")
    huge = "A" * 5_000_000
    text = UN_FIXTURE.read_text("utf-8")
    first_name = text.index("<FIRST_NAME>") + len("<FIRST_NAME>")
    path = tmp_path / "consolidated.xml"
    path.write_text(text[:first_name] + huge + text[first_name:], "utf-8")
    result = import_file(store, path, "un_sc")
    assert result.version is not None
    for entity in store.view().iter_entities(result.version.id):
        assert all(len(v) <= 20_000 for values in entity.properties.values() for v in values)
    csv_path = tmp_path / "internal.csv"
    csv_path.write_text(f"id,name,nationality\n1,Good Person,by\n2,{huge},by\n3,Other Person,ru\n", "utf-8")
    result = import_file(store, csv_path, "internal", format_name="custom_csv")
    assert result.version is not None
    assert result.version.entities == 2
    assert result.issue_count >= 1
