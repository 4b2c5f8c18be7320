"""Contact hours: parse a client's hours and answer "inside now?" and "when is the next window?"."""

from .spec import parse_hours
from .windows import Hours, is_inside, next_common_window, next_window, window_end

__all__ = ["Hours", "is_inside", "next_common_window", "next_window", "parse_hours", "window_end"]
