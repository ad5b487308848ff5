"""`mali-abm viz` before `make browser-setup`: it installs the front-end assets, or says in one line what to run.

The page used to stay blank (Solara reaching for a CDN at run time) with no word of why.
"""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow  # subprocesses; the install path fetches from the npm registry


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def viz(env: dict, tmp_path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "model.cli", "viz", "--port", str(free_port())], capture_output=True,
                          text=True, cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT), **env}, timeout=180,
                          check=False)


def test_without_npm_viz_names_the_command_to_run(tmp_path):
    empty_path = tmp_path / "bin"
    empty_path.mkdir()
    result = viz({"SOLARA_ASSETS_PROXY_CACHE_DIR": str(tmp_path / "cache"), "PATH": str(empty_path)}, tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert "make browser-setup" in result.stderr and "npm" in result.stderr


def test_offline_viz_names_the_command_to_run(tmp_path):
    result = viz({"SOLARA_ASSETS_PROXY_CACHE_DIR": str(tmp_path / "cache"),
                  "npm_config_registry": "http://127.0.0.1:9/"}, tmp_path)  # a registry nobody serves
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert lines[0].startswith("installing") and lines[-1].startswith("error: could not fetch")
    assert "make browser-setup" in lines[-1]


def test_missing_assets_are_installed_from_the_npm_registry(tmp_path, monkeypatch):
    from model import viz_assets

    cache = tmp_path / "cache"
    monkeypatch.setenv("SOLARA_ASSETS_PROXY_CACHE_DIR", str(cache))
    import solara.server.settings

    monkeypatch.setattr(solara.server.settings.assets, "proxy_cache_dir", cache)
    said = []
    viz_assets.ensure(said.append)
    assert viz_assets.missing(cache) == [] and said[0].startswith("installing")
    said.clear()
    viz_assets.ensure(said.append)  # a second start installs nothing and says nothing
    assert said == []
