#!/usr/bin/env python3
"""Verify a Redflags case bundle: every file against the signed manifest, and the custody entries.

Standalone on purpose: it needs only Python 3.9+ and the `cryptography` package, not Redflags or its
store, so whoever receives a bundle (a prosecutor, a court expert, a partner) can check it themselves:

    python verify_bundle.py CASE.zip [--key PUBLIC_KEY_HEX]

Use a copy of this script you trust (Redflags ships it as redflags/evidence/bundle_verify.py; the copy
inside a bundle is covered by the manifest, but a forger could replace both). Pass `--key` with the
sending installation's public key, obtained from them separately, to be sure who signed the bundle.
Exit status 0 when the bundle verifies, 1 when it does not.
"""
from __future__ import annotations

import hashlib
import json
import sys
import zipfile

FORMAT = "redflags-case-bundle/1"
MANIFEST, SIGNATURE = "manifest.json", "manifest.sig"
GENESIS = "0" * 64


def _canonical(entry: dict) -> bytes:
    # The same bytes Redflags hashes when it appends a custody entry (sorted keys, no spaces, UTF-8).
    return json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _entry_hash(prev_hash: str, entry: dict) -> str:
    return hashlib.sha256(prev_hash.encode() + _canonical(entry)).hexdigest()


def _signature_ok(public_key_hex: str, signature_hex: str, message: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_key_hex)).verify(bytes.fromhex(signature_hex), message)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def verify_bundle(path: str, trusted_key: str | None = None) -> tuple[list[str], dict]:
    """(problems, manifest) for the bundle at `path`; no problems means every check passed."""
    problems: list[str] = []
    try:
        zf = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as e:
        return [f"cannot open {path} as a zip file: {e}"], {}
    with zf:
        names = zf.namelist()
        if len(names) != len(set(names)):
            problems.append("the zip holds two files under one name")

        def read(name: str) -> bytes | None:
            try:
                return zf.read(name)
            except KeyError:
                return None
            except (zipfile.BadZipFile, OSError, ValueError) as e:  # CRC errors, damaged compression
                problems.append(f"{name}: damaged in the zip ({e})")
                return None

        raw_manifest, signature = read(MANIFEST), read(SIGNATURE)
        if raw_manifest is None or signature is None:
            return problems + [f"{MANIFEST} or {SIGNATURE} missing: not a Redflags case bundle"], {}
        try:
            manifest = json.loads(raw_manifest)
        except ValueError:
            return problems + [f"{MANIFEST} is not valid JSON (altered)"], {}
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            return problems + [f"{MANIFEST}: unknown format (expected {FORMAT})"], {}
        key = manifest.get("public_key", "")
        sig_text = signature.decode("ascii", "replace")
        sig_text = sig_text[:-1] if sig_text.endswith("\n") else sig_text  # exactly 128 hex digits, one newline
        if len(sig_text) != 128 or not _signature_ok(key, sig_text, raw_manifest):
            problems.append("the manifest's signature does not verify (manifest or signature altered)")
        if trusted_key and key != trusted_key.strip().lower():
            problems.append("the bundle was signed by a different key than the one given with --key")

        listed = {}
        for item in manifest.get("files", []):
            listed[item["path"]] = item
            data = read(item["path"])
            if data is None:
                if not any(p.startswith(item["path"] + ":") for p in problems):
                    problems.append(f"{item['path']}: listed in the manifest but missing")
                continue
            if len(data) != item["size"] or hashlib.sha256(data).hexdigest() != item["sha256"]:
                problems.append(f"{item['path']}: content does not match the manifest (altered)")
            elif item["path"].startswith(("raw/", "images/")) and item["path"].split("/", 1)[1] != item["sha256"]:
                problems.append(f"{item['path']}: not stored under its own SHA-256")
        for name in names:
            if name not in listed and name not in (MANIFEST, SIGNATURE):
                problems.append(f"{name}: in the zip but not in the manifest (added)")
        if "custody.jsonl" in listed:
            data = read("custody.jsonl")
            if data is not None:
                problems += _check_custody(data, manifest.get("custody_head"), key)
    return problems, manifest


def _check_custody(data: bytes, head: dict | None, public_key: str) -> list[str]:
    """Each included custody entry must match its own hash; adjacent entries must link; the last entry
    may be the installation's signed head at export time."""
    problems = []
    previous = None
    entries = []
    for n, line in enumerate(data.decode("utf-8").splitlines(), 1):
        try:
            e = json.loads(line)
            body = {k: e[k] for k in ("seq", "at", "event", "actor", "target", "detail")}
            if _entry_hash(e["prev_hash"], body) != e["entry_hash"]:
                problems.append(f"custody entry {e['seq']}: content does not match its hash")
            if previous and previous["seq"] + 1 == e["seq"] and e["prev_hash"] != previous["entry_hash"]:
                problems.append(f"custody entry {e['seq']}: does not link to entry {previous['seq']}")
            if previous and e["seq"] <= previous["seq"]:
                problems.append(f"custody entry {e['seq']}: out of order")
            previous = e
            entries.append(e)
        except (ValueError, KeyError, TypeError):
            problems.append(f"custody.jsonl line {n}: not a custody entry")
    if head:
        message = f"redflags-custody-head:{head['seq']}:{head['entry_hash']}".encode()
        if not _signature_ok(public_key, head.get("signature", ""), message):
            problems.append("the custody head's signature does not verify")
        last = entries[-1] if entries else None
        if last and last["seq"] == head["seq"] and last["entry_hash"] != head["entry_hash"]:
            problems.append("the last custody entry is not the signed head")
    return problems


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    key = None
    if "--key" in args:
        i = args.index("--key")
        key = args[i + 1] if i + 1 < len(args) else ""
        del args[i:i + 2]
    if len(args) != 1 or args[0] in ("-h", "--help"):
        print(__doc__.strip().splitlines()[0] + "\nusage: verify_bundle.py CASE.zip [--key PUBLIC_KEY_HEX]")
        return 2
    problems, manifest = verify_bundle(args[0], key)
    for p in problems:
        print(f"FAIL {p}")
    files = len(manifest.get("files", [])) if manifest else 0
    if problems:
        print(f"FAILED: {args[0]} does not verify ({len(problems)} problem(s))")
        return 1
    print(f"OK: {args[0]}: case {manifest.get('case_id')} — {files} files match the manifest, "
          f"signature by key {manifest.get('public_key', '')[:16]}… verifies")
    return 0


if __name__ == "__main__":
    sys.exit(main())
