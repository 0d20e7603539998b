#!/usr/bin/env python3
"""Validates YAML files against policy.schema.json the way an editor plugin would.

    validate_schema.py SCHEMA FILE...

Prints one line per file: "ok FILE" or "invalid FILE: MESSAGE". Exits 3 when
jsonschema or PyYAML is missing, so the test can say it was skipped.
"""
import json
import sys

try:
    import jsonschema
    import yaml
except ImportError as e:
    print(f"missing Python package: {e.name}", file=sys.stderr)
    sys.exit(3)


class Loader(yaml.SafeLoader):
    """YAML as policyc reads it: dates stay strings."""


Loader.yaml_implicit_resolvers = {
    k: [r for r in v if r[0] != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

schema = json.load(open(sys.argv[1]))
validator = jsonschema.Draft7Validator(schema)
for path in sys.argv[2:]:
    data = yaml.load(open(path), Loader=Loader)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
    if errors:
        print(f"invalid {path}: {errors[0].message}")
    else:
        print(f"ok {path}")
