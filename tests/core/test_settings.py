"""Configuration: production refuses to start half-configured and passes Django's deploy checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from videnscenter.log_filters import redact
from videnscenter.settings.base import database_from_env

ROOT = Path(__file__).resolve().parents[2]


def manage(*args, **env):
    full_env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DATABASE_URL"}}
    full_env.update(DJANGO_SETTINGS_MODULE="videnscenter.settings.production", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("missing", ["SECRET_KEY", "DATABASE_URL"])
def test_production_refuses_to_start_without_required_settings(missing):
    env = {"SECRET_KEY": "x" * 60, "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/videnscenter"}
    env.pop(missing)
    result = manage("check", **env)
    assert result.returncode != 0
    assert f"{missing} must be set in production" in result.stderr


def test_production_passes_check_deploy_without_warnings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="k" * 30 + "Zx9!q@W#e$R%t^Y&u*I(o)P_a+S=d-F",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/videnscenter",
        ALLOWED_HOSTS="videnscenter.example",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


@pytest.mark.django_db
def test_sqlite_default_uses_wal_and_immediate_transactions(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setattr("videnscenter.settings.base.VAR_DIR", tmp_path)
    config = database_from_env()
    assert config["NAME"] == tmp_path / "videnscenter.sqlite3"
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"

    from django.db.backends.sqlite3.base import DatabaseWrapper

    connection = DatabaseWrapper(
        {
            **config,
            "TIME_ZONE": None,
            "CONN_MAX_AGE": 0,
            "CONN_HEALTH_CHECKS": False,
            "AUTOCOMMIT": True,
            "ATOMIC_REQUESTS": False,
            "TEST": {},
        }
    )
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
    connection.close()


def test_database_url_selects_postgresql(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/videnscenter")
    config = database_from_env()
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "videnscenter"


def test_secrets_in_urls_are_redacted_from_logs():
    line = '"GET /konto/invitation/AbC123xyz_-tok/ HTTP/1.1" 200 and /konto/aktiver/MQ/cz4-abc/'
    cleaned = redact(line)
    assert "AbC123xyz_-tok" not in cleaned and "cz4-abc" not in cleaned
    assert "/konto/invitation/[skjult]/" in cleaned
