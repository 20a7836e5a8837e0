from __future__ import annotations

import gc
import weakref

import pytest

from embargo.screening.collector import BATCH_YOUNG, batch_collection, settle


def test_batch_collection_gives_the_setting_back_even_on_error() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), batch_collection():
        assert gc.get_threshold()[0] == BATCH_YOUNG
        raise RuntimeError("a batch that fails")
    assert gc.get_threshold() == before


def test_settle_freezes_what_is_loaded_and_collects_an_old_snapshot() -> None:
    class Snapshot:
        def __init__(self) -> None:
            self.me = self  # a cycle: only the collector frees it

    old = Snapshot()
    seen = weakref.ref(old)
    settle()
    assert gc.get_freeze_count() > 0
    del old
    settle()
    assert seen() is not None  # frozen: a cycle of the loaded snapshot is never collected...
    settle(old_frozen=True)
    assert seen() is None  # ...until the snapshot after it unfreezes it for one pass
