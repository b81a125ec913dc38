"""Case bundles: export, verification with and without Redflags, tamper detection on every file,
redacted bundles that hold no raw identifier, and the export's custody entry."""
from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from redflags.cli import main
from redflags.evidence import keys
from redflags.evidence.bundle import export_case
from redflags.evidence.bundle_verify import verify_bundle
from redflags.store import open_store
from tests.conftest import build_demo_store

VERIFIER = Path(__file__).parents[2] / "redflags" / "evidence" / "bundle_verify.py"


@pytest.fixture(scope="module")
def case_store(tmp_path_factory) -> tuple[Path, int]:
    db = build_demo_store(tmp_path_factory.mktemp("bundle") / "b.db", n=400)
    with open_store(db) as store:
        big = store.execute("SELECT c.cluster_id FROM clusters c WHERE c.size >= 3 AND EXISTS (SELECT 1 FROM "
                            "cluster_members m JOIN ads a ON a.seq = m.ad_seq WHERE m.cluster_id = c.cluster_id "
                            "AND a.images != '[]') ORDER BY c.size DESC LIMIT 2")
        loose = store.execute("SELECT id FROM ads WHERE seq NOT IN (SELECT ad_seq FROM cluster_members) LIMIT 1")[0][0]
        case_id = store.cases.create("Network with shared phones", "tester")
        for (cid,) in big:
            store.cases.add_item(case_id, "cluster", cid, "tester")
        store.cases.add_item(case_id, "ad", loose, "tester")
        store.cases.add_note(case_id, "Same phone as the Leeds ads; call +44 7911 123456 in the note", "tester")
    return db, case_id


@pytest.fixture(scope="module")
def bundle(case_store, tmp_path_factory) -> Path:
    db, case_id = case_store
    out = tmp_path_factory.mktemp("out") / "case.zip"
    with open_store(db) as store:
        export_case(store, case_id, out, actor="tester")
    return out


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _rewrite(path: Path, members: dict[str, bytes], out: Path) -> Path:
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return out


def test_bundle_holds_ads_raw_records_images_links_notes_custody(bundle, case_store):
    db, case_id = case_store
    files = _members(bundle)
    manifest = json.loads(files["manifest.json"])
    ads = [json.loads(line) for line in files["ads.jsonl"].splitlines()]
    assert manifest["case_id"] == case_id and manifest["counts"]["ads"] == len(ads) >= 7
    with open_store(db) as store:
        for ad in ads:
            assert files[f"raw/{ad['raw_sha256']}"] == store.evidence_item(ad["raw_sha256"])
            for img in ad["images"]:
                assert img["sha256"] and hashlib.sha256(files[f"images/{img['sha256']}"]).hexdigest() == img["sha256"]
        public = keys.public_hex(keys.load_or_create(store.custody.key_path))
    assert any(a["images"] for a in ads), "the chosen clusters have pictures"
    links = [json.loads(line) for line in files["links.jsonl"].splitlines()]
    assert links and all(link["type"] and link["value"] for link in links)
    case = json.loads(files["case.json"])
    assert case["notes"][0]["body"].startswith("Same phone") and len(case["items"]) == 3
    custody = [json.loads(line) for line in files["custody.jsonl"].splitlines()]
    assert custody[0]["event"] == "import"
    assert manifest["public_key"] == public
    assert b"Network with shared phones" in files["report.html"] and files["verify_bundle.py"] == VERIFIER.read_bytes()
    assert set(files) == {f["path"] for f in manifest["files"]} | {"manifest.json", "manifest.sig"}


def test_untouched_bundle_verifies_and_export_is_in_the_custody_log(bundle, case_store):
    db, case_id = case_store
    problems, manifest = verify_bundle(str(bundle))
    assert problems == []
    with open_store(db) as store:
        exports = [e for e in store.custody.entries() if e["event"] == "export"]
    raw_manifest = _members(bundle)["manifest.json"]
    assert exports[-1]["target"] == f"case:{case_id}" and exports[-1]["actor"] == "tester"
    assert exports[-1]["detail"]["manifest_sha256"] == hashlib.sha256(raw_manifest).hexdigest()
    r = CliRunner().invoke(main, ["case", "verify", str(bundle), "--key", manifest["public_key"]])
    assert r.exit_code == 0 and r.output.startswith("OK:"), r.output


def _standalone(bundle: Path, cwd: Path, *extra: str) -> subprocess.CompletedProcess:
    """Run a copy of the verifier with Redflags made unimportable, in a folder without any store."""
    script = cwd / "verify_bundle.py"
    shutil.copy(VERIFIER, script)
    code = ("import runpy, sys; sys.modules['redflags'] = None; sys.argv = sys.argv[1:]; "
            "runpy.run_path(sys.argv[0], run_name='__main__')")
    return subprocess.run([sys.executable, "-I", "-c", code, str(script), str(bundle), *extra], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def test_standalone_verifier_needs_no_store_and_no_redflags(bundle, tmp_path):
    elsewhere = tmp_path / "court"
    elsewhere.mkdir()
    copy = elsewhere / "case.zip"
    shutil.copy(bundle, copy)
    ok = _standalone(copy, elsewhere)
    assert ok.returncode == 0 and ok.stdout.startswith("OK:"), ok.stdout + ok.stderr
    members = _members(copy)
    members["ads.jsonl"] = members["ads.jsonl"].replace(b'"level":"', b'"level":"x', 1)
    bad = _standalone(_rewrite(copy, members, elsewhere / "bad.zip"), elsewhere)
    assert bad.returncode == 1 and "ads.jsonl: content does not match" in bad.stdout
    assert list(elsewhere.glob("*.db")) == []


def test_any_changed_byte_of_any_file_is_detected(bundle, tmp_path):
    members = _members(bundle)
    for name, data in members.items():
        for pos in sorted({0, len(data) // 2, len(data) - 1}):
            changed = dict(members)
            changed[name] = data[:pos] + bytes([data[pos] ^ 0x01]) + data[pos + 1:]
            problems, _ = verify_bundle(str(_rewrite(bundle, changed, tmp_path / "t.zip")))
            assert problems, f"flipping byte {pos} of {name} went unnoticed"


def test_removed_added_or_resigned_files_are_detected(bundle, tmp_path):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    members = _members(bundle)
    raw = next(n for n in members if n.startswith("raw/"))
    gone = {n: d for n, d in members.items() if n != raw}
    assert any("missing" in p for p in verify_bundle(str(_rewrite(bundle, gone, tmp_path / "a.zip")))[0])
    extra = {**members, "images/extra.png": b"\x89PNG fake"}
    assert any("not in the manifest" in p for p in verify_bundle(str(_rewrite(bundle, extra, tmp_path / "b.zip")))[0])
    # A forger alters a record, rewrites the manifest and signs it with their own key: it verifies only
    # against itself, and fails against the sender's key.
    manifest = json.loads(members["manifest.json"])
    forged = {**members, raw: members[raw] + b" "}
    for f in manifest["files"]:
        if f["path"] == raw:
            f.update(sha256=hashlib.sha256(forged[raw]).hexdigest(), size=len(forged[raw]))
    other = Ed25519PrivateKey.generate()
    sender = manifest["public_key"]
    manifest["public_key"] = keys.public_hex(other)
    forged["manifest.json"] = json.dumps(manifest).encode()
    forged["manifest.sig"] = other.sign(forged["manifest.json"]).hex().encode()
    path = _rewrite(bundle, forged, tmp_path / "c.zip")
    problems, _ = verify_bundle(str(path), sender)
    assert any("different key" in p for p in problems)


def _raw_identifiers(db: Path, ad_ids: list[str]) -> set[str]:
    out = set()
    with open_store(db) as store:
        for ad_id in ad_ids:
            text = store.get_ad(ad_id).text
            for i in store.identifiers_for(ad_id):
                if i.kind in ("phone", "email"):
                    out |= {i.value, text[i.start:i.end]}
                if i.kind == "handle" and len(i.value.split(":", 1)[1]) >= 5:
                    out |= {i.value.split(":", 1)[1]}
    return out | {"+44 7911 123456", "+447911123456"}


def test_redacted_bundle_holds_no_raw_identifier_and_no_image(case_store, bundle, tmp_path):
    db, case_id = case_store
    out = tmp_path / "redacted.zip"
    with open_store(db) as store:
        export_case(store, case_id, out, actor="tester", redact=True)
    assert verify_bundle(str(out))[0] == []
    ad_ids = [json.loads(line)["id"] for line in _members(out)["ads.jsonl"].splitlines()]
    raw = _raw_identifiers(db, ad_ids)
    full = b"".join(_members(bundle).values())
    assert sum(v.encode() in full for v in raw) >= len(raw) // 2, "the unredacted bundle holds them"
    members = _members(out)
    assert not [n for n in members if n.startswith(("raw/", "images/"))]
    everything = b"".join(members.values())
    leaked = [v for v in raw if v.encode() in everything or json.dumps(v)[1:-1].encode() in everything]
    assert leaked == []
    assert json.loads(members["manifest.json"])["redacted"] is True


def test_a_case_whose_image_bytes_were_not_kept_still_exports_and_verifies(case_store, tmp_path):
    """Pictures hashed with `link --no-keep-image-bytes` (or purged) keep their SHA-256 in ads.jsonl; the
    bundle holds no bytes for them and still verifies."""
    db, case_id = case_store
    copy = tmp_path / "nobytes.db"
    shutil.copyfile(db, copy)
    shutil.copyfile(keys.key_path_for(db), keys.key_path_for(copy))  # the same installation's signing key
    with open_store(copy) as store:
        with store.transaction() as c:
            c.execute("DELETE FROM evidence_items WHERE kind = 'image'")
        summary = export_case(store, case_id, tmp_path / "case.zip", actor="tester")
    files = _members(tmp_path / "case.zip")
    ads = [json.loads(line) for line in files["ads.jsonl"].splitlines()]
    assert summary.images == 0 and not [n for n in files if n.startswith("images/")]
    assert any(img["sha256"] for ad in ads for img in ad["images"])
    assert verify_bundle(str(tmp_path / "case.zip"))[0] == []
