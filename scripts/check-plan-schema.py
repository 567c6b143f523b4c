#!/usr/bin/env python3
"""Checks that heatsync's plan JSON matches schemas/plan.schema.json: every golden plan
under Tests/HeatSyncCoreTests/Fixtures/plans/ and a live `heatsync plan --json` of the
examples. Usage: check-plan-schema.py HEATSYNC_BINARY"""
import glob
import json
import os
import subprocess
import sys

import jsonschema

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main() -> int:
    if len(sys.argv) != 2 or not os.access(sys.argv[1], os.X_OK):
        print("usage: check-plan-schema.py HEATSYNC_BINARY (an executable heatsync)", file=sys.stderr)
        return 2
    with open(os.path.join(ROOT, "schemas/plan.schema.json")) as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)

    documents = []
    for path in sorted(glob.glob(os.path.join(ROOT, "Tests/HeatSyncCoreTests/Fixtures/plans/*/plan.json"))):
        with open(path) as f:
            documents.append((os.path.relpath(path, ROOT), json.load(f)))
    live = subprocess.run(
        [sys.argv[1], "plan", os.path.join(ROOT, "examples"), "--observed",
         os.path.join(ROOT, "examples/observed.json"), "--json"],
        capture_output=True, text=True)
    if live.returncode != 2:
        print(f"FAIL heatsync plan examples exited {live.returncode}, expected 2: {live.stderr.strip()}")
        documents.append(("heatsync plan examples --json", None))
    else:
        documents.append(("heatsync plan examples --json", json.loads(live.stdout)))

    passed = failed = 0
    for name, document in documents:
        errors = [] if document is None else list(validator.iter_errors(document))
        if document is None or errors:
            failed += 1
            for error in errors[:5]:
                print(f"FAIL {name}: {'/'.join(map(str, error.absolute_path))}: {error.message}")
        else:
            passed += 1
    print(f"plan-schema: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
