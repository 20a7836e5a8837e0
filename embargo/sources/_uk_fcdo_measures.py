"""The measures of a UK Sanctions List designation, as :data:`~embargo.model.MEASURES` keys.

The FCDO states them twice. ``SanctionsImposed`` is free text, the measures
joined by ``|`` (``Asset freeze|Travel Ban``, ``Shipping sanctions: (see
'Other information')``); the XML adds ``SanctionsImposedIndicators``, one
``true``/``false`` element per measure the list knows::

    AssetFreeze                        asset_freeze
    ArmsEmbargo                        arms_embargo
    TargetedArmsEmbargo                targeted_arms_embargo
    CharteringOfShips                  chartering_ban
    ClosureOfRepresentativeOffices     office_closure
    CrewServicingOfShipsAndAircraft    crew_servicing_ban
    Deflag                             deflagging
    PreventionOfBusinessArrangements   business_arrangements_ban
    ProhibitionOfPortEntry             port_entry_ban
    TravelBan                          travel_ban
    PreventionOfCharteringOfShips      chartering_ban
    PreventionOfCharteringOfShipsAndAircraft  chartering_ban
    TechnicalAssistanceRelatedToAircraft      aircraft_assistance_ban
    TrustServicesSanctions             trust_services_ban
    DirectorDisqualificationSanction   director_disqualification

The flags are the structured statement, so they win: when any flag is
true, the true flags are the measures and the text is not read (a false
flag is never a measure). Otherwise the text is read, each item by its
letters before any ``:`` (``Transport sanctions`` and ``Shipping
sanctions``, which have no flag, give ``transport_ban``); an item or flag
embargo does not know is ``other``. A designation that states no measure
at all gets ``asset_freeze``, the measure every UK financial designation
carries. The keys come back once each, in the order of ``MEASURES``, so the
XML and the CSV of one list give the same list.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from embargo.model import MEASURES

__all__ = ["FLAG_MEASURES", "measures_for"]

#: Every SanctionsImposedIndicators element -> its measure key.
FLAG_MEASURES: dict[str, str] = {
    "AssetFreeze": "asset_freeze",
    "ArmsEmbargo": "arms_embargo",
    "TargetedArmsEmbargo": "targeted_arms_embargo",
    "CharteringOfShips": "chartering_ban",
    "ClosureOfRepresentativeOffices": "office_closure",
    "CrewServicingOfShipsAndAircraft": "crew_servicing_ban",
    "Deflag": "deflagging",
    "PreventionOfBusinessArrangements": "business_arrangements_ban",
    "ProhibitionOfPortEntry": "port_entry_ban",
    "TravelBan": "travel_ban",
    "PreventionOfCharteringOfShips": "chartering_ban",
    "PreventionOfCharteringOfShipsAndAircraft": "chartering_ban",
    "TechnicalAssistanceRelatedToAircraft": "aircraft_assistance_ban",
    "TrustServicesSanctions": "trust_services_ban",
    "DirectorDisqualificationSanction": "director_disqualification",
}

_NOT_LETTERS = re.compile(r"[^a-z]+")


def _key(text: str) -> str:
    return _NOT_LETTERS.sub("", text.split(":", 1)[0].lower())


# Flag names and the words of SanctionsImposed, by their letters.
_BY_KEY: dict[str, str] = {_key(flag): measure for flag, measure in FLAG_MEASURES.items()}
_BY_KEY.update(
    {
        "trustservicessanction": "trust_services_ban",
        "trustservices": "trust_services_ban",
        "directordisqualification": "director_disqualification",
        "portentryban": "port_entry_ban",
        "deflagging": "deflagging",
        "transportsanctions": "transport_ban",
        "transportsanction": "transport_ban",
        "shippingsanctions": "transport_ban",
        "shipspecification": "transport_ban",
    }
)
_ORDER = {key: i for i, key in enumerate(MEASURES)}


def measures_for(imposed: str | None, flags: Sequence[tuple[str, bool]] | None = None) -> list[str]:
    """The measure keys of one designation.

    Args:
        imposed: the ``SanctionsImposed`` text, ``|``-separated.
        flags: the ``SanctionsImposedIndicators`` as (element name, value)
            pairs, or None when the file has none (the CSV).

    Returns:
        Keys of :data:`~embargo.model.MEASURES`, each once, in its order.
    """
    found = [_BY_KEY.get(_key(name), "other") for name, on in flags or () if on]
    if not found:
        found = [_BY_KEY.get(key, "other") for key in (_key(item) for item in (imposed or "").split("|")) if key]
    if not found:
        found = ["asset_freeze"]
    return sorted(set(found), key=lambda m: _ORDER.get(m, len(_ORDER)))
