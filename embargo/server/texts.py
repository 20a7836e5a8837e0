"""The free-text screener a server process serves ``POST /text`` with, one per served snapshot.

:class:`embargo.text.TextScreener` opens its own :class:`~embargo.screening.Screener`
(every index file again) and the name dictionary of the store's current versions.
A server already holds the screener of the versions it serves, so
:class:`ServedTextScreener` takes that one instead: the verdicts of ``/text`` come from
the very indexes ``/screen`` and ``/match`` use, and a list update reaches ``/text``
at the same moment as them. It is built on the first ``/text`` call of each snapshot
(opening the name dictionary of the snapshot's list versions: its cache file when present,
else a build over every listed name; and, the first time in a process, the NER models), so a server whose
clients never send text pays nothing; once ``/text`` has been used, the watcher builds
the next snapshot's one right after a list update, off the request path.

Texts are screened side by side, as every other request: the NER models run
one text at a time (:data:`embargo.text._ner.MODEL_LOCK`), the names found are
screened without any lock, so a long text holds back neither ``/match`` nor
another text's screening.
"""

from __future__ import annotations

import logging
import threading

from embargo.screening import Screener
from embargo.store import Store
from embargo.text import TextScreener
from embargo.text._ner import load_models

__all__ = ["ServedTextScreener", "TextScreeners"]

logger = logging.getLogger("embargo.api")  # the name operators know (docs/api.md)


class ServedTextScreener(TextScreener):
    """A :class:`TextScreener` over an already open screener.

    Args:
        store: the served store (name dictionary, designations).
        screener: the snapshot's screener.
    """

    def __init__(self, store: Store, screener: Screener) -> None:
        # The name dictionary follows the served indexes' versions, not the store's current ones:
        # during a list update the store may already hold a version the server does not serve yet.
        super().__init__(store, screener=screener)
        load_models()  # now, not in the first text's time budget


class TextScreeners:
    """The text screener of the snapshot being served, built once per snapshot.

    Args:
        store: the served store.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self._built: tuple[Screener, ServedTextScreener] | None = None
        self._building = threading.Lock()

    @property
    def used(self) -> bool:
        """True once a text screener has been built in this process."""
        return self._built is not None

    def get(self, screener: Screener) -> ServedTextScreener:
        """The text screener over ``screener`` (a snapshot's), built on first use."""
        built = self._built
        if built is not None and built[0] is screener:
            return built[1]
        with self._building:  # concurrent first calls wait for one build
            built = self._built
            if built is not None and built[0] is screener:
                return built[1]
            text = ServedTextScreener(self.store, screener)
            self._built = (screener, text)
            return text

    def prepare(self, screener: Screener) -> None:
        """Build the next snapshot's text screener now if ``/text`` is in use (after a list update)."""
        if not self.used:
            return
        try:
            self.get(screener)
        except Exception:  # the first /text call will try again and answer the error
            logger.exception("preparing the text screener for the new lists failed")
