"""Reading OFAC's remarks text and identifier types (shared by the XML and CSV formats).

OFAC keeps one record per listed party. The classic XML gives identifiers as
``<id><idType>Passport</idType><idNumber>…</idNumber><idCountry>…</idCountry>``;
the legacy CSV flattens the same facts into the ``Remarks`` column as
``"; "``-separated items ending with a full stop::

    DOB 30 Aug 1954; alt. DOB 1955; POB Kopys, Vitebsk oblast, Belarus;
    Passport 042833 (Lebanon) issued 21 Jun 1992; a.k.a. 'HESA'; Linked To: X.

An item is ``<idType> <idNumber> (<idCountry>)``, so one table of identifier
types (:data:`ID_TYPES`) serves both formats, and a CSV record yields the
same entity as its XML twin. Weak aliases, which the XML keeps in
``akaList`` with ``category`` weak, appear in the CSV only here, as
``a.k.a. 'NAME'``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from embargo.model import clean_country, clean_text, parse_date, year_range

__all__ = [
    "ID_TYPES",
    "IdType",
    "Remarks",
    "normalize_imo",
    "parse_birth_dates",
    "parse_remarks",
    "split_country",
    "split_remarks",
]


@dataclass(frozen=True, slots=True)
class IdType:
    """Where an OFAC identifier type goes.

    Attributes:
        props: FtM properties in order of preference; the first one the
            entity's schema has is used, none means the item stays in notes.
        kind: ``date`` (value parsed as a date) or ``id`` (kept as written).
    """

    props: tuple[str, ...]
    kind: str = "id"


def _t(*props: str, kind: str = "id") -> IdType:
    return IdType(props, kind)


_ID = _t("idNumber")
_TAX = _t("taxNumber", "idNumber")
_REG = _t("registrationNumber", "idNumber")

#: OFAC identifier types (``idType`` in XML, item key in CSV remarks) we map
#: to properties. Types not listed here (sanctions information, "Linked To",
#: crypto addresses, fax numbers...) are kept in the entity's notes.
ID_TYPES: dict[str, IdType] = {
    "Passport": _t("passportNumber", "idNumber"),
    "Diplomatic Passport": _t("passportNumber", "idNumber"),
    "National ID No.": _ID,
    "Cedula No.": _ID,
    "Identification Number": _ID,
    "Personal ID Card": _ID,
    "D.N.I.": _ID,
    "C.U.R.P.": _ID,
    "C.U.I.P.": _ID,
    "Electoral Registry No.": _ID,
    "Credencial electoral": _ID,
    "Residency Number": _ID,
    "National Foreign ID Number": _ID,
    "Cartilla de Servicio Militar Nacional": _ID,
    "Driver's License No.": _ID,
    "Birth Certificate Number": _ID,
    "Travel Document Number": _ID,
    "Refugee ID Card": _ID,
    "Kenyan ID No.": _ID,
    "Turkish Identification Number": _ID,
    "Tazkira National ID Card": _ID,
    "Citizen's Card Number": _ID,
    "Numero de Identidad": _ID,
    "I.F.E.": _ID,
    "C.U.I.": _ID,
    "VisaNumberID": _ID,
    "SRE Permit No.": _ID,
    "Immigration No.": _ID,
    "Pilot License Number": _ID,
    "SSN": _t("socialSecurityNumber", "idNumber"),
    "Tax ID No.": _TAX,
    "NIT #": _TAX,
    "R.F.C.": _TAX,
    "RFC": _TAX,
    "RUC #": _TAX,
    "RIF #": _TAX,
    "C.U.I.T.": _TAX,
    "RTN": _TAX,
    "US FEIN": _TAX,
    "Italian Fiscal Code": _TAX,
    "C.I.F.": _TAX,
    "Numero Unico de Identificacao Tributaria (NUIT)": _TAX,
    "V.A.T. Number": _t("vatCode", "taxNumber"),
    "Registration ID": _REG,
    "Registration Number": _REG,
    "Business Registration Number": _REG,
    "Business Registration Document #": _REG,
    "Company Number": _REG,
    "UK Company Number": _REG,
    "Commercial Registry Number": _REG,
    "Matricula Mercantil No": _REG,
    "Folio Mercantil No.": _REG,
    "C.R. No.": _REG,
    "Chamber of Commerce Number": _REG,
    "Public Registration Number": _REG,
    "Trade License No.": _REG,
    "Enterprise Number": _REG,
    "Government Gazette Number": _REG,
    "Certificate of Incorporation Number": _REG,
    "Registered Charity No.": _REG,
    "LE Number": _REG,
    "Branch Unit Number": _REG,
    "Business Number": _REG,
    "File Number": _REG,
    "Dubai Chamber of Commerce Membership No.": _REG,
    "Afghan Money Service Provider License Number": _t("licenseNumber", "registrationNumber"),
    "License": _t("licenseNumber", "registrationNumber"),
    "Unified Social Credit Code (USCC)": _t("uscCode", "registrationNumber"),
    "United Social Credit Code Certificate (USCCC)": _t("uscCode", "registrationNumber"),
    "Legal Entity Number": _t("leiCode", "registrationNumber"),
    "D-U-N-S Number": _t("dunsCode"),
    "SWIFT/BIC": _t("swiftBic"),
    "BIK (RU)": _t("bikCode", "registrationNumber"),
    "ISIN": _t("isinCode"),
    "Equity Ticker": _t("ticker"),
    "Email Address": _t("email"),
    "Website": _t("website"),
    "Phone Number": _t("phone"),
    "Telephone": _t("phone"),
    "Telephone No.": _t("phone"),
    "Phone No.": _t("phone"),
    "Gender": _t("gender"),
    "Nationality of Registration": _t("jurisdiction", "country"),
    "Vessel Registration Identification": _t("imoNumber"),
    "MMSI": _t("mmsi"),
    "Former Vessel Flag": _t("pastFlags"),
    "Other Vessel Call Sign": _t("callSign"),
    "Other Vessel Type": _t("pastTypes"),
    "Vessel Year of Build": _t("buildDate", kind="date"),
    "Aircraft Manufacture Date": _t("buildDate", kind="date"),
    "Aircraft Model": _t("model"),
    "Aircraft Manufacturer's Serial Number (MSN)": _t("serialNumber"),
    "Aircraft Construction Number (also called L/N or S/N or F/N)": _t("serialNumber"),
    "Aircraft Serial Identification": _t("serialNumber"),
    "Aircraft Tail Number": _t("registrationNumber"),
    "Previous Aircraft Tail Number": _t("registrationNumber"),
    "Aircraft Mode S Transponder Code": _t("icaoCode"),
    "Organization Established Date": _t("incorporationDate", kind="date"),
    "Organization Type:": _t("sector"),
    "Target Type": _t("classification"),
}

# Keys of the CSV remarks items that are not identifiers.
_FACT_KEYS = ("DOB", "POB", "nationality", "citizen", "a.k.a.", "f.k.a.", "n.k.a.")
# Longest first, so "Passport" does not swallow "Diplomatic Passport"-like longer keys.
_KEYS = sorted((*ID_TYPES, *_FACT_KEYS), key=len, reverse=True)
# A field ending in one of these keeps its full stop: it belongs to the name.
_ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Za-z]\.){2,}|\b[A-Z]\.|\b(?:LTD|CO|INC|CORP|BHD|PTE|PVT|CIA|LTDA|LLC|JSC|S\.A)\.)$"
)
_ALT = re.compile(r"^alt\.\s+", re.IGNORECASE)
_COUNTRY_TAIL = re.compile(r"^(.*\S)\s+\(([^()]+)\)(?:\s+(?:issued|expires)\b.*)?$")
_ISSUED_TAIL = re.compile(r"\s+(?:issued|expires)\b.*$")
_IMO = re.compile(r"^IMO\s*(\d{7})$", re.IGNORECASE)
_CIRCA = re.compile(r"^(?:circa|approximately|approx\.|about)\s+", re.IGNORECASE)
_RANGE = re.compile(r"^(.+?)(?:\s+to\s+|\s*-\s*)(.+)$")


@dataclass(slots=True)
class Remarks:
    """What the remarks of one CSV record say, sorted by kind."""

    birth_dates: list[str] = field(default_factory=list)
    birth_places: list[str] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    citizenships: list[str] = field(default_factory=list)
    #: (``a.k.a.``/``f.k.a.``/``n.k.a.``, name): OFAC's weak aliases.
    names: list[tuple[str, str]] = field(default_factory=list)
    #: (idType, idNumber, idCountry) as the XML would give them.
    ids: list[tuple[str, str, str | None]] = field(default_factory=list)
    #: Everything else, as written (sanctions information, "Linked To", titles...).
    notes: list[str] = field(default_factory=list)


def split_remarks(text: str) -> list[str]:
    """Cut a remarks field into its ``"; "``-separated items.

    The closing full stop of the field is dropped, unless it ends an
    abbreviation (OFAC writes ``Linked To: R D I S.A.``, not ``S.A..``).
    Quotes are not tracked: apostrophes stand for the Arabic ayn in names
    (``'Abd al-Salam``) and would open false quotes, and no quoted alias in
    OFAC's files holds a ``;``.
    """
    text = text.strip()
    if text.endswith(".") and not _ABBREVIATION.search(text):
        text = text[:-1]
    return [s for s in (clean_text(item) for item in text.split(";")) if s]


def split_country(value: str) -> tuple[str, str | None]:
    """``"042833 (Lebanon) issued 1992"`` -> ``("042833", "Lebanon")``.

    A trailing parenthesis counts as the issuing country only when it names
    one, so ``"(98)(21)(66153220)"`` stays whole.
    """
    m = _COUNTRY_TAIL.match(value)
    if m is not None and clean_country(m.group(2)) is not None:
        return m.group(1), m.group(2)
    return _ISSUED_TAIL.sub("", value), None


def normalize_imo(value: str) -> str | None:
    """``"IMO 9187655"`` -> ``"IMO9187655"``; None when it is not an IMO number."""
    m = _IMO.match(value.strip())
    return f"IMO{m.group(1)}" if m else None


def parse_birth_dates(text: str) -> list[str]:
    """ISO dates (or years) from OFAC's date-of-birth text.

    ``30 Aug 1954``, ``Aug 1954``, ``1954``, ``circa 1954`` (the year, as
    written), ``1960 to 1962`` and ``01 Jan 1960 to 31 Dec 1962`` (every
    year of the range, see :func:`~embargo.model.year_range`).
    """
    value = clean_text(text)
    if value is None:
        return []
    value = _CIRCA.sub("", value.strip(" .;"))
    single = parse_date(value)
    if single is not None:
        return [single]
    m = _RANGE.match(value)
    if m is not None:
        start, end = parse_date(m.group(1)), parse_date(m.group(2))
        if start is not None and end is not None:
            return year_range(start, end)
    return []


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1].strip()
    return value.strip("'\"")


def _key_of(item: str) -> tuple[str, str] | None:
    for key in _KEYS:
        if item.startswith(key) and (len(item) == len(key) or item[len(key)] == " "):
            return key, item[len(key) :].strip()
    return None


def parse_remarks(text: str | None) -> Remarks:
    """Sort the items of a CSV remarks field into facts, identifiers and notes."""
    found = Remarks()
    if text is None:
        return found
    for raw in split_remarks(text):
        item = _ALT.sub("", raw)
        keyed = _key_of(item)
        if keyed is None or not keyed[1]:
            # "alt." only says "another value of the same kind"; the text reads fine without it.
            found.notes.append(item)
            continue
        key, value = keyed
        if key == "DOB":
            found.birth_dates.append(value)
        elif key == "POB":
            found.birth_places.append(value)
        elif key == "nationality":
            found.nationalities.append(value)
        elif key == "citizen":
            found.citizenships.append(value)
        elif key in ("a.k.a.", "f.k.a.", "n.k.a."):
            found.names.append((key, _unquote(value)))
        else:
            number, country = split_country(value)
            found.ids.append((key, number, country))
    return found
