"""Checksum-valid cryptocurrency addresses derived from a seed string (no keys behind them).

BTC legacy P2PKH (base58check, version 0x00), BTC native segwit P2WPKH (bech32, BIP-173), ETH with
EIP-55 mixed-case checksum (Keccak-256), TRX (base58check, version 0x41). The 20-byte payload is
SHA-256 of the seed, so distinct seeds give distinct addresses except with negligible probability.
"""
from __future__ import annotations

import hashlib

import base58
from Crypto.Hash import keccak

CHAINS = ("btc", "btc_bech32", "eth", "trx")
_BECH32_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_BECH32_GEN = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)


def _payload(seed: str) -> bytes:
    return hashlib.sha256(seed.encode()).digest()[:20]


def _polymod(values: list[int]) -> int:
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            chk ^= _BECH32_GEN[i] if (top >> i) & 1 else 0
    return chk


def _hrp_expand(hrp: str) -> list[int]:
    return [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]


def _to_5bit(data: bytes) -> list[int]:
    acc = bits = 0
    out = []
    for b in data:
        acc = (acc << 8) | b
        bits += 8
        while bits >= 5:
            bits -= 5
            out.append((acc >> bits) & 31)
    if bits:
        out.append((acc << (5 - bits)) & 31)
    return out


def bech32_segwit(hrp: str, version: int, program: bytes) -> str:
    """Encode a segwit v0 address (bech32 constant 1, BIP-173)."""
    data = [version] + _to_5bit(program)
    mod = _polymod(_hrp_expand(hrp) + data + [0] * 6) ^ 1
    checksum = [(mod >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(_BECH32_CHARSET[d] for d in data + checksum)


def eip55(hex40: str) -> str:
    """Mixed-case checksum address for a lower-case 40-hex-digit body (EIP-55)."""
    digest = keccak.new(digest_bits=256, data=hex40.encode()).hexdigest()
    return "0x" + "".join(c.upper() if c.isalpha() and int(digest[i], 16) >= 8 else c for i, c in enumerate(hex40))


def address(chain: str, seed: str) -> tuple[str, str]:
    """(written form, normalised truth value) for `chain` in CHAINS."""
    body = _payload(seed)
    if chain == "btc":
        written = base58.b58encode_check(b"\x00" + body).decode()
        return written, "btc:" + written
    if chain == "btc_bech32":
        written = bech32_segwit("bc", 0, body)
        return written, "btc:" + written
    if chain == "eth":
        written = eip55(body.hex())
        return written, "eth:" + written.lower()
    if chain == "trx":
        written = base58.b58encode_check(b"\x41" + body).decode()
        return written, "trx:" + written
    raise ValueError(f"unknown chain {chain}")
