"""lunr.js in the site: copied at build time from the installed ``mkdocs`` package, never vendored.

Imports no lunr (and finds mkdocs without importing it), so the pages that load
these files can name :data:`LUNR_DIR` without pulling in the index builder.
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

#: lunr.js files copied from the installed ``mkdocs`` package, relative to its ``contrib/search``.
LUNR_FILES = {
    "lunr.js": "templates/search/lunr.js",
    "lunr.stemmer.support.js": "lunr-language/lunr.stemmer.support.js",
    "lunr.fr.js": "lunr-language/lunr.fr.js",
}
#: Where they go in the site.
LUNR_DIR = "assets/javascripts/library-lunr"
#: Where the build publishes each language's search data, relative to the language's root
#: (the library page, the header's box and the search page all read it: one download).
INDEX_PATH = "library/search-index.json"


def lunr_js_dir() -> Path:
    """``contrib/search`` of the installed ``mkdocs`` package (found without importing it)."""
    spec = importlib.util.find_spec("mkdocs")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the mkdocs package is not installed: it provides lunr.js")
    return Path(list(spec.submodule_search_locations)[0]) / "contrib" / "search"


def copy_lunr_js(site_dir: Path) -> None:
    """Copy lunr.js and the French lunr-languages files into the site (never vendored)."""
    source = lunr_js_dir()
    target = Path(site_dir) / LUNR_DIR
    target.mkdir(parents=True, exist_ok=True)
    for name, rel in LUNR_FILES.items():
        shutil.copyfile(source / rel, target / name)
