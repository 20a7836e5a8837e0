"""The entity model: FollowTheMoney-shaped entities with first-class designations."""

from embargo.model.designation import MEASURES, Designation
from embargo.model.entity import NAME_PROPERTIES, Entity
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
    "MEASURES",
    "NAME_PROPERTIES",
    "TARGET_SCHEMATA",
    "Designation",
    "Entity",
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
