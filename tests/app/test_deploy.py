"""Production configuration and the API contract."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys

import pytest
from rest_framework.test import APIClient

from rsec.app.cases.api import ROUTES


def _production_env(tmp_path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DEBUG")}
    env.update(
        RSEC_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="rsec.example.ac.jp",
        RSEC_VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="rsec.app.settings",
    )
    return env


def test_check_deploy_reports_no_warnings(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=_production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_refuses_missing_or_weak_secret_key(tmp_path):
    env = _production_env(tmp_path)
    env["SECRET_KEY"] = "short"
    result = subprocess.run(
        [sys.executable, "-m", "django", "check"], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


@pytest.mark.django_db
def test_openapi_schema_covers_every_endpoint(world):
    client = APIClient()
    client.force_authenticate(world.users["a_officer"])
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json() if response["Content-Type"].endswith("json") else None
    if schema is None:
        import yaml

        schema = yaml.safe_load(response.content)
    assert schema["openapi"].startswith("3.")
    paths = schema["paths"]
    for prefix, _viewset, _basename in ROUTES:
        assert f"/api/{prefix}/" in paths, prefix
    assert "/api/cases/{id}/submit/" in paths
    assert "tokenAuth" in str(schema["components"]["securitySchemes"]) or "TokenAuthentication" in str(schema)


@pytest.mark.django_db
def test_token_auth(world):
    """API clients authenticate with a token issued at /api/token/."""
    user = world.users["a_officer"]
    user.set_password("a-long-test-password-9")
    user.save()
    token = (
        APIClient()
        .post("/api/token/", {"username": "a_officer", "password": "a-long-test-password-9"})
        .json()["token"]
    )
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/cases/").json()["count"] == 1
    assert APIClient().get("/api/cases/").status_code in (401, 403)
