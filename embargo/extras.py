"""Optional extras: which modules each one brings, and the one-line error when one is missing.

The base install (``pip install embargo``) imports, updates, screens names and
files, monitors and audits. The rest comes with an extra (``pyproject.toml``,
docs/dependencies.md): ``api`` (``embargo serve``), ``ui`` (the analyst web UI
under ``/ui``), ``text`` (``embargo text``, ``POST /text``), ``report``
(``embargo report`` and its charts), ``spark``, ``postgresql``, ``japanese``;
``all`` is every one. A command checks its extra before it starts, so a missing
one is said in one line that names what to install, not as an ``ImportError``
deep in a stack trace. The check looks the modules up without importing them
(spaCy alone takes seconds to import).
"""

from __future__ import annotations

import importlib.util
import sys

from embargo.errors import ConfigError

__all__ = ["EXTRAS", "MissingExtraError", "missing", "require"]

#: The top-level modules each extra installs that embargo imports (names as imported, not as installed).
#: ``lxml_html_clean`` is listed for trafilatura, which fails on HTML without it (lxml 5.2 split it out).
EXTRAS: dict[str, tuple[str, ...]] = {
    "api": ("fastapi", "uvicorn"),
    "ui": ("fastapi", "jinja2", "python_multipart", "matplotlib"),
    "text": ("spacy", "natasha", "pymorphy3", "trafilatura", "lxml_html_clean"),
    "report": ("matplotlib",),
    "spark": ("pyspark",),
    "postgresql": ("psycopg",),
    "japanese": ("pykakasi",),
}


class MissingExtraError(ConfigError):
    """A feature was asked for whose optional extra is not installed.

    Args:
        what: the feature, as a user names it (``embargo text``).
        extra: the extra that brings it (``text``).
        modules: the modules that are missing.
    """

    def __init__(self, what: str, extra: str, modules: list[str]) -> None:
        self.what = what
        self.extra = extra
        self.modules = modules
        super().__init__(
            f"{what} needs the '{extra}' extra ({', '.join(modules)} not installed): pip install 'embargo[{extra}]'"
        )


#: Modules found installed (a search of the import path costs a tenth of a millisecond each, and a
#: payment's remittance text is screened in about one): installed once, installed for the process.
_FOUND: set[str] = set()


def _installed(module: str) -> bool:
    if module in sys.modules:
        return sys.modules[module] is not None  # None: blocked, as ``import`` itself treats it
    if module in _FOUND:
        return True
    try:
        found = importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False
    if found:
        _FOUND.add(module)
    return found


def missing(extra: str) -> list[str]:
    """The modules of ``extra`` that cannot be imported here (empty when the extra is installed)."""
    return [m for m in EXTRAS[extra] if not _installed(m)]


def require(extra: str, what: str) -> None:
    """Make sure ``extra`` is installed before ``what`` starts.

    Raises:
        MissingExtraError: a module of the extra is missing; the message names the extra to install.
    """
    absent = missing(extra)
    if absent:
        raise MissingExtraError(what, extra, absent)
