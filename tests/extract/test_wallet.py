import os
import random

import base58
import pytest

from redflags.extract import extract
from redflags.extract.wallet_codecs import (eip55_checksum, keccak256, monero_b58encode, monero_prefix,
                                            segwit_encode)


def wallets(text):
    return [i.value for i in extract(text, kinds=["wallet"])]


@pytest.mark.parametrize("address,value", [
    ("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "btc:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"),
    ("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", "btc:bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"),
    ("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "eth:0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"),
    ("0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED", "eth:0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"),
    ("888tNkZrPN6JsEgekjMnABU4TBzc2Dt29EPAvkRxbANsAnjyPbb3iQ1YBRk1UXcdRsiKc9dhwMVgN5S9cQUiyoogDavup3H",
     "xmr:888tNkZrPN6JsEgekjMnABU4TBzc2Dt29EPAvkRxbANsAnjyPbb3iQ1YBRk1UXcdRsiKc9dhwMVgN5S9cQUiyoogDavup3H"),
])
def test_known_addresses(address, value):
    assert wallets(f"send to {address} thanks") == [value]


def test_generated_addresses_of_every_chain_validate():
    rng = random.Random(5)
    payload = bytes(rng.getrandbits(8) for _ in range(20))
    cases = {
        base58.b58encode_check(b"\x00" + payload).decode(): "btc",
        base58.b58encode_check(b"\x05" + payload).decode(): "btc",
        base58.b58encode_check(b"\x30" + payload).decode(): "ltc",
        base58.b58encode_check(b"\x41" + payload).decode(): "trx",
        segwit_encode("bc", 1, payload + payload[:12]): "btc",
        segwit_encode("ltc", 0, payload): "ltc",
        "0x" + eip55_checksum(payload.hex()): "eth",
    }
    raw = bytes([18]) + bytes(rng.getrandbits(8) for _ in range(64))
    cases[monero_b58encode(raw + keccak256(raw)[:4])] = "xmr"
    for address, chain in cases.items():
        got = extract(address, kinds=["wallet"])
        assert [i.detail["chain"] for i in got] == [chain], address


def test_one_flipped_character_fails_the_checksum():
    good = "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"
    assert wallets(good[:-1] + "b") == []
    assert wallets("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD") == []  # EIP-55 case wrong
    assert wallets("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5") == []
    xmr = "888tNkZrPN6JsEgekjMnABU4TBzc2Dt29EPAvkRxbANsAnjyPbb3iQ1YBRk1UXcdRsiKc9dhwMVgN5S9cQUiyoogDavup3H"
    assert monero_prefix(xmr[:-2] + "3J") is None


def test_transaction_hash_is_not_a_wallet():
    assert wallets("tx 0x" + os.urandom(32).hex()) == []
