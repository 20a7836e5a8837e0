"""The entity model: FollowTheMoney-shaped entities with first-class designations."""

from embargo.model.designation import MEASURES, Designation
from embargo.model.entity import NAME_PROPERTIES, Entity
from embargo.model.link import LINK_KINDS, Link
from embargo.model.regimes import REGIME_PROGRAMS, REGIMES, Regime, publisher_of, regime_of
from embargo.model.schema import TARGET_SCHEMATA, is_schema, property_type, schema_properties
from embargo.model.values import (
    clean_country,
    clean_date,
    clean_gender,
    clean_language,
    clean_text,
    parse_date,
    year_range,
)

__all__ = [
    "LINK_KINDS",
    "MEASURES",
    "NAME_PROPERTIES",
    "REGIMES",
    "REGIME_PROGRAMS",
    "TARGET_SCHEMATA",
    "Designation",
    "Entity",
    "Link",
    "Regime",
    "clean_country",
    "clean_date",
    "clean_gender",
    "clean_language",
    "clean_text",
    "is_schema",
    "parse_date",
    "property_type",
    "publisher_of",
    "regime_of",
    "schema_properties",
    "year_range",
]
