"""What the command line says about an exception: a clear message for what the disk or the database refused,
an error id with the type and place for a bug (never the exception's text, which may quote a draft)."""

from __future__ import annotations

from ..errors import TactfulError, internal


def explain(exc: BaseException) -> TactfulError:
    """The TactfulError to show for an exception that is not one already."""
    from ..config import Settings
    from ..storage import failures

    try:
        where = str(Settings.from_env().home)
    except TactfulError:
        where = "TACTFUL_HOME"
    known = failures.describe(exc, where)
    if known is not None:
        return known
    _error_id, line = internal(exc)
    return TactfulError("internal", f"{line} (a bug: please report this line; TACTFUL_DEBUG=1 shows the traceback)",
                        status=500)
