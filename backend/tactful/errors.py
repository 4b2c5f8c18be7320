"""The one error type the core raises; the shell turns it into JSON or a CLI message."""

from __future__ import annotations


class TactfulError(Exception):
    """A user-facing error with a stable code, a message and, when known, the offending field."""

    def __init__(self, code: str, message: str, field: str | None = None, status: int = 400):
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field
        self.status = status

    def to_dict(self) -> dict:
        """Return the public JSON error shape."""
        body = {"code": self.code, "message": self.message}
        if self.field is not None:
            body["field"] = self.field
        return {"error": body}


def where_raised(exc: BaseException) -> str:
    """The innermost frame of Tactful's own code the exception passed through (else the innermost of all)."""
    import traceback
    from pathlib import Path

    package = Path(__file__).resolve().parent
    frames = traceback.extract_tb(exc.__traceback__) if exc.__traceback__ else []
    ours = [f for f in frames if Path(f.filename).resolve().is_relative_to(package)]
    frame = (ours or frames or [None])[-1]
    if frame is None:
        return "?"
    path = Path(frame.filename).resolve()
    shown = path.relative_to(package.parent) if path.is_relative_to(package.parent) else path.name
    return f"{shown}:{frame.lineno} in {frame.name}"


def internal(exc: BaseException) -> tuple[str, str]:
    """A new error id for a bug, and the line to log about it: the id, the exception's type, where it was raised.

    Never the exception's text: it may quote a draft.
    """
    import uuid

    error_id = uuid.uuid4().hex[:12]
    return error_id, f"internal error {error_id}: {type(exc).__name__} at {where_raised(exc)}"
