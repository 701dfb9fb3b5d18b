"""The pull request and deployment workflows run the README's commands."""

from __future__ import annotations

import re

import yaml
from sitebuild import ROOT


def steps(name: str) -> list:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    return [step for job in workflow["jobs"].values() for step in job["steps"]], workflow


def runs(step_list) -> list:
    return [step["run"] for step in step_list if "run" in step]


def test_pull_requests_check_test_build_linkcheck_and_upload():
    step_list, workflow = steps("pr.yml")
    assert "pull_request" in workflow[True]  # PyYAML reads the key `on` as True
    commands = [run for run in runs(step_list) if "chromium" not in run]
    assert commands == [
        "make setup",
        "scripts/library check --format github",
        "scripts/library schema --check",
        "make test",
        "make build",
        "make linkcheck",
    ]
    upload = [s for s in step_list if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert upload and upload[0]["with"]["path"] == "site/"


def test_main_is_deployed_to_pages_with_its_address_and_edit_links():
    step_list, workflow = steps("deploy.yml")
    assert workflow[True]["push"]["branches"] == ["main"]
    uses = [s.get("uses", "").split("@")[0] for s in step_list]
    assert "actions/upload-pages-artifact" in uses and "actions/deploy-pages" in uses
    build = next(s for s in step_list if s.get("run") == "make build")
    assert set(build["env"]) == {"SITE_URL", "LIBRARY_EDIT_URL_BASE"}
    assert "github.repository" in build["env"]["LIBRARY_EDIT_URL_BASE"]
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for variable in build["env"]:
        assert f"!ENV [{variable}," in config


def test_workflow_commands_are_the_readme_and_makefile_ones():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in ("pr.yml", "deploy.yml"):
        for command in [run for run in runs(steps(name)[0]) if "chromium" not in run]:
            if command.startswith("make "):
                target = command.split()[1]
                assert re.search(rf"^{target}:", makefile, re.M), target
            assert f"`{command}`" in readme or command.split(" --")[0] in readme, command
