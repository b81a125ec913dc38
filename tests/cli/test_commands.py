"""The CLI as a user meets it: help, --db/--json on data commands, summaries, clear errors, docs coverage."""
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from redflags.cli import main
from tests.conftest import sample_records, write_jsonl

ROOT = Path(__file__).resolve().parents[2]
DATA_COMMANDS = ["stats", "show", "search", "quarantine"]


def run(*args, env=None):
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


@pytest.fixture
def db(tmp_path):
    path = write_jsonl(tmp_path / "ads.jsonl", [{"id": "job-1", "title": "Warehouse", "text": "Warehouse pickers "
                                                 "wanted in Rotterdam, night shift."}] + sample_records(5),
                       bad={3: b"{broken"})
    db = tmp_path / "r.db"
    result = run("ingest", str(path), "--db", str(db))
    assert result.output.strip() == "6 ingested, 0 duplicates, 1 quarantined"
    return db


def test_every_command_has_help_and_the_data_ones_have_db_and_json():
    for name, command in main.commands.items():
        result = run(name, "--help")
        assert result.exit_code == 0 and "Usage:" in result.output, name
        if name in DATA_COMMANDS + ["ingest"]:
            assert "--db" in result.output and "--json" in result.output, name


def test_every_command_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    for name in main.commands:
        assert f"redflags {name}" in readme, f"`redflags {name}` is not in the README"


def test_every_setting_is_documented():
    readme = (ROOT / "README.md").read_text()
    settings_src = (ROOT / "redflags" / "settings.py").read_text()
    for var in set(re.findall(r"REDFLAGS_[A-Z_]+", settings_src)):
        assert var in readme, f"{var} is not in the README"


def test_stats_json(db):
    data = json.loads(run("stats", "--db", str(db), "--json").output)
    assert data["ads"] == 6 and data["quarantined"] == 1 and data["schema_version"] >= 1


def test_db_from_environment(db):
    data = json.loads(run("stats", "--json", env={"REDFLAGS_DB": str(db)}).output)
    assert data["ads"] == 6


def test_show_text_and_json(db):
    out = run("show", "job-1", "--db", str(db)).output
    assert "Warehouse pickers wanted in Rotterdam" in out and "id job-1" in out
    data = json.loads(run("show", "job-1", "--db", str(db), "--json").output)
    assert data["id"] == "job-1" and data["title"] == "Warehouse" and "identifiers" in data


def test_show_unknown_id_is_a_clear_error(db):
    result = CliRunner().invoke(main, ["show", "nope", "--db", str(db)])
    assert result.exit_code == 2
    assert "error: no ad with id 'nope'" in result.output


def test_search_words(db):
    data = json.loads(run("search", "rotterdam night", "--db", str(db), "--json").output)
    assert [r["id"] for r in data] == ["job-1"]
    assert data[0]["matched"] == "text"
    assert "no ads found" in run("search", "zzzz", "--db", str(db)).output


def test_quarantine_lists_file_line_reason(db):
    out = run("quarantine", "--db", str(db)).output
    assert "1 quarantined record(s)" in out
    assert re.search(r"ads\.jsonl line 4: bad JSON", out)
    data = json.loads(run("quarantine", "--db", str(db), "--json").output)
    assert data[0]["locator"] == "line 4"


def test_ingest_missing_file_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "none.jsonl"), "--db", str(tmp_path / "r.db")])
    assert result.exit_code == 2
    assert "none.jsonl: no such file or folder" in result.output


def test_console_script_runs_as_a_module():
    proc = subprocess.run([sys.executable, "-m", "redflags", "--version"], capture_output=True, text=True, check=True)
    assert proc.stdout.startswith("redflags, version")


def test_csv_map_option(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("ref,cuerpo\nA1,Se busca camarera en Lima\n", encoding="utf-8")
    db = tmp_path / "r.db"
    assert run("ingest", str(path), "--db", str(db), "--map", "id=ref,text=cuerpo").output.startswith("1 ingested")
    assert "camarera" in run("show", "A1", "--db", str(db)).output
