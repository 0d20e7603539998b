#!/usr/bin/env python3
"""A real policy's history as a git repository of policyc sources, for `policyc history --git`.

    history.py convert POLICY.md > policy.yaml
    history.py repo --git-dir VERSIONS.git --path "TikTok/Privacy Policy.md" --out DIR [--check POLICYC]

`convert` turns a privacy policy in Markdown (as Open Terms Archive records
them) into policyc's source format: the text before the first heading is the
`lead`, each heading starts a section (`id` from its title, `title`,
`body: |`), deeper headings nest as subsections, and the organization and
dates are fixed, so that versions differ only where the text does.

`repo` reads every recorded version of PATH from a git repository of such
Markdown files (OpenTermsArchive/pga-versions), oldest first, converts each,
checks it compiles (`POLICYC render`, when --check is given) and commits it as
DIR/policy.yaml in a new repository at DIR, with the version's own date.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys

ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
NOT_PARAGRAPH = re.compile(r"^\s*([-*+]\s|[>|]|\d+[.)]\s|$)")
# Characters YAML does not allow in a document.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff\ufffe\uffff]")


def clean_title(text):
    t = text.strip()
    while True:
        s = re.sub(r"^(\*\*|__|\*|_)(.*)\1$", r"\2", t).strip()
        if s == t:
            return t
        t = s


def untemplate(text):
    """policyc expands every text as a template: keep `{{`, `{%` and `{#` literal."""
    return re.sub(r"\{([{%#])", r"{ \1", text)


def headings(lines):
    """Yields (index of the first line, lines it takes, level, title) for each heading."""
    fence = None
    for i, line in enumerate(lines):
        m = FENCE.match(line)
        if m:
            if fence is None:
                fence = m.group(1)[0]
            elif m.group(1)[0] == fence:
                fence = None
            continue
        if fence:
            continue
        m = ATX.match(line)
        if m and clean_title(m.group(2)):
            yield i, 1, len(m.group(1)), clean_title(m.group(2))
            continue
        m = SETEXT.match(line)
        if (m and i > 0 and not NOT_PARAGRAPH.match(lines[i - 1])
                and (i == 1 or not lines[i - 2].strip()) and clean_title(lines[i - 1])
                and not ATX.match(lines[i - 1])):
            yield i - 1, 2, 1 if m.group(1)[0] == "=" else 2, clean_title(lines[i - 1])


def slug(title, taken):
    base = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:48].strip("-") or "section"
    if not base[0].isalnum():
        base = "s-" + base
    sid, n = base, 1
    while sid in taken:
        n += 1
        sid = f"{base}-{n}"
    taken.add(sid)
    return sid


def block(key, text, indent):
    """`key: |` and the text as a literal block at `indent`, or nothing for no text."""
    text = text.strip("\n")
    if not text.strip():
        return []
    pad = " " * indent
    # A first line that starts with a space needs the indentation said outright.
    head = f"{pad}{key}: |{2 if text[0] == ' ' else ''}"
    return [head] + [pad + "  " + l if l.strip() else "" for l in text.split("\n")]


def convert(markdown, title="Privacy Policy"):
    text = untemplate(CONTROL.sub("", markdown.replace("\r\n", "\n").replace("\r", "\n")))
    text = text.replace("\t", "    ")
    lines = text.split("\n")
    # The page's own title line, if the text starts with it, is the policy's title.
    first = next((i for i, l in enumerate(lines) if l.strip()), None)
    if first is not None and clean_title(lines[first].lstrip("# ")).lower() == title.lower():
        lines[first] = ""
    heads = list(headings(lines))
    if heads:
        # Headings of the page-title level (a lone `#`) count as top-level sections too.
        top = min(h[2] for h in heads)
    root = {"children": [], "level": 0}
    stack = [root]
    taken = set()
    lead_end = heads[0][0] if heads else len(lines)
    for n, (start, taken_lines, level, name) in enumerate(heads):
        end = heads[n + 1][0] if n + 1 < len(heads) else len(lines)
        level = level - top + 1
        while stack[-1]["level"] >= level:
            stack.pop()
        section = {"id": slug(name, taken), "title": name, "level": level,
                   "body": "\n".join(lines[start + taken_lines:end]), "children": []}
        stack[-1]["children"].append(section)
        stack.append(section)
    out = [
        "# yaml-language-server: $schema=../policy.schema.json",
        "id: privacy",
        f"title: {json.dumps(title)}",
        "organization:",
        "  name: TikTok",
        "  legal_name: TikTok Technology Limited",
        "dates:",
        "  effective: 2026-01-01",
    ]
    out += block("lead", "\n".join(lines[:lead_end]), 0)

    def emit(sections, indent):
        pad = " " * indent
        for s in sections:
            out.append(f"{pad}- id: {s['id']}")
            out.append(f"{pad}  title: {json.dumps(s['title'], ensure_ascii=False)}")
            out.extend(block("body", s["body"], indent + 2))
            if s["children"]:
                out.append(f"{pad}  sections:")
                emit(s["children"], indent + 4)

    if root["children"]:
        out.append("sections:")
        emit(root["children"], 2)
    return "\n".join(out) + "\n"


def git(git_dir, *args, **kw):
    return subprocess.run(["git", f"--git-dir={git_dir}", *args], check=True,
                          capture_output=True, **kw).stdout


def repo(args):
    log = git(args.git_dir, "log", "--follow", "--format=%x00%H %aI", "--name-only", "--",
              args.path, text=True)
    versions = []
    for entry in log.split("\x00")[1:]:
        head, *names = [l for l in entry.split("\n") if l.strip()]
        commit, date = head.split(" ")
        versions.append((commit, date, names[0] if names else args.path))
    versions.reverse()
    if args.limit:
        versions = versions[-args.limit:]
    if os.path.exists(args.out):
        shutil.rmtree(args.out)
    os.makedirs(args.out)
    run = lambda *a, env=None: subprocess.run(["git", "-C", args.out, *a], check=True,
                                              capture_output=True, env=env)
    run("init", "-q", "-b", "main")
    run("config", "user.name", "Bench")
    run("config", "user.email", "bench@example.com")
    target = os.path.join(args.out, "policy.yaml")
    sizes = []
    for commit, date, path in versions:
        markdown = git(args.git_dir, "show", f"{commit}:{path}").decode("utf-8", "replace")
        with open(target, "w") as f:
            f.write(convert(markdown))
        sizes.append((len(markdown.encode()), os.path.getsize(target)))
        if args.check:
            done = subprocess.run([args.check, "render", target, "--format", "txt"],
                                  capture_output=True, text=True)
            if done.returncode != 0:
                sys.exit(f"version {commit} of {path} does not compile:\n{done.stderr[:3000]}")
        env = dict(os.environ, GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
        run("add", "policy.yaml")
        run("commit", "-q", "--allow-empty", "-m", f"{path} as recorded in {commit[:10]} ({date[:10]})", env=env)
    md = sorted(s[0] for s in sizes)
    yaml = sorted(s[1] for s in sizes)
    print(f"{len(versions)} versions of {args.path} committed to {args.out}: Markdown "
          f"{md[0]} to {md[-1]} bytes (median {md[len(md) // 2]}), YAML {yaml[0]} to {yaml[-1]} "
          f"bytes (median {yaml[len(yaml) // 2]})")


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("convert")
    c.add_argument("markdown")
    r = sub.add_parser("repo")
    r.add_argument("--git-dir", required=True)
    r.add_argument("--path", required=True)
    r.add_argument("--out", required=True)
    r.add_argument("--check", help="a policyc binary to compile every version with")
    r.add_argument("--limit", type=int, default=0, help="only the newest N versions")
    args = ap.parse_args()
    if args.cmd == "convert":
        with open(args.markdown, encoding="utf-8", errors="replace") as f:
            sys.stdout.write(convert(f.read()))
    else:
        repo(args)


if __name__ == "__main__":
    main()
