"""Contact hours: parse a client's hours and answer "inside now?" and "when is the next window?"."""

from .windows import Hours, is_inside, next_common_window, next_window, window_end


def parse_hours(data: object, field_prefix: str = "") -> Hours:
    """Validate contact-hours JSON and compile it (spec.parse_hours; its models load on first use)."""
    from .spec import parse_hours as parse

    return parse(data, field_prefix)


__all__ = ["Hours", "is_inside", "next_common_window", "next_window", "parse_hours", "window_end"]
