"""The screening policy: which element of a message is screened as what, and the country-wide programmes.

A policy is data, a TOML file (``embargo/payments/policy.toml`` is the
default; docs/payments.md shows it). It is read once and checked whole: an
unknown action, a threshold out of range, a country code that is not two
letters or a programme with nothing to find is a :class:`ConfigError` naming
the key, and no screening starts on a policy half read.

An element the policy does not name is screened as what it is (a party or a
bank as ``party``, a free text as ``text``): only an explicit ``skip`` leaves
one out, and the verdict says so.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from embargo.errors import ConfigError

__all__ = ["ACTIONS", "DEFAULT_POLICY", "Policy", "Programme", "default_policy", "read_policy"]

#: The default policy file, shipped with the package.
DEFAULT_POLICY = Path(__file__).with_name("policy.toml")
#: What an element can be screened as.
ACTIONS = ("party", "bank", "text", "skip")
_TEXT_VERDICTS = ("listed", "ambiguous")
_CODE = re.compile(r"^[A-Z]{2}$")
_SUBDIVISION = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")


@dataclass(frozen=True, slots=True)
class Programme:
    """A country-wide (or region-wide) programme: the countries, subdivisions and places it covers.

    Attributes:
        name: the policy's key (``iran``, ``crimea``).
        title: the programme in words, as a held message shows it.
        countries: ISO 3166 alpha-2 codes covered whole.
        subdivisions: ISO 3166-2 codes covered (``UA-43``).
        places: places named in words (any script, matched as whole words, ignoring case).
    """

    name: str
    title: str
    countries: frozenset[str] = frozenset()
    subdivisions: frozenset[str] = frozenset()
    places: tuple[str, ...] = ()
    _pattern: re.Pattern[str] | None = field(default=None, compare=False, repr=False)

    def find_place(self, text: str) -> str | None:
        """The first of the programme's places that ``text`` names, as written there; None if none."""
        if self._pattern is None:
            return None
        m = self._pattern.search(text)
        return m.group(0) if m else None


@dataclass(frozen=True, slots=True)
class Policy:
    """A payment-screening policy, read and checked (:func:`read_policy`).

    Attributes:
        elements: element (role) name to action (:data:`ACTIONS`).
        programmes: the country-wide programmes.
        threshold: a name scoring at least this holds the message.
        text_verdicts: the text screener's verdicts that hold a message.
        text_models: screen free texts with the language models too (slower, finds more spellings).
        hits_per_element: hits kept per element.
        person_name_org_threshold: a party of unknown kind whose name reads as a person's is screened as an
            organisation too, and an organisation's hit holds from this score (and the threshold) up.
        source: the file it was read from.
    """

    elements: dict[str, str]
    programmes: tuple[Programme, ...]
    threshold: float = 0.7
    text_verdicts: frozenset[str] = frozenset(_TEXT_VERDICTS)
    text_models: bool = False
    hits_per_element: int = 3
    person_name_org_threshold: float = 0.9
    source: str = str(DEFAULT_POLICY)

    def action(self, role: str, is_text: bool) -> str:
        """How an element of ``role`` is screened; one the policy does not name is screened as what it is."""
        return self.elements.get(role) or ("text" if is_text else "party")

    def country_programmes(self, code: str) -> list[Programme]:
        """The programmes covering country ``code`` whole."""
        return [p for p in self.programmes if code in p.countries]

    def subdivision_programmes(self, code: str) -> list[Programme]:
        """The programmes covering subdivision ``code`` (``UA-43``)."""
        return [p for p in self.programmes if code in p.subdivisions]

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form (what a verdict records of the policy it was made under)."""
        return {
            "source": self.source,
            "threshold": self.threshold,
            "text_verdicts": sorted(self.text_verdicts),
            "text_models": self.text_models,
            "person_name_org_threshold": self.person_name_org_threshold,
            "programmes": [p.name for p in self.programmes],
        }


def read_policy(path: Path | str) -> Policy:
    """Read and check a policy file.

    Raises:
        ConfigError: the file cannot be read, is not TOML, or a key has a value the policy cannot use
            (the message names the file and the key).
    """
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"payment policy {path}: cannot read it ({exc.strerror or exc})") from exc
    except (tomllib.TOMLDecodeError, UnicodeError) as exc:
        raise ConfigError(f"payment policy {path}: not TOML ({exc})") from exc
    return _policy(data, str(path))


@cache
def default_policy() -> Policy:
    """The policy shipped with embargo (``embargo/payments/policy.toml``)."""
    return read_policy(DEFAULT_POLICY)


def _policy(data: dict[str, Any], source: str) -> Policy:
    def fail(key: str, why: str) -> ConfigError:
        return ConfigError(f"payment policy {source}: {key}: {why}")

    known = {
        "threshold", "text_verdicts", "text_models", "hits_per_element", "person_name_org_threshold", "elements",
        "programmes",
    }  # fmt: skip
    for key in data:
        if key not in known:
            raise fail(key, f"unknown key (known: {', '.join(sorted(known))})")
    threshold = data.get("threshold", 0.7)
    if isinstance(threshold, bool) or not isinstance(threshold, int | float) or not 0 < threshold <= 1:
        raise fail("threshold", f"{threshold!r} is not a score above 0 and at most 1")
    verdicts = data.get("text_verdicts", list(_TEXT_VERDICTS))
    if not isinstance(verdicts, list) or not all(v in _TEXT_VERDICTS for v in verdicts):
        raise fail("text_verdicts", f"{verdicts!r}: a list of {' and '.join(_TEXT_VERDICTS)}")
    models = data.get("text_models", False)
    if not isinstance(models, bool):
        raise fail("text_models", f"{models!r} is not true or false")
    person_org = data.get("person_name_org_threshold", 0.9)
    if isinstance(person_org, bool) or not isinstance(person_org, int | float) or not 0 < person_org <= 1:
        raise fail("person_name_org_threshold", f"{person_org!r} is not a score above 0 and at most 1")
    per = data.get("hits_per_element", 3)
    if isinstance(per, bool) or not isinstance(per, int) or per < 1:
        raise fail("hits_per_element", f"{per!r} is not a whole number of at least 1")
    elements = data.get("elements", {})
    if not isinstance(elements, dict):
        raise fail("elements", "a table of element = action")
    for role, action in elements.items():
        if action not in ACTIONS:
            raise fail(f"elements.{role}", f"{action!r} is not one of {', '.join(ACTIONS)}")
    programmes = data.get("programmes", {})
    if not isinstance(programmes, dict):
        raise fail("programmes", "a table of programmes")
    return Policy(
        elements=dict(elements),
        programmes=tuple(_programme(name, body, fail) for name, body in programmes.items()),
        threshold=float(threshold),
        text_verdicts=frozenset(verdicts),
        text_models=models,
        hits_per_element=per,
        person_name_org_threshold=float(person_org),
        source=source,
    )


def _programme(name: str, body: Any, fail: Any) -> Programme:
    key = f"programmes.{name}"
    if not isinstance(body, dict):
        raise fail(key, "a table with title, countries, subdivisions, places")
    for part in body:
        if part not in ("title", "countries", "subdivisions", "places"):
            raise fail(f"{key}.{part}", "unknown key (known: title, countries, subdivisions, places)")
    title = body.get("title")
    if not isinstance(title, str) or not title.strip():
        raise fail(f"{key}.title", "the programme in words is required")
    lists: dict[str, list[str]] = {}
    for part in ("countries", "subdivisions", "places"):
        values = body.get(part, [])
        if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
            raise fail(f"{key}.{part}", "a list of non-empty strings")
        lists[part] = [v.strip() for v in values]
    for code in lists["countries"]:
        if not _CODE.match(code):
            raise fail(f"{key}.countries", f"{code!r} is not an ISO 3166 alpha-2 code in capitals")
    for code in lists["subdivisions"]:
        if not _SUBDIVISION.match(code):
            raise fail(f"{key}.subdivisions", f"{code!r} is not an ISO 3166-2 code (UA-43)")
    if not any(lists.values()):
        raise fail(key, "covers nothing: give countries, subdivisions or places")
    places = tuple(dict.fromkeys(lists["places"]))
    pattern = None
    if places:
        alternatives = "|".join(re.escape(p) for p in sorted(places, key=len, reverse=True))
        pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
    return Programme(
        name=name,
        title=title.strip(),
        countries=frozenset(lists["countries"]),
        subdivisions=frozenset(lists["subdivisions"]),
        places=places,
        _pattern=pattern,
    )
