"""Finding each list's file in a folder: by its published name, or by content for a format one list alone uses."""

from __future__ import annotations

import shutil
from pathlib import Path

from embargo.ingest import find_in_folder
from embargo.sources.catalog import PublishedList, get_list
from tests.conftest import FIXTURES


def _item(name: str) -> PublishedList:
    item = get_list(name)
    assert item is not None
    return item


def test_a_renamed_file_of_a_format_one_list_uses_is_found_by_content(tmp_path: Path) -> None:
    shutil.copy(next((FIXTURES / "ch").glob("*.xml")), tmp_path / "swiss-2026-08-15.xml")
    found = find_in_folder(tmp_path, _item("ch_seco"))
    assert found is not None and found.by_content and found.format == "ch_seco"


def test_a_published_name_wins_and_is_not_by_content(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "un" / "consolidated.xml", tmp_path / "consolidated.xml")
    found = find_in_folder(tmp_path, _item("un_sc"))
    assert found is not None and not found.by_content


def test_formats_several_lists_share_need_the_published_name(tmp_path: Path) -> None:
    # OFAC's SDN and Consolidated lists are both in the classic XML: a renamed file could be either
    shutil.copy(FIXTURES / "ofac" / "SDN.XML", tmp_path / "ofac-2026.xml")
    assert find_in_folder(tmp_path, _item("us_ofac_sdn")) is None
    assert find_in_folder(tmp_path, _item("us_ofac_cons")) is None
