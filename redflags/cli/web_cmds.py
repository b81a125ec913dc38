"""`redflags serve` (the web app and API) and `redflags user add|token|list` (accounts)."""
from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import click

from redflags.cli import main
from redflags.cli.options import db_option, settings, store_at


@main.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int)
def serve_cmd(db, host, port):
    """Serve the analyst web app, the JSON API (/api, docs at /docs) and the public checker (/check)."""
    import uvicorn

    from redflags.api import create_app

    app = create_app(replace(settings(), db=Path(db)))
    click.echo(f"Redflags on http://{host}:{port}/  (public checker: /check; create users with `redflags user add`)",
               err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@main.group("user")
def user_group():
    """Accounts for the web app: add users, list them, issue API tokens."""


@user_group.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["admin", "analyst", "viewer", "auditor"]), required=True)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (for scripts).")
@click.option("--generate-password", is_flag=True, help="Make up a strong password and print it once.")
@click.option("--if-none", is_flag=True, help="Do nothing when the store has users already (for `make run`).")
@db_option
def user_add(name, role, password_stdin, generate_password, if_none, db):
    """Create a user (the first admin is made this way). Prompts for the password unless --password-stdin
    or --generate-password."""
    import secrets

    with store_at(db) as store:
        if if_none and store.accounts.users():
            click.echo("users exist already; none added")
            return
    if generate_password:
        password = secrets.token_urlsafe(12)
    elif password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("password", hide_input=True, confirmation_prompt=True)
    with store_at(db) as store:
        user = store.accounts.add_user(name, password, role)
        store.audit.record("user_add", actor="cli", role="admin", target=user.name, detail={"role": role})
    click.echo(f"user {user.name} ({user.role}) created" + (f"; password: {password}" if generate_password else ""))


@user_group.command("token")
@click.argument("name")
@db_option
def user_token(name, db):
    """Issue an API token for NAME (sent as `Authorization: Bearer TOKEN`); printed once."""
    with store_at(db) as store:
        token = store.accounts.new_token(name)
        store.audit.record("token_issue", actor="cli", role="admin", target=name)
    click.echo(token)


@user_group.command("list")
@db_option
def user_list(db):
    """Users and their roles."""
    with store_at(db) as store:
        for user in store.accounts.users():
            click.echo(f"{user.name}\t{user.role}")
