"""Keyed hashes of identifiers (HMAC-SHA-256) and the secret keys they are made with.

Two kinds of key: the installation's own pseudonym key (`<store>.pseudonym.key`, made on first use) for
what stays inside the installation — viewer pseudonyms, hashes kept after retention — and a shared key
agreed between partner organisations for hash lists. A keyed hash can only be recomputed by someone who
holds the key: it hides identifiers from everyone else, not from the key holders (phone numbers are few
enough to try them all), so a shared key must stay among the partners.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

from redflags.errors import ConfigError

KEY_BYTES = 32


def keyed_hash(key: bytes, kind: str, value: str) -> str:
    """HMAC-SHA-256 of "kind:value" (the normalised value, so every written form hashes alike), hex."""
    return hmac.new(key, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def key_id(key: bytes) -> str:
    """A fingerprint partners compare to be sure they hold the same key (reveals nothing of it)."""
    return hashlib.sha256(b"redflags-key-id:" + key).hexdigest()[:16]


def write_new_key(path: Path) -> bytes:
    """A fresh random key written as hex to `path` (mode 0600); refuses to overwrite."""
    key = secrets.token_bytes(KEY_BYTES)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError as e:
        raise ConfigError(f"{path} already exists; not overwriting a key") from e
    with os.fdopen(fd, "w") as f:
        f.write(key.hex() + "\n")
    return key


def read_key(path: Path) -> bytes:
    """A key file written by `write_new_key` (64 hex digits)."""
    try:
        text = Path(path).read_text(encoding="ascii").strip()
        key = bytes.fromhex(text)
    except FileNotFoundError as e:
        raise ConfigError(f"key file {path} does not exist") from e
    except (UnicodeDecodeError, ValueError) as e:
        raise ConfigError(f"{path}: a key file holds {KEY_BYTES * 2} hex digits") from e
    if len(key) < KEY_BYTES:
        raise ConfigError(f"{path}: key too short ({len(key)} bytes; at least {KEY_BYTES})")
    return key


def pseudonym_key_path(store_path: Path) -> Path:
    return store_path.with_name(store_path.name + ".pseudonym.key")


def pseudonym_key(store_path: Path) -> bytes:
    """The installation's own pseudonym key, made on first use next to the store."""
    path = pseudonym_key_path(Path(store_path))
    if path.exists():
        return read_key(path)
    try:
        return write_new_key(path)
    except ConfigError:  # another process made it first
        return read_key(path)
