"""The entity model: FollowTheMoney-shaped entities with first-class designations."""

from embargo.model.designation import MEASURES, Designation
from embargo.model.entity import NAME_PROPERTIES, Entity
from embargo.model.link import LINK_KINDS, Link
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
    "TARGET_SCHEMATA",
    "Designation",
    "Entity",
    "Link",
    "clean_country",
    "clean_date",
    "clean_gender",
    "clean_language",
    "clean_text",
    "is_schema",
    "parse_date",
    "property_type",
    "schema_properties",
    "year_range",
]
