"""Runtime settings, read from REDFLAGS_* environment variables once and passed in explicitly."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from redflags.errors import ConfigError


DEFAULT_DB = "redflags.db"
DEFAULT_REGION = "US"
DEFAULT_BATCH_SIZE = 2000


@dataclass(frozen=True, slots=True)
class Settings:
    """What changes how Redflags runs. Build with `Settings.from_env()`; no global instance exists."""

    db: Path = Path(DEFAULT_DB)
    region: str = DEFAULT_REGION          # default region for reading national phone numbers
    batch_size: int = DEFAULT_BATCH_SIZE  # ads per store transaction during ingest
    session_hours: float = 12.0           # how long a web login lasts
    check_rate: int = 30                  # public /check requests per client address per minute
    login_rate: int = 10                  # login attempts per client address per minute
    secure_cookies: bool = False          # mark cookies Secure (set when served over HTTPS)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "Settings":
        env = os.environ if env is None else env
        try:
            batch = int(env.get("REDFLAGS_BATCH_SIZE", DEFAULT_BATCH_SIZE))
        except ValueError as e:
            raise ConfigError(f"REDFLAGS_BATCH_SIZE must be an integer, got {env['REDFLAGS_BATCH_SIZE']!r}") from e
        if batch < 1:
            raise ConfigError("REDFLAGS_BATCH_SIZE must be at least 1")
        region = env.get("REDFLAGS_REGION", DEFAULT_REGION).upper()
        if len(region) != 2 or not region.isalpha():
            raise ConfigError(f"REDFLAGS_REGION must be a two-letter country code, got {region!r}")
        return cls(db=Path(env.get("REDFLAGS_DB", DEFAULT_DB)), region=region, batch_size=batch,
                   session_hours=_number(env, "REDFLAGS_SESSION_HOURS", 12.0, float),
                   check_rate=_number(env, "REDFLAGS_CHECK_RATE", 30, int),
                   login_rate=_number(env, "REDFLAGS_LOGIN_RATE", 10, int),
                   secure_cookies=env.get("REDFLAGS_SECURE_COOKIES", "0").lower() in ("1", "true", "yes"))


def _number(env: Mapping[str, str], name: str, default, kind):
    """A positive number from the environment, or a ConfigError naming the variable."""
    raw = env.get(name)
    if raw is None:
        return default
    try:
        value = kind(raw)
    except ValueError as e:
        raise ConfigError(f"{name} must be a number, got {raw!r}") from e
    if value <= 0:
        raise ConfigError(f"{name} must be positive, got {raw!r}")
    return value
