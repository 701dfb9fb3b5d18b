"""``scripts/library`` as editors use it: new, check (plain and GitHub), schema."""

from __future__ import annotations

import builtins
import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sitebuild import FIXTURES, ROOT

from resource_library import FIELDS, load_catalogue
from resource_library.cli.main import COMMANDS, main
from resource_library.cli.scaffold import PLACEHOLDER
from resource_library.load.schemafile import MODELINE, SCHEMA_PATH, generate
from resource_library.model.ids import propose_id

INVALID = FIXTURES / "records" / "invalid"
VALID = FIXTURES / "records" / "valid"


def project(tmp_path: Path, *records: Path, full: bool = False) -> Path:
    """A project root with the shipped vocabularies, pillars, programs and interface
    words plus ``records``; with ``full``, a copy of all the shipped data and pages."""
    root = tmp_path / "project"
    if full:
        shutil.copytree(ROOT / "data", root / "data")
        shutil.copytree(ROOT / "docs", root / "docs")
    else:
        shutil.copytree(
            ROOT / "data",
            root / "data",
            ignore=lambda folder, names: [
                n for n in names if folder == str(ROOT / "data") and n in ("resources", "infographics", "translations")
            ],
        )
        (root / "data" / "resources").mkdir()
        (root / "docs").mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    if not full:  # no hand-written page: the menu lists only pages the build makes
        config = (root / "mkdocs.yml").read_text(encoding="utf-8")
        config = re.sub(r"(?ms)^nav:\n.*?(?=^\S)", "nav:\n  - Library: library/index.md\n", config)
        (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copytree(ROOT / "schema", root / "schema")
    for record in records:
        shutil.copy(record, root / "data" / "resources" / record.name)
    return root


def run(root: Path, *args: str) -> int:
    return main(["--root", str(root), *args])


def script(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """The real ``scripts/library`` wrapper, as an editor runs it."""
    return subprocess.run(
        [str(ROOT / "scripts" / "library"), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


# --- new -------------------------------------------------------------------------

SIMPLE_TYPES = [t for t in load_catalogue(ROOT).vocabularies["types"].terms if t not in ("infographic", "practice")]


@pytest.mark.parametrize("type_", SIMPLE_TYPES)
def test_new_then_check_passes(tmp_path, capsys, type_):
    root = project(tmp_path)
    assert (
        run(root, "new", "--type", type_, "--title", "Mental Health: Getting Started", "--summary", "What it is.") == 0
    )
    file = root / "data" / "resources" / "mental-health-getting-started.yml"
    text = file.read_text(encoding="utf-8")
    assert text.splitlines()[0] == MODELINE
    capsys.readouterr()
    assert run(root, "check", "--errors-only") == 0, capsys.readouterr().out
    assert "mental-health-getting-started" in load_catalogue(root).records


def test_new_writes_every_field_with_its_meaning(tmp_path):
    root = project(tmp_path)
    assert run(root, "new", "--type", "guide", "--title", "A guide") == 0
    text = (root / "data" / "resources" / "a-guide.yml").read_text(encoding="utf-8")
    for spec in FIELDS:
        assert re.search(rf"^(# )?{spec.name}:", text, re.M), f"{spec.name} missing from the scaffold"
        first_words = spec.description.split(":")[0][:30]
        assert first_words in " ".join(line.lstrip("# ") for line in text.splitlines()), spec.name
    # Allowed terms are listed beside term fields.
    comments = " ".join(" ".join(line.lstrip("# ") for line in text.splitlines()).split())
    assert "intensive = Intensive (Tier 3) / Intensif (palier 3)" in comments
    # With no summary given, the placeholder passes the check but is flagged.
    assert PLACEHOLDER in text
    warnings = [str(p) for p in load_catalogue(root).warnings if p.path.endswith("a-guide.yml")]
    assert any("summary.en: warning: still holds a placeholder" in w for w in warnings), warnings


def test_new_uncommenting_every_example_still_checks(tmp_path):
    """The commented examples are valid YAML and valid values once uncommented."""
    root = project(tmp_path)
    (root / "docs" / "images").mkdir()
    for lang in ("en", "fr"):
        (root / "docs" / "images" / f"a-guide-{lang}.png").write_bytes(b"\x89PNG\r\n")
    (root / "docs" / "files").mkdir()
    (root / "docs" / "files" / "a-guide-fr.pdf").write_bytes(b"%PDF-1.4\n")
    assert run(root, "new", "--type", "practice", "--title", "A guide", "--summary", "S.") == 0
    file = root / "data" / "resources" / "a-guide.yml"
    lines = file.read_text(encoding="utf-8").splitlines()
    uncommented = []
    for line in lines:
        body = line[2:] if line.startswith("# ") else line
        if re.match(r"^(\s+[a-z]+:|[a-z_]+:|\s+[a-z]+: )", body) and not line.startswith("# yaml-language"):
            uncommented.append(body)
        elif line.startswith("  # fr:"):
            uncommented.append(line.replace("# ", "", 1))
        elif re.match(r"^#     \S", line):  # Markdown body lines of description
            uncommented.append(line[2:])
        else:
            uncommented.append(line)
    lines = [line for line in uncommented if not line.startswith(("drawing:", "translation:"))]
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = [str(p) for p in load_catalogue(root).errors]
    assert problems == []


def test_new_refuses_to_overwrite(tmp_path, capsys):
    root = project(tmp_path)
    target = root / "data" / "resources" / "my-guide.yml"
    target.write_text("# keep me\n", encoding="utf-8")
    assert run(root, "new", "--type", "guide", "--title", "My guide") == 1
    assert "data/resources/my-guide.yml already exists" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "# keep me\n"


@pytest.mark.parametrize(
    "args, expected",
    [
        (["--title", "No type"], "give the resource's type with --type"),
        (["--type", "guid", "--title", "T"], "'guid' is not a type (did you mean 'guide'?)"),
        (["--type", "guide"], "give the English title with --title"),
        (["--type", "guide", "--title", "T", "--id", "Not_valid"], "'Not_valid' is not a valid id"),
        (["--type", "guide", "--title", "T", "--id", "index"], "'index' is reserved: the site uses this name"),
    ],
)
def test_new_misuse_exits_2(tmp_path, capsys, args, expected):
    root = project(tmp_path)
    assert run(root, "new", *args) == 2
    assert expected in capsys.readouterr().err
    assert list((root / "data" / "resources").iterdir()) == []


def test_new_asks_in_a_terminal(tmp_path, monkeypatch, capsys):
    root = project(tmp_path)
    answers = iter(["tip sheet", "tip-sheet", "Élèves et anxiété : repères", "", "A tip sheet for staff."])
    prompts = []
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(builtins, "input", lambda prompt="": prompts.append(prompt) or next(answers))
    assert run(root, "new") == 0
    assert prompts[:2] == ["Type [guide]: ", "Type [guide]: "]  # a wrong answer is asked again
    assert "'tip sheet' is not a type (did you mean 'tip-sheet'?)" in capsys.readouterr().err
    assert prompts[3] == "Id (the file name and page address) [eleves-et-anxiete-reperes]: "
    text = (root / "data" / "resources" / "eleves-et-anxiete-reperes.yml").read_text(encoding="utf-8")
    assert "type: tip-sheet" in text
    assert 'en: "Élèves et anxiété : repères"' in text
    assert 'en: "A tip sheet for staff."' in text


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Mise en œuvre : l'été 2024", "mise-en-oeuvre-l-ete-2024"),
        ("  Tiered   Intervention -- Tier 2  ", "tiered-intervention-tier-2"),
        ("ACQESS Framework: Core Elements of Success", "acqess-framework-core-elements-of-success"),
        ("Élèves", "eleves"),
    ],
)
def test_propose_id(title, expected):
    assert propose_id(title) == expected


@pytest.mark.parametrize("title", ["!!!", "Руководство", "Index", "«»", "Glossary"])
def test_the_proposed_id_is_always_one_check_accepts(tmp_path, capsys, title):
    root = project(tmp_path)
    assert run(root, "new", "--type", "guide", "--title", title, "--summary", "S.") == 0
    (created,) = (root / "data" / "resources").iterdir()
    assert [str(p) for p in load_catalogue(root).errors if p.path.endswith(created.name)] == []


def test_new_for_a_practice_says_what_is_still_missing(tmp_path, capsys):
    root = project(tmp_path)
    assert run(root, "new", "--type", "practice", "--title", "A practice", "--summary", "S.") == 0
    out = capsys.readouterr().out
    assert "evidence: `evidence` is required for a resource of type 'practice'" in out


# --- check ------------------------------------------------------------------------


def test_check_on_the_shipped_content_passes():
    result = script("check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert " 0 errors" in result.stderr


def test_check_reports_every_error_and_exits_1(tmp_path, capsys):
    root = project(tmp_path, INVALID / "unknown-term.yml", INVALID / "duplicate-key.yml", VALID / "english-only.yml")
    assert run(root, "check") == 1
    out = capsys.readouterr().out.splitlines()
    assert (
        "data/resources/unknown-term.yml:7:20: tiers[1]: 'intensve' is not a term of the vocabulary 'tiers' "
        "(did you mean 'intensive'?); allowed: universal, targeted, intensive" in out
    )
    assert any(line.startswith("data/resources/duplicate-key.yml:9:1: title: duplicate key") for line in out)


GITHUB = re.compile(r"^::(error|warning) (?P<props>[^:]*)::(?P<message>.*)$")


def _unescape(text: str) -> str:
    return text.replace("%0A", "\n").replace("%0D", "\r").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def parse_annotation(line: str) -> dict:
    match = GITHUB.match(line)
    assert match, f"not a GitHub annotation: {line!r}"
    props = dict(part.split("=", 1) for part in match.group("props").split(","))
    return {
        "kind": match.group(1),
        **{k: _unescape(v) for k, v in props.items()},
        "message": _unescape(match.group("message")),
    }


def test_github_annotations_name_the_file_and_line(tmp_path, capsys):
    files = [
        INVALID / "unknown-term.yml",
        INVALID / "hostile-title.yml",
        INVALID / "unknown-field.yml",
        VALID / "english-only.yml",
    ]
    root = project(tmp_path, *files)
    assert run(root, "check", "--format", "github") == 1
    annotations = [parse_annotation(line) for line in capsys.readouterr().out.splitlines()]
    assert run(root, "check") == 1
    plain = capsys.readouterr().out.splitlines()
    assert len(annotations) == len(plain)
    rebuilt = [
        f"{a['file']}:{a['line']}:{a['col']}: {a['title']}: {'warning: ' if a['kind'] == 'warning' else ''}{a['message']}"
        for a in annotations
    ]
    assert rebuilt == plain
    by_file = {a["file"]: a for a in annotations if a["kind"] == "error"}
    term = by_file["data/resources/unknown-term.yml"]
    assert (term["line"], term["col"], term["title"]) == ("7", "20", "tiers[1]")
    assert (root / term["file"]).read_text(encoding="utf-8").splitlines()[6].startswith("tiers: [universal, intensve]")
    assert by_file["data/resources/unknown-field.yml"]["message"] == "unknown field 'sumary' (did you mean 'summary'?)"
    english = [a for a in annotations if a["file"] == "data/resources/english-only.yml"]
    assert [a["kind"] for a in english] == ["warning"] and "no French yet" in english[0]["message"]


def test_github_annotation_escapes_separators():
    from resource_library.cli.validate import github_annotation
    from resource_library.load.problems import Problem

    line = github_annotation(Problem("data/a,b.yml", 3, 4, "title.en", "50% done:\nsecond line"))
    assert line == "::error file=data/a%2Cb.yml,line=3,col=4,title=title.en::50%25 done:%0Asecond line"
    parsed = parse_annotation(line)
    assert parsed["file"] == "data/a,b.yml" and parsed["message"] == "50% done:\nsecond line"


def test_check_warns_without_failing(tmp_path, capsys):
    record = (VALID / "offered-in-french.yml").read_text(encoding="utf-8")
    root = project(tmp_path)
    (root / "docs" / "images").mkdir()
    (root / "docs" / "images" / "poster-fr.png").write_bytes(b"\x89PNG\r\n")
    extra = (
        "image:\n  fr: images/poster-fr.png\nalt:\n  en: A poster with three steps.\n"
        "description:\n  en: |\n    See ![](../images/poster-fr.png) and [the library](index.md).\n"
        "    Also [a page](http://example.org/).\n"
    )
    text = re.sub(r"(?m)^description:\n(  .*\n|    .*\n)*", "", record) + extra
    (root / "data" / "resources" / "offered-in-french.yml").write_text(text, encoding="utf-8")
    assert run(root, "check") == 0
    out = capsys.readouterr().out
    assert "image.fr: warning: the French image has no French text alternative (add `fr:` under `alt`)" in out
    assert "warning: the image '../images/poster-fr.png' has no text alternative" in out
    assert "warning: the link 'http://example.org/' is not encrypted" in out
    assert "description: warning: `description` has no French (`fr:`) while other fields do" in out
    assert run(root, "check", "--errors-only") == 0
    assert capsys.readouterr().out == ""


def test_description_links_to_generated_pages_are_fine(tmp_path, capsys):
    root = project(tmp_path, VALID / "english-only.yml")
    text = (
        (VALID / "full-record.yml")
        .read_text(encoding="utf-8")
        .replace(
            "    - Listen to every answer.\n",
            "    - Listen to every answer.\n\n    See [this](english-only.md), [pillars](../pillars/leadership-and-capacity.md),"
            " and [the program](../programs/ma-csmhs-coiin.md).\n",
            1,
        )
    )
    (root / "data" / "resources" / "full-record.yml").write_text(text, encoding="utf-8")
    run(root, "check")
    assert "leads to no page" not in capsys.readouterr().out


def test_description_links_to_nothing_are_errors(tmp_path, capsys):
    """A strict build stops on them (MkDocs checks every link), so `check` does too."""
    root = project(tmp_path, VALID / "english-only.yml")
    shutil.copytree(ROOT / "overrides", root / "overrides")  # the anchors of generated pages are the templates'
    text = (
        (VALID / "full-record.yml")
        .read_text(encoding="utf-8")
        .replace(
            "    - Listen to every answer.\n",
            "    - Listen to every answer.\n\n    See [the guide](missing-record.md), ![a chart](images/chart.png),"
            " [the program](../programs/ma-csmhs-coiin.md#cohorts), [below](#top), [the details](#rl-details-title)"
            " and [the cohorts](../programs/ma-csmhs-coiin.md#rl-cohorts).\n",
            1,
        )
    )
    (root / "data" / "resources" / "full-record.yml").write_text(text, encoding="utf-8")
    assert run(root, "check") == 1
    out = capsys.readouterr().out
    assert (
        "description.en: the link 'missing-record.md' leads to no page or file of the site (links are relative "
        "to library/: ../about.md, other-record.md, ../files/x.pdf)" in out
    )
    assert "description.en: the link 'images/chart.png' leads to no page or file of the site" in out
    assert (
        "description.en: the link '../programs/ma-csmhs-coiin.md#cohorts' leads to the anchor #cohorts, which "
        "the page the build makes (programs/ma-csmhs-coiin.md) does not have; link to the page itself, or to one "
        "of its headings"
    ) in out
    assert (
        "description.en: the link '#top' leads to the anchor #top, which the page the build makes "
        "(library/full-record.md) does not have" in out
    )
    assert "rl-details-title" not in out and "rl-cohorts" not in out  # the templates' anchors


@pytest.mark.parametrize(
    "file, text, expected",
    [
        ("data/vocabularies.yml", None, "data/vocabularies.yml:"),
        (
            "data/pillars.yml",
            "pillars:\n  - id: Bad Id\n",
            "data/pillars.yml:2:9: pillars[0].id: 'Bad Id' is not a valid pillar id: use lowercase",
        ),
        ("data/programs/ma-csmhs-coiin.yml", None, "data/programs/ma-csmhs-coiin.yml:"),
        (
            "data/interface.yml",
            "library_title: {en: Resource library}\n",
            "data/interface.yml:1:16: library_title: the French text (`fr:`) is missing",
        ),
    ],
)
def test_check_validates_every_content_file(tmp_path, capsys, file, text, expected):
    root = project(tmp_path, VALID / "english-only.yml")
    target = root / file
    if text is None:  # break the shipped file: an unknown key at the top
        text = target.read_text(encoding="utf-8") + "\nunexpected_key: {en: x}\n"
        if file.endswith("vocabularies.yml"):
            text = target.read_text(encoding="utf-8") + "\nbroken:\n  label: {en: Broken}\n"
    target.write_text(text, encoding="utf-8")
    assert run(root, "check") == 1
    out = capsys.readouterr().out
    assert expected in out, out


def test_check_rejects_script_in_pillars_and_programs(tmp_path, capsys):
    root = project(tmp_path)
    pillars = root / "data" / "pillars.yml"
    pillars.write_text(
        pillars.read_text(encoding="utf-8").replace(
            "description:\n      en: |\n", "description:\n      en: |\n        [x](javascript:alert(1))\n", 1
        ),
        encoding="utf-8",
    )
    assert run(root, "check") == 1
    out = capsys.readouterr().out
    assert re.search(
        r"^data/pillars\.yml:\d+:\d+: pillars\[\d\]\.description\.en: the link target 'javascript:alert\(1' "
        r"is not allowed",
        out,
        re.M,
    ), out


def test_an_empty_file(tmp_path, capsys):
    root = project(tmp_path)
    (root / "data" / "resources" / "empty.yml").write_bytes(b"")
    assert run(root, "check") == 1
    assert (
        "data/resources/empty.yml:1:1: -: the file is empty; a record needs at least id, type, title, summary, "
        "languages and published" in capsys.readouterr().out.splitlines()
    )


def test_a_file_that_is_not_utf8_written_as_bytes(tmp_path, capsys):
    root = project(tmp_path)
    (root / "data" / "resources" / "accents.yml").write_bytes(
        "id: accents\ntype: guide\ntitle: {en: Title, fr: Élèves}\n".encode("cp1252")
    )
    assert run(root, "check") == 1
    assert "data/resources/accents.yml:3:24: -: the file is not UTF-8 text; save it as UTF-8" in capsys.readouterr().out


def test_a_5_mb_file_is_rejected_quickly(tmp_path, capsys):
    root = project(tmp_path)
    line = "  en: " + "x" * 70 + "\n"
    (root / "data" / "resources" / "huge.yml").write_text(
        "id: huge\ndescription:\n" + line * (5 * 1024 * 1024 // len(line)), encoding="utf-8"
    )
    start = time.perf_counter()
    catalogue = load_catalogue(root)
    elapsed = time.perf_counter() - start
    print(f"5 MB record rejected in {elapsed * 1000:.0f} ms")
    assert [str(p) for p in catalogue.errors] == [
        "data/resources/huge.yml:1:1: -: the file is 5.0 MB; a YAML file here must be under 256 KB "
        "(was something pasted into it by mistake?)"
    ]
    assert elapsed < 5  # a hang guard, not a performance measurement


def test_duplicate_id_across_two_files(tmp_path, capsys):
    root = project(tmp_path, VALID / "english-only.yml")
    text = (VALID / "english-only.yml").read_text(encoding="utf-8")
    (root / "data" / "resources" / "another-name.yml").write_text(text, encoding="utf-8")
    assert run(root, "check") == 1
    out = capsys.readouterr().out
    assert (
        "data/resources/english-only.yml:1:5: id: the id 'english-only' is already used by "
        "data/resources/another-name.yml" in out
    )


# --- schema, editors' settings, command line -----------------------------------------


def test_committed_schema_is_up_to_date():
    text, problems = generate(ROOT)
    assert problems == []
    assert (ROOT / SCHEMA_PATH).read_text(encoding="utf-8") == text, (
        f"{SCHEMA_PATH} is stale: run `scripts/library schema` and commit it"
    )


def test_schema_check_detects_a_stale_schema(tmp_path, capsys):
    root = project(tmp_path, full=True)
    assert run(root, "schema", "--check") == 0
    vocabularies = root / "data" / "vocabularies.yml"
    vocabularies.write_text(
        vocabularies.read_text(encoding="utf-8")
        .replace("\ntiers:\n", "\ntiers:\n", 1)
        .replace("  intensive:", "  crisis:\n      label: {en: Crisis, fr: Crise}\n    intensive:", 1),
        encoding="utf-8",
    )
    assert "crisis" in load_catalogue(root).vocabularies["tiers"].terms
    assert run(root, "schema", "--check") == 1
    assert "run `scripts/library schema`" in capsys.readouterr().out
    assert run(root, "check") == 0  # a stale schema is a warning for editors...
    assert "schema/resource.schema.json:1:1: -: warning: the schema is out of date" in capsys.readouterr().out
    assert run(root, "schema") == 0  # ...fixed by one command
    assert run(root, "schema", "--check") == 0
    schema = json.loads((root / SCHEMA_PATH).read_text(encoding="utf-8"))
    assert "crisis" in schema["properties"]["tiers"]["items"]["enum"]


def test_schema_documents_every_field_and_term():
    from jsonschema import Draft7Validator

    schema = json.loads((ROOT / SCHEMA_PATH).read_text(encoding="utf-8"))
    # Draft 7, the newest draft editors' tools (VS Code's YAML extension) fully support.
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    Draft7Validator.check_schema(schema)
    assert set(schema["properties"]) == {spec.name for spec in FIELDS}
    for spec in FIELDS:
        assert schema["properties"][spec.name]["description"] == spec.description
    types = schema["properties"]["type"]
    assert len(types["enum"]) == len(types["markdownEnumDescriptions"])


def test_every_record_points_at_the_schema():
    for file in sorted((ROOT / "data" / "resources").glob("*.yml")):
        assert file.read_text(encoding="utf-8").splitlines()[0] == MODELINE, file.name
    assert (ROOT / "data" / "resources" / MODELINE.split("=", 1)[1]).resolve() == (ROOT / SCHEMA_PATH).resolve()


def test_vscode_associates_records_with_the_schema():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    # Records' entry among the other kinds' (tests/test_schemas.py checks those).
    ((schema, globs),) = [(s, g) for s, g in settings["yaml.schemas"].items() if "resource" in s]
    assert (ROOT / schema).resolve() == (ROOT / SCHEMA_PATH).resolve()
    assert any(Path("data/resources/x.yml").match(glob) for glob in globs)
    extensions = json.loads((ROOT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]


@pytest.mark.parametrize("command", [m.__name__.rsplit(".", 1)[1] for m in COMMANDS])
def test_every_command_has_help(command):
    name = {"validate": "check"}.get(command, command)
    result = script(name, "--help")
    assert result.returncode == 0
    assert result.stdout.startswith(f"usage: scripts/library {name}")


@pytest.mark.parametrize("args", [[], ["nonsense"], ["check", "--format", "xml"], ["new", "--colour"]])
def test_misuse_exits_2(args):
    result = script(*args)
    assert result.returncode == 2, result
    assert "usage:" in result.stderr
    assert "Traceback" not in result.stderr


def test_outside_the_project_is_misuse(tmp_path):
    result = script("check", cwd=tmp_path)
    assert result.returncode == 2
    assert "is not the project root" in result.stderr


# --- the build stops with the same list ---------------------------------------------


def test_mkdocs_build_lists_the_same_errors_as_check(tmp_path, capsys):
    from sitebuild import fixture_records, make_project, mkdocs

    broken = ("unknown-term", "duplicate-key", "hostile-title", "description-attribute-list", "latin-encoding")
    records = fixture_records("english-only")
    records.update(
        {
            f"{name}.yml": (INVALID / f"{name}.yml").read_text(encoding="utf-8", errors="replace")
            for name in broken
            if name != "latin-encoding"
        }
    )
    project_dir = make_project(tmp_path, records=records)
    (project_dir / "data" / "resources" / "latin-encoding.yml").write_bytes(
        (INVALID / "latin-encoding.yml").read_bytes()
    )
    assert run(project_dir, "check", "--errors-only") == 1
    expected = capsys.readouterr().out.splitlines()
    assert len(expected) >= len(broken)
    result = mkdocs(project_dir, "build", "--strict", "-d", str(tmp_path / "site"))
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    listed = [line.strip() for line in output.splitlines() if re.match(r"^\s*data/", line)]
    assert listed == expected, output
    assert not (tmp_path / "site" / "library").exists()


def test_a_bad_marker_is_reported_on_the_same_line_by_check_and_build(tmp_path, capsys):
    from sitebuild import DEFAULT_DOCS, fixture_records, make_project, mkdocs

    docs = dict(DEFAULT_DOCS)
    docs["fr/about.md"] = (
        '---\ntranslation:\n  source: "0123456789ab"\n  synced: 2026-11-22\n---\n\n'
        "# À propos\n\nQui nous sommes.\n\n<!-- resources tier=universel -->\n"
    )
    project_dir = make_project(tmp_path, records=fixture_records("english-only"), docs=docs)
    assert run(project_dir, "check", "--errors-only") == 1
    expected = capsys.readouterr().out.splitlines()
    assert expected == [
        "docs/fr/about.md:11:1: resources marker: 'universel' is not a term of 'tiers' "
        "(did you mean 'universal'?); allowed: universal, targeted, intensive"
    ]
    result = mkdocs(project_dir, "build", "--strict", "-d", str(tmp_path / "site"))
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert [line.strip() for line in output.splitlines() if line.strip().startswith("docs/")] == expected, output


def test_html_in_an_infographic_drawing_is_refused(tmp_path, capsys):
    root = project(tmp_path, full=True)
    drawing = root / "data" / "infographics" / "tiered-continuum.yml"
    drawing.write_text(
        drawing.read_text(encoding="utf-8").replace(
            "label: {en: Universal, fr: Universel}", 'label: {en: "<b>Universal</b>", fr: Universel}', 1
        ),
        encoding="utf-8",
    )
    assert run(root, "check", "--errors-only") == 1
    out = capsys.readouterr().out
    assert re.search(
        r"^data/infographics/tiered-continuum\.yml:\d+:\d+: parts\[0\]\.label\.en: raw HTML is not "
        r"allowed \('<b>'\); write plain text$",
        out,
        re.M,
    ), out
