"""What a party of unknown kind reads as, and the fingerprint of a party wherever it stands in a message."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from embargo.names import fold
from embargo.names.identifiers import normalize_identifier
from embargo.names.symbols import word_symbols
from embargo.payments.message import Party
from embargo.screening import Hit

__all__ = ["best_per_party", "digest", "party_key", "reads_as_person"]

#: rigour's symbols of an organisation's words: legal forms, descriptors, industries.
_ORG_WORD = ("orgtype:", "sym:", "domain:")


def reads_as_person(name: str) -> bool:
    """Whether a name of unknown kind reads as a person's: every word a given name or surname rigour knows
    (in any script: Bianca da Rosa, 山崎 健一), none a legal form, an industry or a descriptor word
    (Bank, Trading, GmbH)."""
    words = fold(name).split()
    if not words:
        return False
    for word in words:
        if not any(s.startswith(("name:", "nick:")) for s in word_symbols(word, False)):
            return False
        if any(s.startswith(_ORG_WORD) for s in word_symbols(word, True)):
            return False
    return True


def best_per_party(hits: list[Hit], limit: int) -> list[Hit]:
    """The best hit of each listed party, best first, at most ``limit``."""
    best: dict[str, Hit] = {}
    for hit in hits:
        party = hit.party_id or hit.entity_id
        if party not in best or hit.score > best[party].score:
            best[party] = hit
    return sorted(best.values(), key=lambda h: (-h.score, h.entity_id))[:limit]


def party_key(party: Party) -> str:
    """The fingerprint of a party's screened values (the same party in another element or message meets it)."""
    address = party.address
    return digest(
        {
            "name": " ".join(party.name.split()).upper(),
            "address": " ".join(address.text().split()).upper() if address else "",
            "ids": sorted({normalize_identifier(v) for v in (party.bic, party.lei, *party.identifiers) if v}),
            "account": normalize_identifier(party.account),
            "born": [party.birth_date, party.birth_place, party.birth_country],
            "residence": party.residence,
        }
    )


def digest(data: dict[str, Any]) -> str:
    """A short SHA-256 of canonical JSON."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
