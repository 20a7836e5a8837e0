"""The command line, end to end, on the project's fixtures and the real files."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from embargo.cli import app
from tests.cli.conftest import run, runner
from tests.conftest import FIXTURES, shared_file


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "embargo.db")


def test_import_show_lists_versions(db: str) -> None:
    out = run("import", str(FIXTURES / "ofac" / "SDN.XML"), "--source", "us_ofac_sdn", "--db", db)
    assert "imported version 1" in out
    out = run("import", str(FIXTURES / "ofac" / "SDN.XML"), "--source", "us_ofac_sdn", "--db", db)
    assert "unchanged" in out
    data = json.loads(run("lists", "--json", "--db", db))
    assert [d["name"] for d in data] == ["us_ofac_sdn"]
    assert data[0]["current"]["seq"] == 1
    assert data[0]["versions"] == 1
    versions = json.loads(run("versions", "us_ofac_sdn", "--json", "--db", db))
    assert len(versions) == 1
    assert versions[0]["format"] == "ofac_xml"
    out = run("show", "9760", "--db", db)
    assert "LUKASHENKA, Alyaksandr Hryhoryavich" in out
    assert "BELARUS" in out
    assert "1954-08-30" in out
    assert "Kopys" in out


def test_show_ofac_9760_from_the_real_sdn_csv(db: str, shared_data: Path) -> None:
    sdn = shared_file(shared_data, "ofac/sdn_csv_2021/sdn.csv")
    run("import", str(sdn), "--source", "us_ofac_sdn", "--db", db)
    [entity] = json.loads(run("show", "9760", "--json", "--db", db))
    assert entity["caption"] == "LUKASHENKA, Alyaksandr Hryhoryavich"
    props = entity["properties"]
    assert props["birthDate"] == ["1954-08-30"]
    assert any("Kopys" in p for p in props["birthPlace"])
    aliases = set(props["alias"])
    for alias in (
        "LUKASHENKO, Alexander Grigoryevich",
        "LUKASHENKO, Aleksandr Grigorievich",
        "LUKASHENKA, Aliaksandr Ryhoravich",
    ):
        assert alias in aliases or alias.replace("Grigoryevich", "Grigoriyevich") in aliases
    assert [d["program"] for d in entity["designations"]] == ["BELARUS"]
    assert entity["designations"][0]["source_id"] == "9760"
    out = run("show", "us-ofac-sdn-9760", "--db", db)
    assert "LUKASHENKO, Alexander" in out


def _edit_un(src: Path, dst: Path) -> dict[str, str]:
    """Make version 2 of the UN list: remove, add, add an alias, change a program."""
    text = src.read_text("utf-8")
    blocks = re.findall(r"<INDIVIDUAL>.*?</INDIVIDUAL>", text, flags=re.S)
    removed, aliased, moved, template = blocks[0], blocks[1], blocks[2], blocks[3]
    rid = re.search(r"<DATAID>(\d+)</DATAID>", removed)
    aid = re.search(r"<DATAID>(\d+)</DATAID>", aliased)
    mid = re.search(r"<DATAID>(\d+)</DATAID>", moved)
    assert rid and aid and mid
    text = text.replace(removed, "", 1)
    new_alias = "<INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Testy McAlias</ALIAS_NAME></INDIVIDUAL_ALIAS>"
    text = text.replace(aliased, aliased.replace("</INDIVIDUAL>", new_alias + "</INDIVIDUAL>"), 1)
    old_program = re.search(r"<UN_LIST_TYPE>(.*?)</UN_LIST_TYPE>", moved)
    assert old_program
    text = text.replace(moved, moved.replace(old_program.group(0), "<UN_LIST_TYPE>Libya</UN_LIST_TYPE>"), 1)
    added = re.sub(r"<DATAID>\d+</DATAID>", "<DATAID>99999901</DATAID>", template)
    added = re.sub(r"<FIRST_NAME>.*?</FIRST_NAME>", "<FIRST_NAME>BRAND NEW</FIRST_NAME>", added)
    text = text.replace("</INDIVIDUALS>", added + "</INDIVIDUALS>", 1)
    # a later publication (the import guard holds a file with the same date and other content)
    text = re.sub(r'dateGenerated="\d{4}', 'dateGenerated="2099', text, count=1)
    dst.write_text(text, "utf-8")
    return {
        "removed": rid.group(1),
        "aliased": aid.group(1),
        "moved": mid.group(1),
        "old_program": old_program.group(1),
    }


def test_diff_between_two_versions(db: str, tmp_path: Path, shared_data: Path) -> None:
    real = shared_file(shared_data, "un/consolidated.xml")
    v1 = tmp_path / "v1" / "consolidated.xml"
    v1.parent.mkdir()
    shutil.copy(real, v1)
    v2 = tmp_path / "v2" / "consolidated.xml"
    v2.parent.mkdir()
    ids = _edit_un(v1, v2)
    run("import", str(v1), "--source", "un_sc", "--db", db)
    run("import", str(v2), "--source", "un_sc", "--db", db)
    diff = json.loads(run("diff", "un_sc", "--json", "--db", db))
    assert diff["summary"] == {"added": 1, "removed": 1, "amended": 2}
    assert [c["entity_id"] for c in diff["added"]] == ["un-sc-99999901"]
    assert [c["entity_id"] for c in diff["removed"]] == [f"un-sc-{ids['removed']}"]
    amended = {c["entity_id"]: c["changes"] for c in diff["amended"]}
    assert amended[f"un-sc-{ids['aliased']}"] == [{"field": "alias", "added": ["Testy McAlias"], "removed": []}]
    [program_change] = [c for c in amended[f"un-sc-{ids['moved']}"] if c["field"] == "designation.program"]
    assert program_change["added"] == ["Libya"]
    assert program_change["removed"] == [ids["old_program"]]
    human = run("diff", "un_sc", "1", "2", "--db", db)
    assert "2 amended, 1 added, 1 removed" in human
    assert "Testy McAlias" in human


def test_update_from_folder_and_export(db: str, tmp_path: Path) -> None:
    mirror = tmp_path / "mirror"
    (mirror / "un").mkdir(parents=True)
    (mirror / "ofac").mkdir()
    shutil.copy(FIXTURES / "un" / "consolidated.xml", mirror / "un" / "consolidated.xml")
    shutil.copy(FIXTURES / "ofac" / "SDN.XML", mirror / "ofac" / "SDN.XML")
    outcomes = json.loads(run("update", "--from", str(mirror), "--json", "--db", db))
    status = {o["list"]: o["status"] for o in outcomes}
    assert status["un_sc"] == "imported"
    assert status["us_ofac_sdn"] == "imported"
    assert status["eu_fsf"] == "missing"
    again = json.loads(run("update", "un_sc", "--from", str(mirror), "--json", "--db", db))
    assert again[0]["status"] == "unchanged"
    out = tmp_path / "all.ftm.json"
    run("export", "--format", "ftm", "-o", str(out), "--db", db)
    lines = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    schemata = {line["schema"] for line in lines}
    assert "Sanction" in schemata
    assert "Person" in schemata


def test_errors_are_one_line(db: str, tmp_path: Path) -> None:
    bad = tmp_path / "SDN.XML"
    bad.write_text("<html><body>Service unavailable</body></html>", "utf-8")
    result = runner.invoke(app, ["import", str(bad), "--source", "us_ofac_sdn", "--db", db])
    assert result.exit_code == 1
    assert "error:" in result.output
    assert str(bad) in result.output
    assert "Traceback" not in result.output
    result = runner.invoke(app, ["show", "nope", "--db", db])
    assert result.exit_code == 1
    assert "no entity" in result.output
    result = runner.invoke(app, ["diff", "un_sc", "--db", db])
    assert result.exit_code == 1
    assert "no list named" in result.output


def test_serve_believes_forwarded_addresses_only_from_named_proxies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """uvicorn's default believes X-Forwarded-For from 127.0.0.1: any local process could forge its address."""
    import uvicorn

    calls: list[dict[str, object]] = []
    monkeypatch.setattr(uvicorn, "run", lambda *a, **kw: calls.append(kw))
    monkeypatch.delenv("EMBARGO_TRUSTED_PROXIES", raising=False)
    db = str(tmp_path / "s.db")
    run("serve", "--db", db)
    assert calls[-1]["proxy_headers"] is False
    run("serve", "--db", db, "--trusted-proxy", "10.0.0.5", "--trusted-proxy", "10.0.0.6")
    assert calls[-1]["proxy_headers"] is True and calls[-1]["forwarded_allow_ips"] == "10.0.0.5,10.0.0.6"
    monkeypatch.setenv("EMBARGO_TRUSTED_PROXIES", "192.0.2.1, 192.0.2.2")
    run("serve", "--db", db)
    assert calls[-1]["forwarded_allow_ips"] == "192.0.2.1,192.0.2.2"


@pytest.mark.parametrize(
    ("variable", "value", "said"),
    [
        ("EMBARGO_AUDIT_KEY", "short", "at least 32 characters"),
        ("EMBARGO_AUDIT_CHECKPOINT_EVERY", "often", "EMBARGO_AUDIT_CHECKPOINT_EVERY"),
        ("EMBARGO_FOUR_EYES", "true", "EMBARGO_FOUR_EYES is no longer read"),
    ],
)
def test_serve_refuses_to_start_on_a_setting_it_cannot_honour(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variable: str, value: str, said: str
) -> None:
    """Not at the first decision: a server that would drop audit checkpoints or four-eyes does not start."""
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: pytest.fail("the server must not start"))
    monkeypatch.setenv(variable, value)
    out = run("serve", "--db", str(tmp_path / "s.db"), code=1)
    assert said in " ".join(out.split())
