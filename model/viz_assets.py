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
        # Few retries and a short timeout: offline, the one-line refusal comes in seconds, not minutes.
        out = subprocess.run(["npm", "pack", spec, "--silent", "--pack-destination", tmp, "--fetch-retries", "1",
                              "--fetch-timeout", "20000"], check=True, capture_output=True, text=True)
        tarball = Path(tmp) / out.stdout.strip().splitlines()[-1]
        with tarfile.open(tarball) as archive:
            archive.extractall(tmp, filter="data")
        staging = target.with_name(target.name + ".partial")
        shutil.rmtree(staging, ignore_errors=True)
        shutil.copytree(Path(tmp) / "package", staging)
        staging.replace(target)
    return True


class AssetsError(RuntimeError):
    """The front-end assets are missing and cannot be installed now; the message says what to run."""


def missing(cache: Path) -> list[str]:
    """The assets not yet in the cache."""
    return [spec for spec in NPM_SPECS if not (cache / spec / "package.json").exists()]


def ensure(say) -> None:
    """Install the missing assets before the app starts (``mali-abm viz`` run before ``make browser-setup``).

    Without them the page would stay blank while Solara tried a CDN at run time.

    Args:
        say: prints one line of progress.

    Raises:
        AssetsError: npm is not installed, or the npm registry cannot be reached.

    """
    cache = cache_dir()
    todo = missing(cache)
    if not todo:
        return
    if shutil.which("npm") is None:
        raise AssetsError(f"the browser app's front-end assets are not installed ({', '.join(todo)}) and npm is "
                          "not found: install npm, then run `make browser-setup`")
    say(f"installing the browser app's front-end assets from the npm registry, once ({len(todo)} packages) ...")
    cache.mkdir(parents=True, exist_ok=True)
    for spec in todo:
        try:
            install(spec, cache)
        except (subprocess.CalledProcessError, OSError):
            raise AssetsError(f"could not fetch {spec} from the npm registry (offline?); run `make browser-setup` "
                              "once it can be reached") from None
    say(f"installed in {cache}")


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
