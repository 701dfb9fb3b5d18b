"""The JSON Schemas of every kind of editor's file (``schema/``), and one validation path for all.

- Every committed schema is what ``scripts/library schema`` generates from the
  models, ``--check`` fails when one is stale, and each is a valid draft-7 schema
  whose properties carry the model's descriptions.
- Every shipped file of each kind validates against its schema, and starts with
  the modeline naming it; ``.vscode/settings.json`` associates each schema with
  the files of its kind (all but pages' front matter, which VS Code does not read).
- The hostile cases of ``tests/fixtures/hostile/schemas.yml`` are refused by the
  schema of their kind as well as by ``check``; broken all at once, ``check`` and
  ``mkdocs build --strict`` print the same problems at the same file:line:column.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest
import yaml
from jsonschema import Draft7Validator
from sitebuild import FIXTURES, ROOT, mkdocs
from test_hostile import hostile_project, run_check

from resource_library.cli.main import main
from resource_library.load import frontmatter
from resource_library.load.schemafile import generate_all
from resource_library.load.schemas import BUILDERS
from resource_library.load.yamlsource import load_file, load_text
from resource_library.model import drawing, glossary, pages, program, site, translation, vocabulary
from resource_library.model.fields import names
from resource_library.model.kinds import KINDS, KINDS_BY_NAME, MODELINE_PREFIX, kind_of, modeline
from resource_library.translation.snapshots import write_record_snapshot

CASES = yaml.safe_load((FIXTURES / "hostile" / "schemas.yml").read_text(encoding="utf-8"))
PROBLEM = re.compile(r"^(?:DEBUG\s+-\s+)?(\S+:\d+:\d+: .*)$")


def schema_of(kind) -> dict:
    return json.loads((ROOT / kind.schema).read_text(encoding="utf-8"))


def files_of(root, kind) -> list:
    return sorted({path for pattern in kind.files for path in root.glob(pattern) if path.is_file()})


def data_of(path, shown: str, kind):
    """What the schema of ``kind`` checks in ``path``: the YAML, or a page's front matter (None without one)."""
    if kind.yaml_extension:
        return load_file(path, shown).data
    body = frontmatter.body(path.read_text(encoding="utf-8"))
    return load_text(body, shown).data if body.strip() else None


# --- The committed schemas -----------------------------------------------------------


def test_every_committed_schema_is_current():
    texts, problems = generate_all(ROOT)
    assert problems == []
    assert sorted(texts) == sorted(kind.schema for kind in KINDS)
    assert sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "schema").glob("*.json")) == sorted(texts)
    for path, text in texts.items():
        assert (ROOT / path).read_text(encoding="utf-8") == text, f"{path} is stale: run `scripts/library schema`"


def test_schema_check_names_each_stale_schema(tmp_path, capsys):
    root = tmp_path / "project"
    for folder in ("data", "docs", "schema"):
        shutil.copytree(ROOT / folder, root / folder)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    assert main(["--root", str(root), "schema", "--check"]) == 0
    (root / "schema" / "glossary.schema.json").write_text("{}\n", encoding="utf-8")
    (root / "schema" / "site.schema.json").unlink()
    assert main(["--root", str(root), "schema", "--check"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "schema/glossary.schema.json:1:1: -: the schema is out of date with the format of its files; "
        "run `scripts/library schema` and commit the result",
        "schema/site.schema.json:0:0: -: the schema file is missing; run `scripts/library schema` and commit it",
    ]
    assert main(["--root", str(root), "check"]) == 0  # warnings for editors, as for the record schema
    assert "schema/glossary.schema.json:1:1: -: warning: the schema is out of date" in capsys.readouterr().out
    assert main(["--root", str(root), "schema"]) == 0
    assert main(["--root", str(root), "schema", "--check"]) == 0
    assert (root / "schema" / "site.schema.json").read_text(encoding="utf-8") == (
        ROOT / "schema" / "site.schema.json"
    ).read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_every_schema_is_draft_7_with_help_on_every_field(kind):
    schema = schema_of(kind)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    Draft7Validator.check_schema(schema)
    assert schema["title"] == kind.title and schema["description"]

    def walk(node, where):
        if isinstance(node, dict):
            for name, sub in node.get("properties", {}).items():
                assert "description" in sub or "$ref" in sub, f"{kind.schema}: {where}.{name} has no description"
            for key, sub in node.items():
                if key not in ("if", "then"):  # conditions name properties without describing them
                    walk(sub, f"{where}.{key}")
        elif isinstance(node, list):
            for sub in node:
                walk(sub, where)

    walk(schema, "")


MODELS = {
    "pillars": vocabulary.PILLARS_FILE,
    "program": program.PROGRAM,
    "infographic": drawing.DRAWING,
    "glossary": glossary.GLOSSARY_FILE,
    "site": site.SITE,
    "translation-snapshot": translation.SNAPSHOT,
    "page-front-matter": pages.FRONT_MATTER,
}


@pytest.mark.parametrize("name", sorted(MODELS))
def test_the_schema_says_what_the_model_says(name):
    schema = BUILDERS[name]()
    fields = MODELS[name]
    assert list(schema["properties"]) == list(names(fields))
    for spec in fields:
        assert schema["properties"][spec.name]["description"] == spec.description
    assert schema.get("required", []) == [spec.name for spec in fields if spec.required]
    assert schema["additionalProperties"] is False


def test_the_vocabularies_schema_documents_the_vocabularies_records_use():
    from resource_library.model.record import TERM_FIELDS

    schema = schema_of(KINDS_BY_NAME["vocabularies"])
    used = {v for v in TERM_FIELDS.values() if v != "pillars"} | {"evidence_levels"}
    assert set(schema["properties"]) == used
    term = schema["definitions"]["vocabulary"]["properties"]["terms"]["additionalProperties"]
    assert list(term["properties"]) == list(names(vocabulary.TERM))


# --- The shipped files ---------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_every_shipped_file_validates_against_its_schema(kind):
    validator = Draft7Validator(schema_of(kind))
    files = files_of(ROOT, kind)
    assert files, f"no shipped file of the kind {kind.name}"
    for path in files:
        shown = path.relative_to(ROOT).as_posix()
        data = data_of(path, shown, kind)
        if data is None:
            continue
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
        assert errors == [], shown


@pytest.mark.parametrize("kind", [k for k in KINDS if k.yaml_extension], ids=lambda kind: kind.name)
def test_every_shipped_yaml_file_names_its_schema_on_its_first_line(kind):
    for path in files_of(ROOT, kind):
        shown = path.relative_to(ROOT).as_posix()
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        assert first == modeline(shown), shown
        assert (path.parent / first.removeprefix(MODELINE_PREFIX)).resolve() == (ROOT / kind.schema).resolve()


def test_the_sync_writes_the_modeline_into_snapshots(tmp_path):
    write_record_snapshot(tmp_path, "my-record", {"title": "A title"})
    written = (tmp_path / "data" / "translations" / "records" / "my-record.yml").read_text(encoding="utf-8")
    assert written.split("\n", 1)[0] == modeline("data/translations/records/my-record.yml")


def test_vscode_associates_every_yaml_kind_with_its_schema():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    associated = {(ROOT / schema).resolve(): globs for schema, globs in settings["yaml.schemas"].items()}
    for kind in KINDS:
        if kind.yaml_extension:
            assert associated.pop((ROOT / kind.schema).resolve()) == list(kind.files), kind.name
    assert associated == {}, "VS Code's YAML extension does not read Markdown front matter"


def test_kinds_know_their_files():
    assert kind_of("data/programs/x.yml").name == "program"
    assert kind_of("docs/fr/pillars/x.md").name == "page-front-matter"
    assert kind_of("data/resources/sub/x.yml") is None
    assert kind_of("data/translations/pages/about.md") is None


# --- One validation path: check, the build and the schemas agree ------------------------


def touched(case) -> set:
    return {
        *(case.get("files") or {}),
        *(case.get("append") or {}),
        *(case.get("replace") or {}),
        *(case.get("remove") or []),
    }


@pytest.mark.parametrize("case", CASES, ids=lambda case: case["name"])
def test_the_schema_of_the_kind_refuses_the_hostile_case(tmp_path, case):
    kind = KINDS_BY_NAME[case["kind"]]
    project = hostile_project(tmp_path, case)
    mine = [rel for rel in sorted(touched(case)) if kind.holds(rel)]
    assert mine, f"{case['name']} touches no file of the kind {kind.name}"
    validator = Draft7Validator(schema_of(kind))
    for rel in mine:
        errors = list(validator.iter_errors(data_of(project / rel, rel, kind)))
        assert errors, f"the {kind.name} schema accepts {rel} of {case['name']}"


def combined(cases, errors: bool) -> dict:
    """One case breaking, at once, the first file of each case (with errors, or with warnings only)."""
    merged: dict = {"files": {}, "append": {}, "replace": {}, "expect": set()}
    seen: set = set()
    for case in cases:
        has_error = any(": warning: " not in line for line in case["expect"])
        if has_error != errors or touched(case) & seen:
            continue
        seen |= touched(case)
        for key in ("files", "append", "replace"):
            merged[key].update(case.get(key) or {})
        merged["expect"] |= set(case["expect"])
    return merged


def problem_lines(text: str) -> list:
    return [m.group(1) for m in map(PROBLEM.match, text.splitlines()) if m]


def test_check_and_the_build_report_the_same_errors_at_the_same_places(tmp_path):
    case = combined(CASES, errors=True)
    assert {KINDS_BY_NAME[c["kind"]] for c in CASES} == set(KINDS)
    project = hostile_project(tmp_path, case)
    checked = run_check(project)
    assert sorted(problem_lines(checked.stdout)) == sorted(case["expect"])
    errors = [line for line in problem_lines(checked.stdout) if ": warning: " not in line]
    kinds = {kind_of(line.split(":", 1)[0]).name for line in errors}
    assert kinds == {kind.name for kind in KINDS} - {"translation-snapshot"}  # snapshots only warn
    built = mkdocs(project, "build", "--strict", "-d", str(tmp_path / "site"))
    assert built.returncode != 0 and "Traceback" not in built.stdout + built.stderr
    assert problem_lines(built.stdout + built.stderr) == errors


def test_check_and_the_build_report_the_same_warnings(tmp_path):
    case = combined(CASES, errors=False)
    assert case["files"]
    project = hostile_project(tmp_path, case)
    checked = run_check(project)
    assert checked.returncode == 0
    warnings = problem_lines(checked.stdout)
    assert sorted(warnings) == sorted(case["expect"])
    built = mkdocs(project, "build", "--strict", "-v", "-d", str(tmp_path / "site"))
    assert built.returncode == 0, built.stdout + built.stderr
    # Each language's pass logs them (MkDocs' DEBUG level): once each, in check's order.
    assert list(dict.fromkeys(problem_lines(built.stdout + built.stderr))) == warnings
