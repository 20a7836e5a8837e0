"""Designations: the legal act that puts an entity on a list.

A designation says who listed the entity (authority), on which list, under
which program or regime, with which measures (asset freeze, travel ban...),
since when, and why. It carries the publisher's own record id so a reviewer
can find the entry in the official file.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass, field
from typing import Any

__all__ = ["MEASURES", "Designation"]

#: Measures embargo knows, with the words shown to users.
MEASURES: dict[str, str] = {
    "asset_freeze": "asset freeze",
    "travel_ban": "travel ban",
    "visa_ban": "visa ban",
    "arms_embargo": "arms embargo",
    "financial_prohibition": "prohibition of financial dealings",
    "sectoral_sanctions": "sectoral sanctions (debt and equity restrictions)",
    "investment_ban": "ban on investment in securities",
    "export_restriction": "export restriction",
    "trust_services_ban": "ban on trust services",
    "transport_ban": "transport and port-entry ban",
    "director_disqualification": "director disqualification",
    "targeted_arms_embargo": "targeted arms embargo",
    "port_entry_ban": "prohibition of port entry",
    "deflagging": "deflagging of ships",
    "chartering_ban": "prohibition of chartering ships or aircraft",
    "crew_servicing_ban": "prohibition of crew servicing of ships and aircraft",
    "office_closure": "closure of representative offices",
    "business_arrangements_ban": "prevention of business arrangements",
    "aircraft_assistance_ban": "prohibition of technical assistance related to aircraft",
    "other": "other measure",
}


@dataclass(slots=True)
class Designation:
    """One listing of one entity by one authority under one program.

    Attributes:
        id: stable embargo id of the designation.
        list: embargo name of the list (``us_ofac_sdn``, ``eu_fsf``...).
        authority: who imposed it (``US OFAC``, ``EU``, ``UN Security Council``).
        program: program or regime as the list names it (``BELARUS``).
        measures: keys of :data:`MEASURES`.
        listing_date: ISO date (or prefix) the entity was listed.
        end_date: ISO date the designation ended, if the list says.
        reason: statement of reasons or remarks, as published.
        source_id: the publisher's own record id (OFAC ``uid``, UN ``DATAID``...).
        url: link to the official publication or regulation.
    """

    id: str
    list: str
    authority: str
    program: str | None = None
    measures: builtins.list[str] = field(default_factory=builtins.list)
    listing_date: str | None = None
    end_date: str | None = None
    reason: str | None = None
    source_id: str | None = None
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able form; keys with no value are left out."""
        data: dict[str, Any] = {"id": self.id, "list": self.list, "authority": self.authority}
        for key in ("program", "listing_date", "end_date", "reason", "source_id", "url"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        if self.measures:
            data["measures"] = list(self.measures)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Designation:
        """Inverse of :meth:`to_dict`."""
        return cls(
            id=str(data["id"]),
            list=str(data["list"]),
            authority=str(data["authority"]),
            program=data.get("program"),
            measures=list(data.get("measures", [])),
            listing_date=data.get("listing_date"),
            end_date=data.get("end_date"),
            reason=data.get("reason"),
            source_id=data.get("source_id"),
            url=data.get("url"),
        )
