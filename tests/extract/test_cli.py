import io

import click
import orjson
from click.testing import CliRunner

from redflags.cli.extract_cmd import extract_command, run_extract


def run(lines, region="US", details=False):
    src = io.BytesIO("".join(lines).encode())
    out = io.BytesIO()
    err = io.StringIO()
    bad = run_extract(src, out, err, region, details)
    return bad, [orjson.loads(x) for x in out.getvalue().splitlines()], err.getvalue()


def test_output_lines_follow_the_contract_exactly():
    bad, out, err = run(['{"id": "a", "text": "call 0722 123 456", "region": "RO"}\n',
                         '{"id": 7, "text": "nothing here"}\n'])
    assert bad == 0 and err == ""
    assert out == [{"id": "a", "identifiers": [{"kind": "phone", "value": "+40722123456", "start": 5, "end": 17}]},
                   {"id": 7, "identifiers": []}]


def test_bad_lines_are_reported_with_line_numbers_and_skipped():
    bad, out, err = run(['{"id": 1, "text": "07911 123456"}\n', "not json\n", "\n", '{"id": 2}\n',
                         '{"id": 3, "text": "07911 123456"}\n'], region="GB")
    assert bad == 2
    assert [o["id"] for o in out] == [1, 3]
    assert "line 2: invalid JSON" in err and "line 4: record 'text'" in err


def test_details_adds_spans_and_obfuscation():
    _, out, _ = run(['{"id": 1, "text": "7O2 555 Ol99 / 702-555-0199"}\n'], details=True)
    (ident,) = out[0]["identifiers"]
    assert ident["obfuscated"] is True and len(ident["spans"]) == 2


def test_click_command_exit_codes():
    group = click.Group()
    group.add_command(extract_command, "extract")
    runner = CliRunner()
    ok = runner.invoke(group, ["extract", "--region", "gb"], input='{"id": 1, "text": "07911 123456"}\n')
    assert ok.exit_code == 0 and '"+447911123456"' in ok.output
    bad = runner.invoke(group, ["extract"], input='{"id": 1}\n')
    assert bad.exit_code == 1
    wrong = runner.invoke(group, ["extract", "--region", "XX"], input="")
    assert wrong.exit_code == 2
