"""Checksum codecs for cryptocurrency addresses: base58check, bech32/bech32m (BIP-173/350),
EIP-55 mixed-case hex, and Monero's block-wise base58 with a Keccak-256 checksum.

Every function returns a verdict instead of raising, because the extractor tries them on arbitrary
text; a wallet is only reported when its checksum validates (a random string passes a 32-bit
checksum with probability 2**-32).
"""
from __future__ import annotations

import base58
from Crypto.Hash import keccak

B58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_B58_INDEX = {c: i for i, c in enumerate(B58_ALPHABET)}
_BECH32_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_BECH32_INDEX = {c: i for i, c in enumerate(_BECH32_CHARSET)}
_BECH32_CONST, _BECH32M_CONST = 1, 0x2BC830A3
_XMR_BLOCK_SIZES = (0, 2, 3, 5, 6, 7, 9, 10, 11)  # encoded chars for 0..8 raw bytes


def keccak256(data: bytes) -> bytes:
    """Keccak-256 as Ethereum and Monero use it (the pre-standard padding, not SHA3-256)."""
    return keccak.new(digest_bits=256, data=data).digest()


def base58check_version(address: str) -> tuple[int, int] | None:
    """(version byte, payload length) of a valid base58check string, else None."""
    try:
        raw = base58.b58decode_check(address)
    except ValueError:
        return None
    if not raw:
        return None
    return raw[0], len(raw) - 1


def _polymod(values: list[int]) -> int:
    gen = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            if (top >> i) & 1:
                chk ^= gen[i]
    return chk


def _hrp_expand(hrp: str) -> list[int]:
    return [ord(x) >> 5 for x in hrp] + [0] + [ord(x) & 31 for x in hrp]


def _convertbits(data: list[int], frombits: int, tobits: int, pad: bool = False) -> list[int] | None:
    acc = bits = 0
    out: list[int] = []
    maxv = (1 << tobits) - 1
    for value in data:
        acc = (acc << frombits) | value
        bits += frombits
        while bits >= tobits:
            bits -= tobits
            out.append((acc >> bits) & maxv)
    if pad:
        if bits:
            out.append((acc << (tobits - bits)) & maxv)
    elif bits >= frombits or ((acc << (tobits - bits)) & maxv):
        return None
    return out


def segwit_decode(address: str, hrp: str) -> tuple[int, bytes] | None:
    """(witness version, program) for a valid segwit address with human-readable part `hrp`, else None.
    Enforces BIP-350: version 0 uses bech32, versions 1-16 use bech32m; no mixed case."""
    if address.lower() != address and address.upper() != address:
        return None
    addr = address.lower()
    pos = addr.rfind("1")
    if addr[:pos] != hrp or pos + 7 > len(addr) or len(addr) > 90:
        return None
    try:
        data = [_BECH32_INDEX[c] for c in addr[pos + 1:]]
    except KeyError:
        return None
    const = _polymod(_hrp_expand(hrp) + data)
    if const not in (_BECH32_CONST, _BECH32M_CONST) or not data[:-6]:
        return None
    version = data[0]
    program = _convertbits(data[1:-6], 5, 8)
    if program is None or version > 16 or not 2 <= len(program) <= 40:
        return None
    if version == 0 and (len(program) not in (20, 32) or const != _BECH32_CONST):
        return None
    if version != 0 and const != _BECH32M_CONST:
        return None
    return version, bytes(program)


def segwit_encode(hrp: str, version: int, program: bytes) -> str:
    """Encode a segwit address (used by tests and the evaluation set to make valid addresses)."""
    data = [version] + (_convertbits(list(program), 8, 5, pad=True) or [])
    const = _BECH32_CONST if version == 0 else _BECH32M_CONST
    poly = _polymod(_hrp_expand(hrp) + data + [0] * 6) ^ const
    checksum = [(poly >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(_BECH32_CHARSET[d] for d in data + checksum)


def eip55_checksum(hex40: str) -> str:
    """The EIP-55 mixed-case spelling of a 40-hex-digit address (without 0x)."""
    low = hex40.lower()
    digest = keccak256(low.encode("ascii")).hex()
    return "".join(c.upper() if c.isalpha() and int(digest[i], 16) >= 8 else c for i, c in enumerate(low))


def eth_valid(hex40: str) -> bool:
    """All-lower and all-upper addresses carry no checksum and are accepted; mixed case must match EIP-55."""
    if hex40.lower() == hex40 or hex40.upper() == hex40:
        return True
    return eip55_checksum(hex40) == hex40


def monero_b58decode(text: str) -> bytes | None:
    """Decode Monero base58: 8-byte blocks encoded as 11 characters, a shorter final block."""
    out = bytearray()
    for i in range(0, len(text), 11):
        block = text[i:i + 11]
        try:
            size = _XMR_BLOCK_SIZES.index(len(block))
        except ValueError:
            return None
        num = 0
        for c in block:
            idx = _B58_INDEX.get(c)
            if idx is None:
                return None
            num = num * 58 + idx
        if num >> (8 * size):
            return None
        out += num.to_bytes(size, "big")
    return bytes(out)


def monero_b58encode(data: bytes) -> str:
    """Encode bytes in Monero base58 (used by tests and the evaluation set)."""
    parts = []
    for i in range(0, len(data), 8):
        block = data[i:i + 8]
        num = int.from_bytes(block, "big")
        chars = []
        for _ in range(_XMR_BLOCK_SIZES[len(block)]):
            num, rem = divmod(num, 58)
            chars.append(B58_ALPHABET[rem])
        parts.append("".join(reversed(chars)))
    return "".join(parts)


def monero_prefix(address: str) -> int | None:
    """Network prefix of a checksum-valid Monero address (18 standard, 19 integrated, 42 subaddress)."""
    raw = monero_b58decode(address)
    if raw is None or len(raw) not in (69, 77):
        return None
    if keccak256(raw[:-4])[:4] != raw[-4:]:
        return None
    return raw[0] if raw[0] < 0x80 else None
