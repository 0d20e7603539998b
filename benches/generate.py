#!/usr/bin/env python3
"""Generates a large, valid policy for benchmarks, deterministically.

    generate.py --bytes 1000000 > old.yaml
    generate.py --bytes 1000000 --change 0.01 > new.yaml

With --change F, the same policy with about a fraction F of its body words
replaced (same seed, so the two files differ only there).
"""
import argparse
import random

WORDS = (
    "we collect use share keep information personal data your account service services "
    "provide improve secure protect request requests contact law legal purpose purposes "
    "partners providers processing records access delete correct browser device devices "
    "cookies analytics payment billing support email address name location security "
    "retain retention period consent choice choices notice policy section rights right "
    "business customers users visitors website application features communications"
).split()


def paragraph(rng, n):
    words = [rng.choice(WORDS) for _ in range(n)]
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bytes", type=int, default=1_000_000)
    ap.add_argument("--change", type=float, default=0.0)
    args = ap.parse_args()
    rng = random.Random(20261122)
    edit = random.Random(7)
    out = [
        "id: bench",
        "title: Benchmark Privacy Policy",
        "organization:",
        "  name: Benchmark",
        "  legal_name: Benchmark Corp.",
        "dates:",
        "  effective: 2026-01-01",
        "contacts:",
        "  privacy:",
        "    email: privacy@bench.example",
        "    phone: \"+1 800 555 0100\"",
        "    toll_free: true",
        "sections:",
    ]
    size = sum(len(l) + 1 for l in out)
    i = 0
    while size < args.bytes:
        i += 1
        lines = [f"  - id: s{i}", f"    title: Section about {rng.choice(WORDS)} {i}", "    body: |"]
        for p in range(4):
            words = paragraph(rng, 40).split(" ")
            # Edits draw from their own generator, so the text around them
            # is the same in both versions.
            words = [
                edit.choice(WORDS) if edit.random() < args.change else w
                for w in words
            ]
            lines.append("      " + " ".join(words))
            lines.append("")
        if i > 1:
            lines.append(f"      See {{{{ ref(id=\"s{i - 1}\") }}}}.")
        if i == 1:
            lines.append("      {{ contact(id=\"privacy\") }}")
        out.extend(lines)
        size += sum(len(l) + 1 for l in lines)
    print("\n".join(out))


if __name__ == "__main__":
    main()
