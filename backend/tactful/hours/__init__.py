"""Contact hours: parse a client's hours and answer "inside now?" and "when is the next window?"."""

from typing import Annotated

from pydantic import BeforeValidator, WithJsonSchema

from .windows import Hours, is_inside, next_common_window, next_window, window_end


def parse_hours(data: object, field_prefix: str = "") -> Hours:
    """Validate contact-hours JSON and compile it (spec.parse_hours; its models load on first use)."""
    from .spec import parse_hours as parse

    return parse(data, field_prefix)


# Stands for HoursSpec's schema until the OpenAPI document puts its $ref here (pydantic cannot carry a $ref).
HOURS_SCHEMA = {"type": "object", "x-schema": "HoursSpec"}


def hours_json(field_prefix: str):
    """Contact hours as a request model's field: validated (errors name `field_prefix`…), kept as canonical JSON,
    described by the HoursSpec schema (components/schemas/HoursSpec in the OpenAPI document)."""
    return Annotated[dict, BeforeValidator(lambda value: parse_hours(value, field_prefix).to_json()),
                     WithJsonSchema(HOURS_SCHEMA)]


__all__ = ["hours_json", "Hours", "is_inside", "next_common_window", "next_window", "parse_hours", "window_end"]
