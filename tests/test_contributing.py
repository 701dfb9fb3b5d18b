"""The editors' guides (CONTRIBUTING.md and its French version) stay true."""

from __future__ import annotations

import re
import shutil

import pytest
from sitebuild import ROOT

from resource_library import FIELDS, load_catalogue
from resource_library.cli.main import main

GUIDES = ["CONTRIBUTING.md", "CONTRIBUTING.fr.md"]


def text(name: str) -> str:
    return (ROOT / name).read_text(encoding="utf-8")


def worked_example(name: str) -> str:
    blocks = re.findall(r"```yaml\n(.*?)```", text(name), re.S)
    records = [b for b in blocks if b.startswith("# yaml-language-server:")]
    assert len(records) == 1, f"{name} must hold one complete record"
    return records[0]


def example_project(tmp_path, record: str):
    root = tmp_path / "project"
    shutil.copytree(
        ROOT,
        root,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "site", "__pycache__", "*.egg-info", "test-artifacts", "node_modules", ".pytest_cache"
        ),
    )
    record_id = re.search(r"^id: (\S+)$", record, re.M).group(1)
    (root / "data" / "resources" / f"{record_id}.yml").write_text(record, encoding="utf-8")
    for path in re.findall(r"^\s+(?:en|fr): (files/\S+)$", record, re.M):
        (root / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / path).write_bytes(b"\x89PNG\r\n\x1a\n")
    return root, record_id


@pytest.mark.parametrize("name", GUIDES)
def test_every_field_is_documented(name):
    rows = re.findall(r"^\| `([a-z_]+)` \|", text(name), re.M)
    assert [spec.name for spec in FIELDS] == rows, "the fields table must list every field of model.FIELDS, in order"


@pytest.mark.parametrize("name", GUIDES)
def test_the_worked_example_is_a_valid_record_with_nothing_to_warn(tmp_path, name):
    root, record_id = example_project(tmp_path, worked_example(name))
    catalogue = load_catalogue(root)
    mine = [str(p) for p in catalogue.problems if record_id in p.path]
    assert mine == []
    record = catalogue.records[record_id]
    assert record.type == "infographic" and set(record.alt) == {"en", "fr"} and set(record.title) == {"en", "fr"}


def test_both_guides_show_the_same_record():
    assert worked_example("CONTRIBUTING.md") == worked_example("CONTRIBUTING.fr.md")


@pytest.mark.parametrize("name", GUIDES)
def test_the_annotation_shown_is_what_check_prints(tmp_path, capsys, name):
    record = worked_example(name).replace("tiers: [universal]", "tiers: [universal, intensve]")
    root, record_id = example_project(tmp_path, record)
    assert main(["--root", str(root), "check", "--format", "github", "--errors-only"]) == 1
    annotation = capsys.readouterr().out.splitlines()[0]
    shown = re.search(r"`(::error file=[^`]*?)\.\.\.`", text(name)).group(1)
    assert annotation.startswith(shown)
    assert main(["--root", str(root), "check", "--errors-only"]) == 1
    plain = capsys.readouterr().out.splitlines()[0]
    shown = re.search(r"`(data/resources/[^`]*?)\.\.\.`", text(name)).group(1)
    assert plain.startswith(shown)


@pytest.mark.parametrize("name", GUIDES)
def test_links_to_files_of_the_repository_exist(name):
    targets = re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", text(name))
    # Links inside the example record (../page.md) are relative to the library, not to the guide.
    targets = [t for t in targets if not t.startswith("../")]
    assert "CONTRIBUTING.fr.md" in targets or "CONTRIBUTING.md" in targets
    for target in targets:
        assert (ROOT / target).is_file(), f"{name} links to {target}, which does not exist"


@pytest.mark.parametrize("name", GUIDES)
def test_commands_named_in_the_guide_exist(name):
    makefile = text("Makefile")
    for target in set(re.findall(r"`make ([a-z-]+)`", text(name))):
        assert re.search(rf"^{target}:", makefile, re.M), target
    from resource_library.cli.main import COMMANDS

    names = {"validate": "check"}
    known = {names.get(m.__name__.rsplit(".", 1)[1], m.__name__.rsplit(".", 1)[1]) for m in COMMANDS}
    for command in set(re.findall(r"scripts/library ([a-z]+)", text(name))):
        assert command in known, command


def github_slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lowercase, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


@pytest.mark.parametrize("name", GUIDES)
def test_anchors_lead_to_headings(name):
    headings = {github_slug(h) for h in re.findall(r"^#{1,6} (.+)$", text(name), re.M)}
    anchors = re.findall(r"\]\((?:[\w.-]*\.md)?#([^)]+)\)", text(name))
    assert anchors
    for anchor in anchors:
        if "CONTRIBUTING" not in anchor:
            assert anchor in headings, f"{name}: no heading for #{anchor}"
