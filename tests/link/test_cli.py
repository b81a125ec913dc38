"""The link commands as a user meets them: help, the clusters JSON contract, one cluster explained."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import redflags.cli.link_cmds  # noqa: F401 - registers the commands (also done by redflags.cli._register)
from redflags.cli import main
from redflags.store import open_store

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
COMMANDS = ("link", "clusters", "cluster")


@pytest.mark.parametrize("name", COMMANDS)
def test_help_and_readme(name):
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0 and "Usage" in result.output
    assert f"redflags {name}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_clusters_json_contract_and_every_link_is_explained(scored_store_path):
    runner = CliRunner()
    out = runner.invoke(main, ["clusters", "--json", "--db", str(scored_store_path)])
    assert out.exit_code == 0, out.output
    clusters = json.loads(out.output)
    assert clusters and set(clusters[0]) == {"cluster_id", "ad_ids", "links"}
    with open_store(scored_store_path) as store:
        ids = {r[0] for r in store.execute("SELECT id FROM ads")}
        for c in clusters[:40]:
            members = set(c["ad_ids"])
            assert members <= ids and len(members) >= 2
            for link in c["links"]:
                assert {link["a"], link["b"]} <= members
                _check_evidence(store, link)


def _check_evidence(store, link):
    """The stated shared value really is in both ads."""
    kind_value = link["value"]
    if link["type"] in ("identifier", "hub"):
        kind, value = kind_value.split(":", 1)
        for ad in (link["a"], link["b"]):
            assert store.execute("SELECT 1 FROM identifiers WHERE ad_id = ? AND kind = ? AND value = ?", (ad, kind, value))
    elif link["type"] == "near_duplicate":
        assert float(kind_value.split()[-1]) >= 0.55
    else:
        assert link["type"] == "image"
        ref_a, ref_b = kind_value.split(" (")[0].split(" ~ ")
        assert ref_a in store.get_ad(link["a"]).images and ref_b in store.get_ad(link["b"]).images


def test_cluster_view_shows_template_timeline_and_risk(scored_store_path):
    runner = CliRunner()
    first = json.loads(runner.invoke(main, ["clusters", "--json", "--limit", "1", "--db", str(scored_store_path)]).output)
    cid = first[0]["cluster_id"]
    detail = json.loads(runner.invoke(main, ["cluster", cid, "--json", "--db", str(scored_store_path)]).output)
    assert detail["size"] == len(first[0]["ad_ids"]) == len(detail["timeline"])
    assert detail["template"] and "{1}" in detail["template"]["template"]
    assert detail["risk"]["scored"] == detail["size"] and 0 <= detail["risk"]["max"] <= 1
    text = runner.invoke(main, ["cluster", cid, "--db", str(scored_store_path)]).output
    assert "template" in text and "timeline" in text
    missing = runner.invoke(main, ["cluster", "C0", "--db", str(scored_store_path)])
    assert missing.exit_code == 2 and "no cluster" in missing.output


def test_link_command_updates_incrementally(tmp_path, corpus_dir):
    db = str(tmp_path / "cli.db")
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(corpus_dir / "ads.jsonl"), "--db", db, "--no-progress"]).exit_code == 0
    first = runner.invoke(main, ["link", "--db", db, "--no-progress", "--json", "--workers", "1"])
    assert first.exit_code == 0, first.output
    again = json.loads(runner.invoke(main, ["link", "--db", db, "--no-progress", "--json"]).output)
    assert json.loads(first.output)["new_ads"] == 2000 and again["new_ads"] == 0
    assert again["clusters"] == json.loads(first.output)["clusters"]


def test_demo_data_images_link_from_files_as_from_the_renderer(tmp_path):
    """`demo-data --images` writes every referenced picture; linking from that folder equals --demo-images."""
    runner = CliRunner()
    out = tmp_path / "demo"
    made = runner.invoke(main, ["demo-data", "--out", str(out), "--n", "300", "--seed", "5", "--images", "--json", "--no-progress"])
    assert made.exit_code == 0, made.output
    refs = {r for line in (out / "ads.jsonl").read_text().splitlines() for r in json.loads(line)["images"]}
    assert json.loads(made.output)["images"] == len(refs) > 50
    assert len(list((out / "img").glob("*.png"))) == len(refs)
    results = {}
    for how, flag in (("files", ["--images", str(out / "img")]), ("renderer", ["--demo-images"])):
        db = str(tmp_path / f"{how}.db")
        assert runner.invoke(main, ["ingest", str(out / "ads.jsonl"), "--db", db, "--no-progress"]).exit_code == 0
        linked = runner.invoke(main, ["link", "--db", db, "--no-progress", "--workers", "1", *flag])
        assert linked.exit_code == 0, linked.output
        with open_store(db) as store:
            hashes = store.execute("SELECT ref, pdq, quality FROM image_hashes ORDER BY ref")
        listed = json.loads(runner.invoke(main, ["clusters", "--db", db, "--json"]).output)
        results[how] = (hashes, listed)
    assert len(results["files"][0]) == len(refs) and all(pdq for _, pdq, _ in results["files"][0])
    assert results["files"] == results["renderer"]
    assert any(link["type"] == "image" for c in results["files"][1] for link in c["links"])
