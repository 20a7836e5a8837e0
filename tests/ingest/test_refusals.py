"""Files an import must refuse, and the store left as it was.

Each refusal is one :class:`SourceError` whose text names the file and says
what is wrong; every list's versions are the same before and after. The
cases are generated from the tables (``catalog.LISTS``, the format registry
and the fuzz tests' ``SAMPLES``), so a new list or format is covered without
a new line here.
"""

from __future__ import annotations

import fnmatch
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from embargo.cli import app
from embargo.errors import SourceError
from embargo.ingest import ImportResult, import_file
from embargo.sources import FORMATS
from embargo.sources.catalog import LISTS, get_list
from embargo.sources.registry import get_format, sniff_format
from embargo.store import Store
from tests.conftest import FIXTURES
from tests.sources.test_fuzz import SAMPLES

OFAC_CSV = FIXTURES / "ofac" / "csv"
CONLIST = FIXTURES / "uk" / "ConList.csv"
CUSTOM = "my_list"
#: Writes a list file into a new folder: (folder, encoding, with a BOM?) -> the file.
MakeFile = Callable[[Path, str, bool], Path]
SAMPLE_FILES = [(fmt, path) for fmt, paths in SAMPLES.items() for path in paths]


def _list_for(fmt: str, path: Path) -> str:
    """A list that accepts ``fmt``: the one whose published file name ``path`` has, else the first; else a custom one."""
    options = [(item.name, f.pattern) for item in LISTS for f in item.files if f.format == fmt]
    for name, pattern in options:
        if fnmatch.fnmatch(path.name.lower(), pattern):
            return name
    return options[0][0] if options else CUSTOM


def _baseline(store: Store, list_name: str) -> None:
    """Import a valid fixture of ``list_name`` (a published file name of the list preferred)."""
    item = get_list(list_name)
    assert item is not None
    candidates = [
        p for f in item.files for p in SAMPLES.get(f.format, []) if fnmatch.fnmatch(p.name.lower(), f.pattern)
    ]
    candidates += [p for f in item.files for p in SAMPLES.get(f.format, [])]
    assert candidates, f"no fixture for {list_name}"
    assert import_file(store, candidates[0], list_name).status == "imported"


def _versions(store: Store) -> list[tuple[str, int, str, str]]:
    """The whole versions table, as (list, seq, content hash, state)."""
    view = store.view()
    return [(v.list, v.seq, v.content_hash, v.state) for info in view.lists() for v in view.versions(info.name)]


def _current(store: Store) -> dict[str, tuple[int, str] | None]:
    """What every list serves: (seq, content hash) of its current version."""
    return {
        info.name: None if info.current is None else (info.current.seq, info.current.content_hash)
        for info in store.view().lists()
    }


def _refused(store: Store, path: Path, list_name: str, **kwargs: str) -> str:
    """Import ``path``, expect one SourceError naming it and an untouched store; return the message."""
    before = _versions(store)
    with pytest.raises(SourceError) as caught:
        import_file(store, path, list_name, **kwargs)
    _names_the_file(caught.value, path)
    assert _versions(store) == before
    return caught.value.message


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """A store serving a valid version of every catalogue list and of a custom list.

    Shared by the tests that only expect refusals (a refusal writes nothing, and each test compares
    the versions table before and after its own import).
    """
    store = Store(tmp_path_factory.mktemp("loaded") / "s.db")
    for item in LISTS:
        _baseline(store, item.name)
    assert import_file(store, SAMPLES["ftm"][0], CUSTOM).status == "imported"
    return store


# --- 1. a file of a format the list is not published in, or --format against the content ----------


def _wrong_list_cases() -> list[object]:
    cases = []
    for item in LISTS:
        if not any(SAMPLES.get(fmt) for fmt in item.accepts):
            continue  # no fixture to serve as the list's own file
        for fmt, path in SAMPLE_FILES:
            if fmt not in item.accepts:
                cases.append(pytest.param(item.name, fmt, path, id=f"{path.name}-under-{item.name}"))
    return cases


@pytest.mark.parametrize(("list_name", "fmt", "path"), _wrong_list_cases())
def test_a_file_of_another_format_is_refused_under_a_list(loaded: Store, list_name: str, fmt: str, path: Path) -> None:
    assert sniff_format(path).name == fmt
    message = _refused(loaded, path, list_name)
    found = get_format(fmt)
    assert f"this file is {found.title} ({found.name})" in message
    assert f"{list_name} expects" in message
    item = get_list(list_name)
    assert item is not None
    for accepted in item.accepts:
        assert f"({accepted})" in message, message


def _forced_cases() -> list[object]:
    return [
        pytest.param(fmt, paths[0], forced.name, id=f"{paths[0].name}-as-{forced.name}")
        for fmt, paths in SAMPLES.items()
        for forced in FORMATS
        if forced.name != fmt
    ]


@pytest.mark.parametrize(("fmt", "path", "forced"), _forced_cases())
def test_format_option_cannot_contradict_the_content(loaded: Store, fmt: str, path: Path, forced: str) -> None:
    # Under a list that accepts the forced format: the case where forcing would do harm.
    message = _refused(loaded, path, _list_for(forced, path), format_name=forced)
    found, wanted = get_format(fmt), get_format(forced)
    assert f"this file is {found.title} ({found.name})" in message
    assert f"the format {forced} cannot read it as {wanted.title}" in message


# --- 2. a truncated file ----------------------------------------------------------------------------

#: What a copy cut short does, per format.
#: ``refused``: the format has an end a cut removes (a closing XML tag, a zip's central directory,
#: the FCDO CSV's check that the last row is complete), so the cut file raises SourceError.
#: ``guarded``: a CSV (or JSON lines) file has no row count or closing mark; a cut row is read as a
#: short row, warned about and skipped, and a cut exactly between rows reads as a shorter file.
#: Such a file is refused, or held by the import guard (it shrinks the list), or imported with a
#: warning in its issues; never served silently in place of the full version. (A cut inside a row's
#: last, unquoted cell keeps the row's width and reads as a record: OFSI's Group ID 90002 cut to "9"
#: gives gb-ofsi-9. Only the guard, comparing with the served version, stands in the way of such a cut.)
TRUNCATED = {
    "ofac_xml": "refused",
    "ofac_advanced": "refused",
    "eu_fsf": "refused",
    "uk_fcdo": "refused",
    "uk_fcdo_csv": "refused",
    "un_sc": "refused",
    "ch_seco": "refused",
    "ca_sema": "refused",
    "au_dfat": "refused",  # an xlsx is a zip: cut anywhere, its central directory is gone
    "ofac_csv": "guarded",  # a cut inside a quoted field is refused; one between rows only the guard sees
    "uk_ofsi": "guarded",
    "eu_journal": "guarded",
    "ftm": "guarded",
    "custom_csv": "guarded",
}

#: Formats whose cut copy (at 60%) reads, on a list with no version yet, as a shorter list with no
#: warning at all; the reason is the defect to fix in the parser. (ofac_csv was one: a cut inside the
#: quoted Remarks field read as a whole row; it now reads strictly and refuses the file.)
SILENT_WHEN_CUT: dict[str, str] = {}


def _cuts(path: Path) -> list[float]:
    return [0.6, 0.5] if path.read_bytes()[:4] == b"PK\x03\x04" else [0.6]


def _truncation_cases() -> list[object]:
    return [
        pytest.param(fmt, path, cut, id=f"{path.name}-{int(cut * 100)}%")
        for fmt, path in SAMPLE_FILES
        for cut in _cuts(path)
    ]


def _copy(path: Path, folder: Path, cut: float | None = None) -> Path:
    """``path`` (with its companion files, for a set) copied into ``folder``, the main file cut at ``cut``."""
    folder.mkdir(parents=True, exist_ok=True)
    for companion in get_format(sniff_format(path).name).files(path)[1:]:
        shutil.copy(companion, folder / companion.name)
    data = path.read_bytes()
    target = folder / path.name
    target.write_bytes(data if cut is None else data[: int(len(data) * cut)])
    return target


def _attempt(store: Store, path: Path, list_name: str) -> ImportResult | SourceError:
    """The import's result, or the SourceError it raised (a cut file may be refused or not)."""
    try:
        return import_file(store, path, list_name)
    except SourceError as exc:
        return exc


def _names_the_file(err: SourceError, path: Path) -> None:
    text = str(err)
    assert err.path == str(path) and text.startswith(str(path)), text
    assert "\n" not in text, text


def _warned(result: ImportResult) -> bool:
    return result.issue_count > 0


@pytest.mark.parametrize(("fmt", "path", "cut"), _truncation_cases())
def test_a_truncated_file_never_replaces_the_list(tmp_path: Path, fmt: str, path: Path, cut: float) -> None:
    assert fmt in TRUNCATED, f"say in TRUNCATED what a cut {fmt} file does"
    store = Store(tmp_path / "s.db")
    list_name = _list_for(fmt, path)
    if list_name != "un_sc":
        _baseline(store, "un_sc")  # another list, which must stay as it is
    try:
        import_file(store, _copy(path, tmp_path / "full"), list_name)
    except SourceError:
        # The custom CSV fixture is deliberately full of odd rows: 12 issues against 6 entities, which
        # the importer refuses as "mostly broken". Its list then starts empty.
        assert fmt == "custom_csv"
    cut_copy = _copy(path, tmp_path / "cut", cut)
    before, served = _versions(store), _current(store)
    result = _attempt(store, cut_copy, list_name)
    if isinstance(result, SourceError):
        _names_the_file(result, cut_copy)
        assert _versions(store) == before
        return
    assert TRUNCATED[fmt] == "guarded", f"{path.name} cut at {cut:.0%} was not refused: {result.status}"
    if result.status == "held":
        assert _current(store) == served
    else:
        assert result.status == "imported" and served.get(list_name) is None, "a cut file replaced a served version"
        assert _warned(result), f"{path.name} cut at {cut:.0%} imported with no warning"
        assert {k: v for k, v in _current(store).items() if k != list_name} == served


def _fresh_cases() -> list[object]:
    cases = []
    for fmt, path in SAMPLE_FILES:
        marks = [pytest.mark.xfail(reason=SILENT_WHEN_CUT[fmt], strict=True)] if fmt in SILENT_WHEN_CUT else []
        cases.append(pytest.param(fmt, path, id=path.name, marks=marks))
    return cases


@pytest.mark.parametrize(("fmt", "path"), _fresh_cases())
def test_a_truncated_file_is_refused_or_warned_on_a_new_list(tmp_path: Path, fmt: str, path: Path) -> None:
    """With no version to compare with, the guard cannot hold a cut file: the parser must notice."""
    cut_copy = _copy(path, tmp_path / "cut", 0.6)
    result = _attempt(Store(tmp_path / "s.db"), cut_copy, _list_for(fmt, path))
    if isinstance(result, SourceError):
        _names_the_file(result, cut_copy)
        return
    assert TRUNCATED[fmt] == "guarded"
    assert _warned(result), f"{path.name} cut at 60% imported {result.version and result.version.entities} entities"


# --- 3. a file larger than the setting allows -------------------------------------------------------


@pytest.mark.parametrize(("fmt", "path"), [pytest.param(f, p, id=p.name) for f, p in SAMPLE_FILES])
def test_a_file_over_the_size_limit_is_refused(
    loaded: Store, monkeypatch: pytest.MonkeyPatch, fmt: str, path: Path
) -> None:
    monkeypatch.setenv("EMBARGO_MAX_LIST_BYTES", "100")
    message = _refused(loaded, path, _list_for(fmt, path))
    assert "EMBARGO_MAX_LIST_BYTES" in message and "100" in message
    assert f"{path.stat().st_size:,}" in message


# --- 4. a byte-order mark in front of bytes that are not UTF-8 ---------------------------------------


def _ofac_set(folder: Path, encoding: str, bom: bool) -> Path:
    """The OFAC CSV set with "Café" in the first record's name, its sdn.csv in ``encoding``."""
    folder.mkdir(parents=True)
    for name in ("add.csv", "alt.csv"):
        shutil.copy(OFAC_CSV / name, folder / name)
    text = (OFAC_CSV / "sdn.csv").read_bytes().decode("ascii")
    assert text.startswith('2686,"NASRALLAH, Hasan",')  # the first record
    text = text.replace('"NASRALLAH, Hasan"', '"NASRALLAH, Hasan Café"', 1)
    target = folder / "sdn.csv"
    target.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding))
    return target


def _conlist(folder: Path, encoding: str, bom: bool) -> Path:
    """OFSI's ConList fixture (Windows-1252, with "SOCIÉTÉ" in a name) in ``encoding``."""
    folder.mkdir(parents=True)
    text = CONLIST.read_bytes().decode("cp1252")
    assert "É" in text
    target = folder / "ConList.csv"
    target.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding))
    return target


BOM_CASES = [
    # (list, file maker, a name with a non-ASCII letter that must read as written)
    pytest.param("us_ofac_sdn", _ofac_set, "NASRALLAH, Hasan Café", id="ofac_csv"),
    pytest.param("gb_ofsi", _conlist, "SOCIÉTÉ SYRIENNE DE NÉGOCE TECHNIQUE", id="uk_ofsi"),
]


def _entities(store: Store, result: ImportResult) -> dict[str, list[str]]:
    assert result.status == "imported" and result.version is not None, result.status
    return {e.id: e.get("name") for e in store.view().iter_entities(result.version.id)}


def _mark_issues(result: ImportResult) -> list[str]:
    return [i.message for i in result.issues if "byte-order mark" in i.message]


@pytest.mark.parametrize(("list_name", "make", "name"), BOM_CASES)
def test_a_bom_before_cp1252_bytes_loses_no_record(tmp_path: Path, list_name: str, make: MakeFile, name: str) -> None:
    plain_store = Store(tmp_path / "plain.db")
    plain = _entities(plain_store, import_file(plain_store, make(tmp_path / "plain", "cp1252", False), list_name))
    assert name in [n for names in plain.values() for n in names]

    store = Store(tmp_path / "s.db")
    result = import_file(store, make(tmp_path / "marked", "cp1252", True), list_name)
    assert _entities(store, result) == plain  # same ids, same names: the first record is there, "é" read as é
    [note] = _mark_issues(result)
    assert "not UTF-8" in note and "Windows-1252" in note


@pytest.mark.parametrize(("list_name", "make", "name"), BOM_CASES)
def test_a_bom_before_utf8_bytes_is_no_issue(tmp_path: Path, list_name: str, make: MakeFile, name: str) -> None:
    plain_store = Store(tmp_path / "plain.db")
    plain = _entities(plain_store, import_file(plain_store, make(tmp_path / "plain", "cp1252", False), list_name))

    store = Store(tmp_path / "s.db")
    result = import_file(store, make(tmp_path / "utf8", "utf-8", True), list_name)
    assert _entities(store, result) == plain
    assert _mark_issues(result) == []


def test_the_utf8_conlist_fixture_with_its_bom_has_no_mark_issue(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    path = FIXTURES / "uk" / "ConList_utf8.csv"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    result = import_file(store, path, "gb_ofsi")
    assert result.status == "imported" and _mark_issues(result) == []


# --- 5. a folder of one list's files ----------------------------------------------------------------


def _ofac_folder(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for path in OFAC_CSV.iterdir():
        shutil.copy(path, folder / path.name)
    return folder


def test_a_folder_of_the_ofac_csv_set_imports(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    result = import_file(store, _ofac_folder(tmp_path / "ofac"), "us_ofac_sdn")
    assert result.status == "imported" and result.version is not None
    assert result.version.format == "ofac_csv"
    assert result.files[0] == "sdn.csv" and set(result.files) == {p.name for p in OFAC_CSV.iterdir()}

    direct = Store(tmp_path / "direct.db")
    assert _entities(store, result) == _entities(direct, import_file(direct, OFAC_CSV / "sdn.csv", "us_ofac_sdn"))


def _empty(folder: Path) -> Path:
    folder.mkdir(parents=True)
    return folder


def _other_lists_file(folder: Path) -> Path:
    folder.mkdir(parents=True)
    shutil.copy(FIXTURES / "un" / "consolidated.xml", folder / "consolidated.xml")
    return folder


@pytest.mark.parametrize(
    "make",
    [pytest.param(_empty, id="empty"), pytest.param(_other_lists_file, id="un_file")],
)
def test_a_folder_without_the_lists_files_is_refused(
    loaded: Store, tmp_path: Path, make: Callable[[Path], Path]
) -> None:
    folder = make(tmp_path / "mirror")
    message = _refused(loaded, folder, "us_ofac_sdn")
    assert "no file of us_ofac_sdn" in message
    item = get_list("us_ofac_sdn")
    assert item is not None
    for option in item.files:
        assert option.filename in message, message
    assert "sdn.csv" in message.lower()


def test_a_folder_for_a_custom_list_is_refused(loaded: Store, tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    shutil.copy(SAMPLES["ftm"][0], folder / SAMPLES["ftm"][0].name)
    message = _refused(loaded, folder, CUSTOM)
    assert CUSTOM in message and "name its file" in message


def test_cli_imports_a_folder_and_names_what_an_empty_one_lacks(tmp_path: Path) -> None:
    runner = CliRunner()
    db = tmp_path / "s.db"
    ok = runner.invoke(
        app, ["import", str(_ofac_folder(tmp_path / "ofac")), "--source", "us_ofac_sdn", "--db", str(db)]
    )
    assert ok.exit_code == 0, ok.output
    store = Store(db)
    current = store.view().current_version("us_ofac_sdn")
    assert current is not None and current.format == "ofac_csv"

    empty = tmp_path / "empty"
    empty.mkdir()
    before = _versions(store)
    refused = runner.invoke(app, ["import", str(empty), "--source", "us_ofac_sdn", "--db", str(db)])
    assert refused.exit_code == 1, refused.output
    output = " ".join(refused.output.split())
    assert "Traceback" not in output
    assert str(empty) in output and "no file of us_ofac_sdn" in output
    item = get_list("us_ofac_sdn")
    assert item is not None
    for option in item.files:
        assert option.filename in output, output
    assert _versions(store) == before
