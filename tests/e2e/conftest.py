"""Browser tests: a real rsec server in a subprocess (demo data on a fresh SQLite database) driven by
Debian's chromium through Playwright. CI installs chromium; a missing browser is a failure, not a skip."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("RSEC_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "e2e-demo-password-2026"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def live_server_url(tmp_path_factory):
    var = tmp_path_factory.mktemp("rsec-e2e")
    env = {**os.environ, "RSEC_VAR_DIR": str(var), "RSEC_DEMO_PASSWORD": PASSWORD, "DEBUG": "0"}
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    subprocess.run(
        [sys.executable, "-m", "rsec.cli", "demo"], env=env, check=True, capture_output=True, timeout=300
    )
    port = _free_port()
    log = open(var / "server.log", "w")  # noqa: SIM115 - closed at teardown
    proc = subprocess.Popen(
        [sys.executable, "-m", "rsec.cli", "runserver", f"127.0.0.1:{port}", "--noreload", "--insecure"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while True:
        try:
            urllib.request.urlopen(url + "/login/", timeout=2)
            break
        except OSError:
            if proc.poll() is not None or time.time() > deadline:
                proc.kill()
                raise RuntimeError(
                    "rsec server did not start: " + Path(var / "server.log").read_text()[-2000:]
                ) from None
            time.sleep(0.3)
    yield url
    proc.terminate()
    proc.wait(timeout=10)
    log.close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"chromium not found at {CHROMIUM}: install Debian's chromium (make test does)")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def new_page(browser):
    contexts = []

    def make(locale: str = "ja-JP"):
        ctx = browser.new_context(locale=locale, extra_http_headers={"Accept-Language": locale})
        contexts.append(ctx)
        return ctx.new_page()

    yield make
    for ctx in contexts:
        ctx.close()
