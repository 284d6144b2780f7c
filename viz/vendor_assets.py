"""Maintainer script: vendor the front-end files that the dashboard loads via Solara's CDN proxy.

Solara serves its JavaScript, CSS and fonts from ``/_solara/cdn/<package>@<version>/<file>``. On
a cache miss it downloads the file from cdn.jsdelivr.net, so a machine without internet never
gets a working page. The dashboard therefore ships the files it needs as package data in
``viz/assets/cdn/``, laid out as the proxy reads them, and ``ceasefire viz`` points
``SOLARA_ASSETS_PROXY_CACHE_DIR`` at that folder.

Only what the page requests is kept (the app bundle for the installed ipyvue and ipywidgets,
its lazily loaded chunks, its CSS and the WOFF2 fonts the CSS names, Font Awesome's CSS and
font, RequireJS, and the Vega, Vega-Lite and Vega-Embed builds that Solara's ``FigureAltair``
loads for the interactive charts); source maps, the non-minified bundle and other font formats
are dropped.

Usage (needs ``npm`` and the npm registry; run after upgrading solara, ipyvue or ipywidgets)::

    python -m ceasefire.viz.vendor_assets           # (re)create viz/assets/cdn
    python -m ceasefire.viz.vendor_assets --check   # exit 1 if a needed file is missing
"""

from __future__ import annotations

import argparse
import fnmatch
import importlib.metadata
import importlib.util
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ceasefire.batch.io import files

ASSETS_DIR = Path(__file__).resolve().parent / "assets" / "cdn"
"""The vendored folder (package data), laid out as ``<package>@<version>/<file>``."""
MARKER = ".vendored.json"
"""File in each package folder recording the spec and the resolved npm version."""
TEMPLATE = Path("server") / "templates" / "solara.html.j2"
"""Solara's page template, which names the exact app bundle versions."""
VEGA_TEMPLATE = Path("widgets") / "vue" / "vegalite.vue"
"""Solara's Vega-Lite widget (``FigureAltair``), which names the Vega builds it loads."""
VEGA_URL = re.compile(r"getCdn\(\)\}/((?:vega|vega-lite|vega-embed)@[0-9.]+)/([^`'\"]+)")
CSS_URL = re.compile(r"url\(([^)?#]+)[^)]*\)")


@dataclass(frozen=True)
class Package:
    """One npm package as the page requests it.

    Attributes:
        spec: ``name@version`` exactly as it appears in the URL.
        files: glob patterns (relative to the package root) of the files to keep, besides the
            fonts named by the kept CSS files.
    """

    spec: str
    files: tuple[str, ...]


def solara_dir() -> Path:
    """Folder of the installed solara package."""
    spec = importlib.util.find_spec("solara")
    if spec is None or spec.origin is None:
        raise SystemExit("solara is not installed in this Python environment")
    return Path(spec.origin).parent


def major(distribution: str) -> int:
    """Major version of an installed distribution."""
    return int(importlib.metadata.version(distribution).split(".")[0])


def app_bundle_spec() -> str:
    """``@widgetti/<app>@<version>`` that the installed solara requests for the installed ipyvue.

    Solara picks the Vue 3 bundle when ipyvue's major version is 3
    (``solara/server/server.py``) and names the exact version in its page template.
    """
    name = "solara-vuetify3-app" if major("ipyvue") == 3 else "solara-vuetify-app"
    template = (solara_dir() / TEMPLATE).read_text(encoding="utf-8")
    found = set(re.findall(rf"@widgetti/{name}@([0-9][0-9A-Za-z.-]*)/", template))
    if len(found) != 1:
        raise SystemExit(f"cannot find one version of @widgetti/{name} in solara's template")
    return f"@widgetti/{name}@{found.pop()}"


def packages() -> list[Package]:
    """The packages the dashboard page requests, with the files to keep from each."""
    ipywidgets = major("ipywidgets")
    bundle = f"solara-vuetify-app{ipywidgets}"
    fontawesome = re.search(r"/([^/]+@[^/]+)/", settings_fontawesome_path())
    if fontawesome is None:
        raise SystemExit("cannot find the Font Awesome version in solara's settings")
    return [
        Package(
            app_bundle_spec(),
            (
                "package.json",
                f"dist/main{ipywidgets}.css",
                "dist/fonts.css",
                f"dist/{bundle}.min.js",
                f"dist/{bundle}.min.js.LICENSE.txt",
                f"dist/*.{bundle}.min.js",  # chunks the bundle loads on demand
            ),
        ),
        Package(fontawesome.group(1), ("package.json", "README.md", "css/font-awesome.min.css")),
        Package(requirejs_spec(), ("package.json", "README.md", "require.js")),
        *vega_packages(),
    ]


def vega_packages() -> list[Package]:
    """Vega, Vega-Lite and Vega-Embed as Solara's Vega-Lite widget requests them (``vega@5``)."""
    source = (solara_dir() / VEGA_TEMPLATE).read_text(encoding="utf-8")
    found = VEGA_URL.findall(source)
    if len(found) != 3:
        raise SystemExit(f"cannot find the Vega builds in solara's {VEGA_TEMPLATE}")
    return [Package(spec, ("package.json", build)) for spec, build in found]


def settings_fontawesome_path() -> str:
    """Solara's default Font Awesome CSS path (read from its settings source, not imported).

    Importing ``solara.server.settings`` would fix the cache directory before the dashboard
    sets it, so the value is read from the source text.
    """
    source = (solara_dir() / "server" / "settings.py").read_text(encoding="utf-8")
    found = re.search(r'fontawesome_path: str = "([^"]+)"', source)
    if found is None:
        raise SystemExit("cannot find fontawesome_path in solara's settings")
    return found.group(1)


def requirejs_spec() -> str:
    """``requirejs@<version>`` loaded by solara's page template."""
    template = (solara_dir() / TEMPLATE).read_text(encoding="utf-8")
    found = re.search(r"/(requirejs@[0-9.]+)/", template)
    if found is None:
        raise SystemExit("cannot find requirejs in solara's template")
    return found.group(1)


def wanted(names: list[str], package: Package, read: Callable[[str], str]) -> list[str]:
    """The files of ``package`` to keep: its patterns, plus the WOFF2 fonts its CSS names.

    Args:
        names: every file in the npm package, relative to its root (POSIX paths).
        package: the package and its patterns.
        read: returns the text of a file given its relative name.
    """
    keep = [n for n in names if any(fnmatch.fnmatch(n, p) for p in package.files)]
    for css in [n for n in keep if n.endswith(".css")]:
        folder = PurePosixPath(css).parent
        for url in CSS_URL.findall(read(css)):
            font = str(folder / url.strip("'\""))
            font = str(PurePosixPath(*_normalise(PurePosixPath(font).parts)))
            if font.endswith(".woff2") and font in names and font not in keep:
                keep.append(font)
    return sorted(keep)


def _normalise(parts: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for part in parts:
        if part == "..":
            out.pop()
        elif part != ".":
            out.append(part)
    return out


def missing_files(dest: Path = ASSETS_DIR) -> list[str]:
    """Needed files absent from ``dest`` (empty when the vendored folder is complete)."""
    missing = []
    for package in packages():
        root = dest / package.spec
        if not (root / MARKER).is_file():
            missing.append(f"{package.spec}/{MARKER}")
            continue
        names = [p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()]
        for pattern in package.files:
            if not any(fnmatch.fnmatch(n, pattern) for n in names):
                missing.append(f"{package.spec}/{pattern}")
    return missing


def npm_pack(spec: str, workdir: Path) -> tuple[Path, str]:
    """Download the npm tarball of ``spec``; return its path and the resolved version."""
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit("npm is needed to download the front-end packages")
    done = subprocess.run(
        [npm, "pack", spec, "--json", "--pack-destination", str(workdir)],
        capture_output=True,
        text=True,
        cwd=workdir,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"npm pack {spec} failed:\n{done.stderr.strip()}")
    info = json.loads(done.stdout[done.stdout.index("[") :])[0]  # npm may print notices first
    return workdir / info["filename"], info["version"]


def vendor(package: Package, tarball: Path, version: str, dest: Path) -> int:
    """Unpack the wanted files of ``tarball`` into ``dest/<spec>``; return the bytes written."""
    with tarfile.open(tarball, "r:gz") as tar:
        members = {
            PurePosixPath(*PurePosixPath(m.name).parts[1:]).as_posix(): m  # drop "package/"
            for m in tar.getmembers()
            if m.isfile() and ".." not in PurePosixPath(m.name).parts
        }

        def read(name: str) -> str:
            return tar.extractfile(members[name]).read().decode("utf-8", errors="ignore")

        keep = wanted(sorted(members), package, read)
        target = dest / package.spec
        if target.exists():
            shutil.rmtree(target)
        total = 0
        for name in keep:
            out = target / name
            out.parent.mkdir(parents=True, exist_ok=True)
            files.write_bytes(out, tar.extractfile(members[name]).read())
            total += members[name].size
    marker = {"spec": package.spec, "version": version, "files": keep}
    files.write_text(target / MARKER, json.dumps(marker, indent=1) + "\n")
    return total


def main(argv: list[str] | None = None) -> int:
    """Vendor the assets, or check them with ``--check``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dest", type=Path, default=ASSETS_DIR, help="target folder")
    parser.add_argument("--check", action="store_true", help="exit 1 if a needed file is missing")
    args = parser.parse_args(argv)
    if args.check:
        missing = missing_files(args.dest)
        for name in missing:
            print(f"missing: {name}", file=sys.stderr)
        print(f"{'incomplete' if missing else 'complete'}: {args.dest}")
        return 1 if missing else 0
    args.dest.mkdir(parents=True, exist_ok=True)
    for old in [child for child in args.dest.iterdir() if child.is_dir()]:
        shutil.rmtree(old)  # packages of earlier solara versions; README.md stays
    with tempfile.TemporaryDirectory(prefix="ceasefire-npm-") as work:
        for package in packages():
            tarball, version = npm_pack(package.spec, Path(work))
            size = vendor(package, tarball, version, args.dest)
            print(f"{package.spec} -> {version}: {size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
