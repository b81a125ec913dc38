"""Domain helpers over the Public Suffix List that ships with `publicsuffixlist` (never fetched at run time)."""
from __future__ import annotations

from functools import lru_cache

from publicsuffixlist import PublicSuffixList


@lru_cache(maxsize=1)
def _psl() -> PublicSuffixList:
    return PublicSuffixList(only_icann=True)


@lru_cache(maxsize=16384)
def known_suffix(host: str) -> bool:
    """True when `host` ends in an ICANN public suffix (a real TLD such as com, co.uk, рф)."""
    return _psl().publicsuffix(host.lower().rstrip("."), accept_unknown=False) is not None


@lru_cache(maxsize=16384)
def registered_domain(host: str) -> str | None:
    """The registrable domain of `host` (www.shop.example.co.uk -> example.co.uk), None for a bare suffix."""
    host = host.lower().rstrip(".")
    if not known_suffix(host):
        return None
    return _psl().privatesuffix(host, accept_unknown=False)
