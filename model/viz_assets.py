"""Install the browser app's front-end assets so it works with no internet at run time.

Solara fetches its front end (Vue app, grid layout, requirejs, font-awesome) from a CDN and
keeps a proxy cache; offline the page stays blank. This fills that cache from the npm registry
with ``npm pack`` at setup time (``make browser-setup``), never at run time.

    .venv/bin/python -m model.viz_assets
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

NPM_SPECS = (
    "@widgetti/solara-vuetify-app@10.1.1",
    "@widgetti/vue-grid-layout@2.3.13-alpha.2",
    "requirejs@2.3.6",
    "font-awesome@4.5.0",
)
"""The ``{{cdn}}/…@version`` references of solara 1.64's page template and grid layout."""


def cache_dir() -> Path:
    """Solara's CDN proxy cache of this environment."""
    import solara.server.settings

    return Path(solara.server.settings.assets.proxy_cache_dir)


def install(spec: str, cache: Path) -> bool:
    """Unpack one npm package into ``cache/spec``; False if it was already there."""
    target = cache / spec
    if (target / "package.json").exists():
        return False
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(["npm", "pack", spec, "--silent", "--pack-destination", tmp],
                             check=True, capture_output=True, text=True)
        tarball = Path(tmp) / out.stdout.strip().splitlines()[-1]
        with tarfile.open(tarball) as archive:
            archive.extractall(tmp, filter="data")
        staging = target.with_name(target.name + ".partial")
        shutil.rmtree(staging, ignore_errors=True)
        shutil.copytree(Path(tmp) / "package", staging)
        staging.replace(target)
    return True


def main() -> None:
    """Install every asset that is missing and say what was done."""
    cache = cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    if shutil.which("npm") is None:
        sys.exit("error: npm is needed to install the browser app's assets (apt-get install -y npm)")
    for spec in NPM_SPECS:
        print(f"{'installed' if install(spec, cache) else 'present  '} {spec} in {cache}")


if __name__ == "__main__":
    main()
