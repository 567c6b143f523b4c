#!/usr/bin/env python3
"""Check that the JSON Schemas in schemas/ agree with heatsync itself.

Usage: check-schemas.py HEATSYNC_BINARY [--no-git] [--keep] [--jobs N] [-v]

1. Every YAML document of every manifest under examples/projects/ must be valid
   against the schema for its place (project.yaml: Project; vms/**: VirtualMachine).
2. Every case in Tests/Fixtures/schema-corpus/{good,bad}/{project,vm}/*.yaml (one
   document each) must get the verdict of its folder from BOTH
   - the schema (schemas/project.schema.json or schemas/virtualmachine.schema.json), and
   - heatsync: the case is put into a temporary heatsync repository (a copy of
     examples/templates and a fixed projects/corpus/project.yaml; a vm case goes to
     projects/corpus/vms/case.yaml, a project case replaces projects/corpus/project.yaml)
     and `HEATSYNC_BINARY validate --json <repo>` is run. heatsync accepts the case
     when its JSON output holds no diagnostic with severity "error"; for a bad case at
     least one error must be reported in the case's own file.

Prints one line per mismatch and ends with `schemas: N passed, M failed`; exits 1
when anything failed, 2 on a usage or setup error (e.g. the binary is missing).
Needs python3 with `jsonschema` (draft 2020-12 support, >= 4.0) and `pyyaml`.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SCHEMA_DIR = REPO / "schemas"
EXAMPLES = REPO / "examples"
CORPUS = REPO / "Tests" / "Fixtures" / "schema-corpus"
SCHEMA_FILES = {"Project": "project.schema.json", "VirtualMachine": "virtualmachine.schema.json"}
CORPUS_KINDS = {"project": "Project", "vm": "VirtualMachine"}
MODELINE = "# yaml-language-server: $schema="
VALIDATE_TIMEOUT = 120  # seconds per heatsync run

FIXED_PROJECT = """\
apiVersion: heatsync/v1
kind: Project
metadata:
  name: corpus
spec:
  networkProfiles:
    default: {network: private, subnet: private-subnet, floatingNetwork: public}
"""


def die(message: str) -> None:
    print(f"check-schemas: {message}", file=sys.stderr)
    sys.exit(2)


try:
    import yaml
except ImportError:  # pragma: no cover - depends on the environment
    die("python module 'yaml' is missing: pip install pyyaml")
try:
    import jsonschema
    from jsonschema import Draft202012Validator
except ImportError:  # pragma: no cover
    die("python module 'jsonschema' (>= 4.0, draft 2020-12) is missing: pip install jsonschema")


# ---------------------------------------------------------------------------
# YAML loading, the way editors (yaml-language-server) and heatsync read manifests:
# YAML 1.2 core-schema scalars (only true/false are booleans, so `on`, `yes` and
# `2024-01-01` are strings; no `<<` merge keys), mapping keys taken as the strings
# they are written as, and a key given twice in one mapping is an error.

class Core12Resolver(yaml.resolver.BaseResolver):
    pass


Core12Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
Core12Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), list("-+0123456789"))
Core12Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
               r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"), list("-+0123456789."))
Core12Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])


class Core12Constructor(yaml.constructor.SafeConstructor):
    def construct_mapping(self, node, deep=False):
        if not isinstance(node, yaml.MappingNode):
            raise yaml.constructor.ConstructorError(
                None, None, f"expected a mapping node, but found {node.id}", node.start_mark)
        mapping = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping", node.start_mark,
                    "found a mapping key that is not a scalar", key_node.start_mark)
            key = key_node.value  # JSON Schema (and editors) see every key as a string
            if key in mapping:
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping", node.start_mark,
                    f"found duplicate key {key!r}", key_node.start_mark)
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping

    def construct_core_int(self, node):
        text = self.construct_scalar(node)
        if text.startswith("0o"):
            return int(text[2:], 8)
        if text.startswith("0x"):
            return int(text[2:], 16)
        return int(text, 10)

    def construct_core_float(self, node):
        text = self.construct_scalar(node).lower()
        if text.endswith(".inf"):
            return float("-inf") if text.startswith("-") else float("inf")
        if text == ".nan":
            return float("nan")
        return float(text)


Core12Constructor.add_constructor("tag:yaml.org,2002:int", Core12Constructor.construct_core_int)
Core12Constructor.add_constructor("tag:yaml.org,2002:float", Core12Constructor.construct_core_float)

if hasattr(yaml, "CParser"):
    class StrictLoader(yaml.CParser, Core12Constructor, Core12Resolver):  # libyaml, like heatsync
        def __init__(self, stream):
            yaml.CParser.__init__(self, stream)
            Core12Constructor.__init__(self)
            Core12Resolver.__init__(self)
else:  # pragma: no cover - PyYAML built without libyaml
    class StrictLoader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser,
                       yaml.composer.Composer, Core12Constructor, Core12Resolver):
        def __init__(self, stream):
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            Core12Constructor.__init__(self)
            Core12Resolver.__init__(self)


def load_documents(path: Path) -> list:
    """All documents of a file; raises ValueError with a readable message."""
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise ValueError(f"not UTF-8: {error}") from None
    try:
        for node in yaml.compose_all(text, Loader=StrictLoader):
            if node is not None and expanded_size(node, {}) > MAX_EXPANDED_NODES:
                raise ValueError(f"aliases expand to more than {MAX_EXPANDED_NODES} nodes (alias bomb)")
        return list(yaml.load_all(text, Loader=StrictLoader))
    except yaml.YAMLError as error:
        raise ValueError("YAML error: " + " ".join(str(error).split())) from None


MAX_EXPANDED_NODES = 100_000


def expanded_size(node, memo: dict) -> int:
    """Nodes the document has once every alias is expanded (shared nodes counted once each use)."""
    key = id(node)
    if key in memo:
        return memo[key]
    memo[key] = 1  # guards against recursive structures
    size = 1
    if isinstance(node, yaml.SequenceNode):
        size += sum(expanded_size(child, memo) for child in node.value)
    elif isinstance(node, yaml.MappingNode):
        size += sum(expanded_size(k, memo) + expanded_size(v, memo) for k, v in node.value)
    memo[key] = min(size, MAX_EXPANDED_NODES + 1)
    return memo[key]


def non_string_key(value, where="") -> str | None:
    """JSON (and so JSON Schema) has only string keys (the loader already makes them strings)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                return f"{where or '/'}: mapping key {key!r} is not a string"
            found = non_string_key(item, f"{where}/{key}")
            if found:
                return found
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found = non_string_key(item, f"{where}/{index}")
            if found:
                return found
    return None


# ---------------------------------------------------------------------------
# Schemas

def load_validators() -> dict:
    validators = {}
    for kind, name in SCHEMA_FILES.items():
        path = SCHEMA_DIR / name
        try:
            schema = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            die(f"cannot read {path.relative_to(REPO)}: {error}")
        try:
            Draft202012Validator.check_schema(schema)
        except jsonschema.exceptions.SchemaError as error:
            die(f"{path.relative_to(REPO)} is not a valid draft 2020-12 schema: {error.message}")
        validators[kind] = Draft202012Validator(schema)
    return validators


def schema_problems(validator, document) -> list[str]:
    """Readable schema violations of one document ([] when valid)."""
    bad_key = non_string_key(document)
    if bad_key:
        return [bad_key]
    try:
        errors = sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))
    except Exception as error:  # defensive: never let one odd document stop the run
        return [f"schema evaluation failed: {error!r}"]
    problems = []
    for error in errors:
        where = "/" + "/".join(str(p) for p in error.absolute_path)
        problems.append(f"{where}: {error.message}")
    return problems


def modeline_problem(path: Path, kind: str) -> str | None:
    """If the file names its schema in a yaml-language-server modeline, it must be the right one."""
    try:
        first = path.read_bytes().split(b"\n", 1)[0].decode("utf-8", "replace").strip()
    except OSError:
        return None
    if not first.startswith(MODELINE):
        return None
    target = (path.parent / first[len(MODELINE):].strip()).resolve()
    expected = (SCHEMA_DIR / SCHEMA_FILES[kind]).resolve()
    if target != expected:
        return f"modeline points at {os.path.relpath(target, REPO)}, expected {expected.relative_to(REPO)}"
    return None


def rel(path: Path) -> str:
    try:
        return str(path.relative_to(REPO))
    except ValueError:
        return str(path)


# ---------------------------------------------------------------------------
# Part 1: examples

def kind_for_example(path: Path, projects: Path) -> str | None:
    parts = path.relative_to(projects).parts
    if len(parts) == 2 and parts[1] == "project.yaml":
        return "Project"
    if len(parts) >= 3 and parts[1] == "vms":
        return "VirtualMachine"
    return None


def check_examples(validators) -> tuple[int, list[str]]:
    projects = EXAMPLES / "projects"
    passed, failures = 0, []
    files = sorted(p for p in projects.rglob("*") if p.is_file() and p.suffix in (".yaml", ".yml"))
    if not files:
        return 0, [f"{rel(projects)}: no manifests found"]
    for path in files:
        kind = kind_for_example(path, projects)
        if kind is None:
            failures.append(f"{rel(path)}: heatsync would ignore this file (not project.yaml, not under vms/)")
            continue
        problem = modeline_problem(path, kind)
        if problem:
            failures.append(f"{rel(path)}: {problem}")
            continue
        try:
            documents = load_documents(path)
        except ValueError as error:
            failures.append(f"{rel(path)}: {error}")
            continue
        if not documents or (kind == "Project" and len(documents) != 1):
            failures.append(f"{rel(path)}: expected {'exactly one document' if kind == 'Project' else 'documents'}, found {len(documents)}")
            continue
        for index, document in enumerate(documents, 1):
            problems = schema_problems(validators[kind], document)
            if problems:
                failures.append(f"{rel(path)} (document {index}): schema rejects a valid example: {problems[0]}"
                                + (f" (+{len(problems) - 1} more)" if len(problems) > 1 else ""))
            else:
                passed += 1
    return passed, failures


# ---------------------------------------------------------------------------
# Part 2: corpus

@dataclass
class Case:
    path: Path
    verdict: str  # "good" | "bad"
    kind: str  # "Project" | "VirtualMachine"
    label: str = ""
    failures: list[str] = field(default_factory=list)

    @property
    def expect_valid(self) -> bool:
        return self.verdict == "good"

    @property
    def repo_path(self) -> str:
        """Where the case sits inside the temporary heatsync repository."""
        return "projects/corpus/project.yaml" if self.kind == "Project" else "projects/corpus/vms/case.yaml"


def collect_cases() -> tuple[list[Case], list[str]]:
    cases, problems = [], []
    for verdict in ("good", "bad"):
        for folder, kind in CORPUS_KINDS.items():
            directory = CORPUS / verdict / folder
            files = sorted(directory.glob("*.yaml")) + sorted(directory.glob("*.yml"))
            if not files:
                problems.append(f"{rel(directory)}: no cases found")
            for path in files:
                cases.append(Case(path, verdict, kind, label=f"{verdict}-{folder}-{path.stem}"))
    return cases, problems


def schema_check(case: Case, validators) -> None:
    try:
        documents = load_documents(case.path)
    except ValueError as error:
        if case.expect_valid:
            case.failures.append(f"{rel(case.path)}: good case does not load: {error}")
        return  # a bad case that does not even load is rejected by any schema
    if len(documents) != 1:
        case.failures.append(f"{rel(case.path)}: a corpus case must hold exactly one document, found {len(documents)}")
        return
    problems = schema_problems(validators[case.kind], documents[0])
    if case.expect_valid and problems:
        case.failures.append(f"{rel(case.path)}: schema rejects a good case: {problems[0]}")
    elif not case.expect_valid and not problems:
        case.failures.append(f"{rel(case.path)}: schema accepts a bad case")
    problem = modeline_problem(case.path, case.kind)
    if problem:
        case.failures.append(f"{rel(case.path)}: {problem}")


def make_repo(directory: Path, case: Case | None, use_git: bool) -> None:
    shutil.copytree(EXAMPLES / "templates", directory / "templates")
    project_dir = directory / "projects" / "corpus"
    project_dir.mkdir(parents=True)
    if case is not None and case.kind == "Project":
        shutil.copyfile(case.path, project_dir / "project.yaml")
    else:
        (project_dir / "project.yaml").write_text(FIXED_PROJECT, encoding="utf-8")
    if case is not None and case.kind == "VirtualMachine":
        (project_dir / "vms").mkdir()
        shutil.copyfile(case.path, project_dir / "vms" / "case.yaml")
    if use_git:
        git = ["git", "-c", "user.name=check-schemas", "-c", "user.email=check-schemas@heatsync.invalid",
               "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"]
        for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "schema corpus case"]):
            subprocess.run(git + args, cwd=directory, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def parse_json_output(stdout: str):
    """The JSON object heatsync printed; tolerates log lines around it."""
    text = stdout.strip()
    try:
        return json.loads(text)
    except ValueError:
        pass
    start, end = text.find("{"), text.rfind("}")
    if start != -1 and end > start:
        try:
            return json.loads(text[start:end + 1])
        except ValueError:
            pass
    raise ValueError("stdout is not JSON")


def tail(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else "…" + text[-limit:]


def run_heatsync(binary: str, directory: Path) -> tuple[list[dict] | None, str | None]:
    """(error diagnostics, None) or (None, what went wrong)."""
    environment = dict(os.environ, NO_COLOR="1", TERM="dumb")
    command = [binary, "validate", "--json", str(directory)]
    try:
        result = subprocess.run(command, cwd=directory, env=environment, stdin=subprocess.DEVNULL,
                                capture_output=True, text=True, errors="replace", timeout=VALIDATE_TIMEOUT)
    except subprocess.TimeoutExpired:
        return None, f"`heatsync validate --json` did not finish within {VALIDATE_TIMEOUT} s"
    except OSError as error:
        return None, f"cannot run {binary}: {error}"
    if result.returncode < 0:
        return None, f"heatsync died with signal {-result.returncode}; stderr: {tail(result.stderr)}"
    try:
        output = parse_json_output(result.stdout)
    except ValueError:
        return None, (f"heatsync printed no JSON (exit {result.returncode}); stdout: {tail(result.stdout) or '(empty)'}; "
                      f"stderr: {tail(result.stderr) or '(empty)'}")
    if not isinstance(output, dict) or not isinstance(output.get("diagnostics"), list):
        return None, f"heatsync JSON has no \"diagnostics\" list (exit {result.returncode}): {tail(result.stdout)}"
    diagnostics = [d for d in output["diagnostics"] if isinstance(d, dict)]
    # A diagnostic without a severity is counted as an error: better a false alarm than a hidden one.
    errors = [d for d in diagnostics if str(d.get("severity", "error")).lower() == "error"]
    valid = output.get("valid")
    if isinstance(valid, bool) and valid != (not errors):
        return None, f"heatsync JSON says valid={str(valid).lower()} but holds {len(errors)} error diagnostic(s)"
    return errors, None


def describe(diagnostic: dict) -> str:
    position = ":".join(str(diagnostic.get(k)) for k in ("file", "line", "column") if diagnostic.get(k) is not None)
    return f"{position or '?'} {diagnostic.get('code', '?')}: {diagnostic.get('message', '')}".strip()


def summarize(errors: list[dict], limit: int = 3) -> str:
    text = "; ".join(describe(e) for e in errors[:limit])
    return text + (f" (+{len(errors) - limit} more)" if len(errors) > limit else "")


def in_file(diagnostic: dict, repo_path: str) -> bool:
    name = diagnostic.get("file")
    if not isinstance(name, str) or not name:
        return True  # no file given: cannot tell, so do not blame another file
    return name.replace("\\", "/").endswith(repo_path)


def heatsync_check(case: Case, binary: str, workdir: Path, use_git: bool) -> None:
    directory = workdir / case.label
    try:
        make_repo(directory, case, use_git)
    except (OSError, subprocess.CalledProcessError) as error:
        case.failures.append(f"{rel(case.path)}: cannot build the temporary repository: {error}")
        return
    errors, problem = run_heatsync(binary, directory)
    if problem:
        case.failures.append(f"{rel(case.path)}: {problem}")
    elif case.expect_valid and errors:
        case.failures.append(f"{rel(case.path)}: heatsync rejects a good case: {summarize(errors)}")
    elif not case.expect_valid:
        own = [e for e in errors if in_file(e, case.repo_path)]
        if not errors:
            case.failures.append(f"{rel(case.path)}: heatsync accepts a bad case")
        elif not own:
            case.failures.append(f"{rel(case.path)}: heatsync reports errors only in other files: {summarize(errors)}")


def resolve_binary(argument: str) -> str:
    if os.sep in argument or (os.altsep and os.altsep in argument) or Path(argument).exists():
        path = Path(argument).expanduser()
    else:
        found = shutil.which(argument)
        path = Path(found) if found else Path(argument)
    if not path.exists():
        die(f"heatsync binary not found: {argument} (build it first, e.g. `swift build`, "
            f"and pass the path of the built executable, e.g. .build/debug/heatsync)")
    if path.is_dir():
        die(f"{argument} is a directory, not the heatsync executable")
    if not os.access(path, os.X_OK):
        die(f"{argument} is not executable")
    return str(path.resolve())


# ---------------------------------------------------------------------------

def main() -> int:
    parser = argparse.ArgumentParser(description="Check that schemas/ and heatsync agree on the examples and the schema corpus.")
    parser.add_argument("heatsync", metavar="HEATSYNC_BINARY", help="path of the heatsync executable")
    parser.add_argument("--no-git", action="store_true", help="do not make the temporary repositories git repositories")
    parser.add_argument("--keep", action="store_true", help="keep the temporary repositories and print where they are")
    parser.add_argument("--jobs", type=int, default=min(4, os.cpu_count() or 1), help="heatsync runs in parallel")
    parser.add_argument("-v", "--verbose", action="store_true", help="also list the cases that passed")
    args = parser.parse_args()

    binary = resolve_binary(args.heatsync)
    use_git = not args.no_git and shutil.which("git") is not None
    validators = load_validators()

    passed, failed = 0, 0

    example_passed, example_failures = check_examples(validators)
    passed += example_passed
    failed += len(example_failures)
    for line in example_failures:
        print(f"FAIL {line}")
    if args.verbose:
        print(f"ok   examples: {example_passed} document(s) valid")

    cases, problems = collect_cases()
    failed += len(problems)
    for line in problems:
        print(f"FAIL {line}")

    workdir = Path(tempfile.mkdtemp(prefix="heatsync-schema-check-"))
    try:
        # Baseline: the fixed repository alone must be valid, or every good case would fail for it.
        baseline = workdir / "baseline"
        try:
            make_repo(baseline, None, use_git)
            errors, problem = run_heatsync(binary, baseline)
        except (OSError, subprocess.CalledProcessError) as error:
            errors, problem = None, f"cannot build the temporary repository: {error}"
        if problem or errors:
            failed += 1
            print(f"FAIL baseline repository (templates + fixed projects/corpus/project.yaml): "
                  f"{problem or 'heatsync rejects it: ' + summarize(errors)}")
        else:
            passed += 1

        for case in cases:
            schema_check(case, validators)
        with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            list(pool.map(lambda c: heatsync_check(c, binary, workdir, use_git), cases))
        for case in cases:
            if case.failures:
                failed += 1
                for line in case.failures:
                    print(f"FAIL {line}")
            else:
                passed += 1
                if args.verbose:
                    print(f"ok   {rel(case.path)}")
    finally:
        if args.keep:
            print(f"temporary repositories kept in {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)

    print(f"schemas: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
