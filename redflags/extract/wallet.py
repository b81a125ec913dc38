"""Cryptocurrency wallet addresses as `chain:address`, reported only when their checksum validates.

btc: base58check P2PKH/P2SH as written, bech32/bech32m lower-cased; eth: lower-case 0x hex (mixed case
must pass EIP-55); trx: base58check (version 0x41); ltc: base58check L/M or ltc1 bech32; xmr: Monero
standard, integrated and subaddresses (Keccak-256 checksum). A legacy "3..." address is reported as btc
(Litecoin's old P2SH prefix is the same byte).
"""
from __future__ import annotations

import re

from redflags.extract.normalize import Folded
from redflags.extract.wallet_codecs import (base58check_version, eth_valid, monero_prefix,
                                            segwit_decode)
from redflags.model import Identifier

_B58 = "1-9A-HJ-NP-Za-km-z"
_WALLET_RE = re.compile(
    rf"(?<![0-9A-Za-z])(?:(?P<eth>0x[0-9a-fA-F]{{40}})|(?P<b32>(?i:bc1|ltc1)[02-9ac-hj-np-zAC-HJ-NP-Z]{{6,87}})"
    rf"|(?P<b58>[{_B58}]{{25,106}}))(?![0-9A-Za-z])")
_GATE = re.compile(rf"[{_B58}]{{25}}")
# the same test on bytes: base58 characters are ASCII, so in UTF-8 a run of them is a run of the same
# bytes (every byte of a non-ASCII character is >= 0x80). Map base58 bytes to "1" and every other byte to
# " ", then look for 25 "1"s with a plain substring search: a few C passes instead of a regex scan.
_B58_BYTES = bytes(range(0x31, 0x3a)) + b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_B58_TABLE = bytes(0x31 if b in _B58_BYTES else 0x20 for b in range(256))
_B58_RUN = b"1" * 25

# base58check version byte -> (chain, type)
_B58_VERSIONS = {0x00: ("btc", "p2pkh"), 0x05: ("btc", "p2sh"), 0x30: ("ltc", "p2pkh"),
                 0x32: ("ltc", "p2sh"), 0x41: ("trx", "account")}
_XMR_TYPES = {18: "standard", 19: "integrated", 42: "subaddress"}


def _classify_b58(addr: str) -> tuple[str, str] | None:
    if len(addr) in (95, 106) and addr[0] in "48":
        prefix = monero_prefix(addr)
        if prefix in _XMR_TYPES:
            return "xmr", _XMR_TYPES[prefix]
        return None
    if len(addr) > 35:
        return None
    check = base58check_version(addr)
    if check is None or check[1] != 20:
        return None
    return _B58_VERSIONS.get(check[0])


def _read(m: re.Match[str]) -> tuple[str, str, str] | None:
    """(chain, kind, normalised address) for one candidate match, or None when the checksum fails."""
    if m.group("eth"):
        addr = m.group("eth")
        return ("eth", "account", "0x" + addr[2:].lower()) if eth_valid(addr[2:]) else None
    if m.group("b32"):
        addr = m.group("b32")
        hrp = "bc" if addr[:3].lower() == "bc1" else "ltc"
        decoded = segwit_decode(addr, hrp)
        if decoded is None:
            return None
        kind = f"segwit_v{decoded[0]}"
        return ("btc" if hrp == "bc" else "ltc"), kind, addr.lower()
    addr = m.group("b58")
    got = _classify_b58(addr)
    return (got[0], got[1], addr) if got else None


def _gate(text: str) -> bool:
    """Same as `_GATE.search(text) is not None`: a run of 25 base58 characters somewhere."""
    return _B58_RUN in text.encode("utf-8", "surrogatepass").translate(_B58_TABLE)


def extract_wallets(folded: Folded) -> list[Identifier]:
    """Checksum-valid wallet addresses in folded text, with original-text spans."""
    text = folded.text
    if "0x" not in text and "c1" not in text and "C1" not in text and not _gate(text):
        return []
    found = []
    for m in _WALLET_RE.finditer(text):
        got = _read(m)
        if got is None:
            continue
        chain, kind, addr = got
        s, e = folded.span(*m.span())
        found.append(Identifier("wallet", f"{chain}:{addr}", s, e, folded.changed(*m.span()),
                                {"chain": chain, "type": kind}))
    return found
