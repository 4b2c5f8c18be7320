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
