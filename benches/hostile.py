#!/usr/bin/env python3
"""Writes the hostile inputs of tests/hardening.rs into a folder, for timing.

    hostile.py DIR

The tests only check that policyc refuses these (under a one-minute guard
against hangs); benches/run.sh times how long the refusal takes. Each file is
built the way its test builds it; the alias bomb is the fixture
tests/fixtures/errors/alias-bomb.yaml, copied as it is.
"""
import os
import shutil
import sys

HEAD = "id: x\ntitle: X\norganization: {name: X}\ndates: {effective: 2025-01-01}\n"


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    files = {}
    # YAML aliases that expand to 10^9 sections (tests/errors.rs).
    shutil.copy(os.path.join(root, "tests/fixtures/errors/alias-bomb.yaml"), os.path.join(out, "alias-bomb.yaml"))
    # Loops and a 100,000-number range in templates (tests/errors.rs).
    shutil.copy(os.path.join(root, "tests/fixtures/errors/template-loop.yaml"), os.path.join(out, "template-loop.yaml"))
    # deep_nesting_is_refused: sections 200 deep, and 5,000 nested flow lists.
    text = HEAD + "sections:\n"
    for depth in range(200):
        pad = "  " * (depth * 2)
        text += f"{pad}- id: s{depth}\n{pad}  title: T\n{pad}  sections:\n"
    files["deep.yaml"] = text
    files["flow.yaml"] = HEAD + "vars: " + "[" * 5000 + "]" * 5000 + "\n"
    # a_runaway_text_expansion_is_stopped: 3,000 contact blocks of 1.5 KB in one text.
    files["runaway.yaml"] = (HEAD + "contacts:\n  c:\n    name: " + "N" * 1500 + "\n    email: a@b.example\n"
                             + 'lead: "' + "{{ contact(id='c') }}" * 3000 + '"\n')
    # templates_that_would_grow_without_bound_are_refused
    doubling = "{% set x = x ~ x %}" * 40
    replaces = "| replace(from='a', to='aaaaaaaaaa') " * 30
    for name, lead in [("set.yaml", "{% set x = 'a' %}" + doubling + "{{ x }}"),
                       ("replace.yaml", "{{ 'a' " + replaces + " }}"),
                       ("join.yaml", "{{ x ~ x ~ x }}")]:
        # Rust's {:?} of these strings is a JSON-compatible double-quoted string.
        files[name] = HEAD + 'lead: "' + lead.replace("\\", "\\\\").replace('"', '\\"') + '"\n'
    # a_large_value_used_in_every_section_is_stopped_in_all: 3.9 MB used in 200 sections.
    text = HEAD + 'vars:\n  big: "' + "x" * 3_900_000 + '"\nsections:\n'
    for i in range(200):
        text += f'  - {{id: s{i}, title: S, body: "{{{{ vars.big }}}}"}}\n'
    files["wide.yaml"] = text
    for name, text in files.items():
        with open(os.path.join(out, name), "w") as f:
            f.write(text)
    # huge_files_are_refused_once_the_limit_is_read: 17 MiB (sparse).
    with open(os.path.join(out, "huge.yaml"), "wb") as f:
        f.truncate(17 * 1024 * 1024)


if __name__ == "__main__":
    main()
