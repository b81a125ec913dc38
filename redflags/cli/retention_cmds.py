"""`redflags retention show|apply|forget`: keep each kind of data no longer than its period."""
from __future__ import annotations

import getpass
from datetime import datetime, timezone
from pathlib import Path

import click

from redflags.cli import main
from redflags.cli.options import db_option, emit_json, json_option, store_at

_policy_option = click.option("--policy", type=click.Path(dir_okay=False, exists=True),
                              help="Retention policy (TOML); default: the shipped redflags/privacy/retention.toml.")


@main.group("retention")
def retention_group():
    """Retention: purge raw text, images, identifiers and audit entries past their periods."""


@retention_group.command("show")
@_policy_option
@json_option
def retention_show(policy, as_json):
    """The periods in force."""
    from redflags.privacy.retention import load_policy

    p = load_policy(Path(policy) if policy else None)
    data = {k: (v.days if v else None) for k, v in p.periods.items()}
    if as_json:
        emit_json({"periods_days": data, "keyed_hashes": p.keyed_hashes})
        return
    for k, days in data.items():
        click.echo(f"{k:<12} {'forever' if days is None else f'{days} days'}")
    click.echo(f"keep keyed hashes of purged identifiers: {'yes' if p.keyed_hashes else 'no'}")


@retention_group.command("apply")
@_policy_option
@click.option("--now", "now_text", help="Pretend it is this ISO date-time (to preview a future purge).")
@click.option("--dry-run", is_flag=True, help="Count what is due; change nothing.")
@db_option
@json_option
def retention_apply(policy, now_text, dry_run, db, as_json):
    """Purge what is past its period (never what an open case holds); each purge goes into the custody log."""
    from redflags.errors import InputError
    from redflags.privacy.retention import apply, load_policy

    now = None
    if now_text:
        try:
            now = datetime.fromisoformat(now_text)
        except ValueError as e:
            raise InputError(f"--now: not an ISO date-time: {now_text!r}") from e
        now = now if now.tzinfo else now.replace(tzinfo=timezone.utc)
    p = load_policy(Path(policy) if policy else None)
    with store_at(db) as store:
        report = apply(store, p, now=now, dry_run=dry_run, actor=getpass.getuser())
    if as_json:
        emit_json({"now": report.now, "dry_run": dry_run, "purged": report.purged, "held_by_open_cases": report.held})
        return
    verb = "due" if dry_run else "purged"
    click.echo(f"{verb} as of {report.now}: " + ", ".join(f"{k} {n}" for k, n in report.purged.items())
               + f"; {report.held} due ads kept because an open case holds them")


@retention_group.command("forget")
@click.argument("ad_ids", nargs=-1, required=True)
@click.option("--reason", default="deletion request", show_default=True, help="Why, for the custody log.")
@db_option
def retention_forget(ad_ids, reason, db):
    """Purge everything held about these ads now (raw text, records as received, images, identifiers),
    e.g. to answer a deletion request. Refused for ads an open case holds."""
    from redflags.privacy.retention import forget

    with store_at(db) as store:
        done = forget(store, list(ad_ids), actor=getpass.getuser(), reason=reason)
    click.echo(f"purged {len(ad_ids)} ads: " + ", ".join(f"{k}" for k in done) + "; logged in the custody log")
