"""``embargo keys``: create prints the key once, list never shows it, revoke stops it."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from embargo.auth import KeyStore
from embargo.cli import app
from embargo.store import Store

runner = CliRunner()


def test_create_list_revoke(tmp_path: Path) -> None:
    db = str(tmp_path / "k.db")
    created = runner.invoke(app, ["keys", "create", "--role", "screen", "--name", "payments", "--db", db])
    assert created.exit_code == 0, created.output
    secret = created.stdout.strip().splitlines()[0]
    assert secret.startswith("emb_")
    key = KeyStore(Store(db)).verify(secret)
    assert key is not None and key.name == "payments" and key.role.value == "screen"
    listed = runner.invoke(app, ["keys", "list", "--json", "--db", db])
    data = json.loads(listed.stdout)
    assert [k["id"] for k in data] == [key.id] and secret not in listed.stdout
    table = runner.invoke(app, ["keys", "list", "--db", db])
    assert key.id in table.stdout and secret not in table.stdout
    revoked = runner.invoke(app, ["keys", "revoke", key.id, "--db", db])
    assert revoked.exit_code == 0 and "revoked" in revoked.stdout
    assert KeyStore(Store(db)).verify(secret) is None
    assert json.loads(runner.invoke(app, ["keys", "list", "--json", "--db", db]).stdout) == []


def test_bad_role_and_unknown_key(tmp_path: Path) -> None:
    db = str(tmp_path / "k.db")
    assert runner.invoke(app, ["keys", "create", "--role", "god", "--db", db]).exit_code == 2
    missing = runner.invoke(app, ["keys", "revoke", "key_nope", "--db", db])
    assert missing.exit_code == 1 and "no API key" in missing.output
