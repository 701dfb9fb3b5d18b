"""The shape of the code: what may import what, and what a wheel of the project holds.

- The core package (``resource_library``) never imports MkDocs, its theme or its
  plugins: only ``resource_library_mkdocs`` does (the adapter).
- ``hooks/`` files are one-line re-exports of the adapter's event handlers.
- ``scripts/library check`` loads only what validation needs (no lunr, nltk,
  Jinja or Markdown).
- A wheel built from ``pyproject.toml`` holds every sub-package and runs ``check``
  from a scratch virtual environment.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORE = ROOT / "resource_library"
ADAPTER = ROOT / "resource_library_mkdocs"
PLATFORM = ("mkdocs", "material", "mkdocs_static_i18n", "properdocs")


def imported_modules(path: Path) -> set:
    """Top-level names of every module ``path`` imports (absolute imports)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_the_core_never_imports_mkdocs_or_its_plugins():
    offenders = {}
    for path in sorted(CORE.rglob("*.py")):
        found = sorted(
            n for n in imported_modules(path) if n.split(".")[0] in PLATFORM or n.startswith("resource_library_mkdocs")
        )
        if found:
            offenders[path.relative_to(ROOT).as_posix()] = found
    assert not offenders, offenders


def test_only_the_adapter_touches_the_platform():
    importers = set()
    for path in sorted(ROOT.glob("*/**/*.py")):
        if any(part in (".venv", "node_modules", "site", "tests") for part in path.relative_to(ROOT).parts):
            continue
        if any(n.split(".")[0] in PLATFORM for n in imported_modules(path)):
            importers.add(path.relative_to(ROOT).parts[0])
    assert importers <= {"resource_library_mkdocs"}, importers


def test_hooks_are_one_line_re_exports():
    for path in sorted((ROOT / "hooks").glob("*.py")):
        code = [
            line
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith(("#", '"""'))
        ]
        assert code == [f"from resource_library_mkdocs.{path.stem} import *  # noqa: F403"], (path, code)
    named = {
        line.strip()[2:]
        for line in (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
        if line.strip().startswith("- hooks/")
    }
    assert named == {f"hooks/{p.name}" for p in (ROOT / "hooks").glob("*.py")}


def test_every_sub_package_says_its_role_in_one_line():
    for init in sorted(CORE.glob("*/__init__.py")) + [ADAPTER / "__init__.py"]:
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc, init
        assert "\n" not in doc.split("\n\n")[0], init


def test_no_module_level_state_in_hooks_or_adapter_handlers():
    # Everything a build keeps lives on resource_library.build.Build; the adapter's one
    # registry of Builds (session.py) is the only module-level container.
    for path in sorted((ROOT / "hooks").glob("*.py")) + sorted(ADAPTER.glob("*.py")):
        if path.name == "session.py":
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(node.value, (ast.Dict, ast.List, ast.Set)):
                target = node.targets[0] if isinstance(node, ast.Assign) else node.target
                name = getattr(target, "id", "")
                assert name == "__all__" or name.isupper(), (path, ast.unparse(node))  # constants only
            assert not isinstance(node, ast.Global), path


def _imports_of_check() -> set:
    code = (
        "import sys, runpy; sys.argv = ['library', '--root', sys.argv[1], 'check', '--errors-only'];\n"
        "try:\n    runpy.run_module('resource_library.cli', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print(' '.join(sorted(m.split('.')[0] for m in sys.modules)), file=sys.stderr)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(ROOT)],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    return set(result.stderr.split("\n")[-2].split())


def test_check_imports_only_what_validation_needs():
    loaded = _imports_of_check()
    assert "resource_library" in loaded and "yaml" in loaded
    assert not loaded & {"lunr", "nltk", "jinja2", "markdown", "mkdocs", "material"}, loaded


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # Built from a copy, so that setuptools' build folders stay out of the checkout.
    source = tmp_path_factory.mktemp("source")
    shutil.copy(ROOT / "pyproject.toml", source)
    for package in (CORE, ADAPTER):
        shutil.copytree(package, source / package.name, ignore=shutil.ignore_patterns("__pycache__"))
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(source)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (found,) = out.glob("resource_library-*.whl")
    return found


def test_the_wheel_holds_every_package_and_template_free_core(wheel):
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    packages = {n.rsplit("/", 1)[0] for n in names if n.endswith("/__init__.py")}
    expected = {p.parent.relative_to(ROOT).as_posix() for p in CORE.rglob("__init__.py")}
    expected |= {p.parent.relative_to(ROOT).as_posix() for p in ADAPTER.rglob("__init__.py")}
    assert packages == expected
    for path in list(CORE.rglob("*.py")) + list(ADAPTER.rglob("*.py")):
        assert path.relative_to(ROOT).as_posix() in names, path


def test_check_runs_from_an_installed_wheel(wheel, tmp_path):
    scratch = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(scratch)
    # The scratch environment sees the project's dependencies (not the project itself:
    # .pth files inside a folder named by a .pth file are not read, so the editable
    # install of this checkout stays out) and gets the wheel unpacked into its own site-packages.
    python = scratch / "bin" / "python"
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    (site / "project-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    import zipfile

    zipfile.ZipFile(wheel).extractall(site)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    where = subprocess.run(
        [str(python), "-c", "import resource_library.cli.main as m; print(m.__file__)"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=60,
    )
    assert where.stdout.strip().startswith(str(site)), where.stdout + where.stderr
    result = subprocess.run(
        [str(python), "-m", "resource_library.cli", "--root", str(ROOT), "check"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "records checked: 0 errors" in result.stderr


def test_test_modules_have_unique_names():
    # pytest imports test modules by their base name (no __init__.py in tests/): two files of one
    # name in different folders stop the whole run at collection.
    names = [path.name for path in (ROOT / "tests").rglob("test_*.py")]
    assert len(names) == len(set(names)), sorted(n for n in set(names) if names.count(n) > 1)
