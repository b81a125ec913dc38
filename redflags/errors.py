"""One exception tree for the whole project; each error knows the HTTP status it maps to."""
from __future__ import annotations


class RedflagsError(Exception):
    """Base of every error Redflags raises on purpose."""

    http_status = 500


class InputError(RedflagsError):
    """Bad input: names the file (or record), where in it, and what is wrong."""

    http_status = 400

    def __init__(self, reason: str, *, file: str | None = None, locator: str | None = None) -> None:
        self.reason = reason
        self.file = file
        self.locator = locator
        where = ":".join(p for p in (file, locator) if p)
        super().__init__(f"{where}: {reason}" if where else reason)


class NotFound(RedflagsError):
    http_status = 404


class Forbidden(RedflagsError):
    http_status = 403


class ConfigError(RedflagsError):
    """A setting or data file that cannot work (bad path, bad value, unknown option)."""

    http_status = 500


class StoreError(RedflagsError):
    """The store cannot be opened or is at a schema this version does not understand."""

    http_status = 500
