#!/usr/bin/env bash
# Times policyc on the inputs users have (issue 18), next to its peers, in one run:
#   (a) repository: `policyc build` of 200 generated policies of 10 to 60 KB
#       (benches/repo.py) vs the pulldown-cmark command line rendering all 200
#       Markdown outputs, concatenated into one file, to HTML in one process;
#   (b) one 50 KB policy: `policyc build` (all three formats) vs pulldown-cmark
#       on that policy's Markdown output, process start included; also a real
#       ~50 KB version of TikTok's privacy policy;
#   (c) history: `policyc history policy.yaml --git` over the 64 recorded
#       versions of TikTok's privacy policy (37 to 64 KB of Markdown) from
#       OpenTermsArchive/pga-versions, converted by benches/history.py;
#   (d) the ~1 MB synthetic policy (benches/generate.py): stages, compile next
#       to the floor (and pandoc, if installed), diff next to git's word diff,
#       peak memory;
#   hostile inputs: the files tests/hardening.rs and tests/errors.rs refuse
#       (benches/hostile.py), how long the refusal takes.
# Every ratio comes from benches/ratio.py (alternating rounds, fair under drift);
# hyperfine's own tables are printed too.
#
#   benches/run.sh                 # everything
#   benches/run.sh a b             # only some parts: a b c d hostile
#   ROUNDS=9 benches/run.sh a      # fewer ratio.py rounds (default 15)
#
# Needs hyperfine (Debian: apt-get install hyperfine) and pulldown-cmark's
# command line (installed here with `cargo install pulldown-cmark --locked` if
# missing); pandoc is optional. (c) needs OpenTermsArchive/pga-versions: set
# PGA_VERSIONS to a clone (bare or not); without it, a partial clone is made
# in target/bench/pga-versions.git.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
parts=${*:-a b c d hostile}
rounds=${ROUNDS:-15}
want() { [[ " $parts " == *" $1 "* ]]; }

command -v hyperfine > /dev/null || { echo "hyperfine is missing: apt-get install hyperfine" >&2; exit 1; }
command -v pulldown-cmark > /dev/null || cargo install pulldown-cmark --locked
# The `dist` profile (Cargo.toml): the release build with whole-program optimisation.
work=$root/target/bench
mkdir -p "$work"
# A command's output only when it fails.
quiet() { "$@" > "$work/quiet.log" 2>&1 || { cat "$work/quiet.log"; return 1; }; }
cargo build --profile dist --quiet
# The stages bench (benches/phases.rs, the bench profile), built before anything is timed.
if want b || want d; then quiet cargo bench --bench phases --no-run; fi
bin=$root/target/dist/policyc
ratio() { python3 "$root/benches/ratio.py" "$rounds" "$@"; }

# What else runs: figures taken beside a build or a fuzzer are slower and noisier.
state() {
  local busy
  busy=$(ps -eo pid=,args= | awk '$2 ~ /fuzz|cargo|rustc/ {print $1, $2}' | head -5 | tr '\n' ';')
  echo "-- machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%H:%M:%S) UTC; other work: ${busy:-none}"
}
if [[ "$(git rev-parse --show-toplevel 2> /dev/null)" == "$root" ]]; then
  echo "== policyc $(git log -1 --format='%h %cd' --date=short)$(git diff --quiet -- src || echo ', src/ modified in the work tree')"
else
  echo "== policyc in $root (not a git checkout)"
fi
state

if want a; then
  echo
  echo "== (a) a repository of 200 policies of 10 to 60 KB"
  rm -rf "$work/repo"
  python3 benches/repo.py "$work/repo" --count 200 --min-kb 10 --max-kb 60
  cd "$work/repo"
  echo "$(ls policies/[!_]*.yaml | wc -l) policies, $(cat policies/[!_]*.yaml | wc -c) bytes of YAML;" \
       "$(grep -l '^ccpa:' policies/*.yaml | wc -l) with a CCPA block, $(grep -l '^include:' policies/*.yaml | wc -l) including a shared fragment"
  quiet "$bin" build policies --out dist
  cat dist/*.md > all.md
  echo "Markdown outputs, concatenated: $(wc -c < all.md) bytes"
  state
  hyperfine -N --warmup 2 --runs 15 \
    "$bin build policies --out dist" \
    "pulldown-cmark all.md" \
    --export-markdown "$work/repo.md"
  echo "-- build / floor, in alternating rounds (the target: at most 3x)"
  ratio "$bin build policies --out dist" "pulldown-cmark all.md"
  echo "-- a first build, writing (and syncing) all 600 outputs"
  hyperfine -N --runs 5 --prepare "rm -rf fresh" "$bin build policies --out fresh"
  cd "$root"
fi

if want b; then
  echo
  echo "== (b) one 50 KB policy, all three formats"
  [[ -d "$work/repo" ]] || python3 benches/repo.py "$work/repo" --count 200 --min-kb 10 --max-kb 60
  mkdir -p "$work/one"
  # The generated US policy nearest 50 KB with a CCPA block (and California
  # supplement) and its facts in the file itself (the stages bench reads no fragments).
  pick=$(for f in $(grep -l '^ccpa:' "$work"/repo/policies/us-privacy-*.yaml | xargs grep -L '^include:'); do
           s=$(wc -c < "$f"); echo "$(( s > 51200 ? s - 51200 : 51200 - s )) $f"; done | sort -n | head -1 | cut -d' ' -f2)
  cp "$pick" "$work/one/policy.yaml"
  cd "$work/one"
  "$bin" render policy.yaml --format md > policy.md
  echo "$(basename "$pick"): $(wc -c < policy.yaml) bytes of YAML, $(wc -c < policy.md) of Markdown"
  quiet "$bin" build policy.yaml --out out
  echo "-- stages: one compile, each stage timed alone (warm, in one process)"
  (cd "$root" && cargo bench --quiet --bench phases -- "$work/one/policy.yaml")
  state
  hyperfine -N --warmup 3 --runs 30 \
    "$bin build policy.yaml --out out" \
    "pulldown-cmark policy.md" \
    --export-markdown "$work/one.md"
  echo "-- build / floor, in alternating rounds (the target: at most 2x)"
  ratio "$bin build policy.yaml --out out" "pulldown-cmark policy.md"
  cd "$root"
fi

history_repo() {
  if [[ ! -d "$work/history" ]]; then
    local versions=${PGA_VERSIONS:-}
    if [[ -z "$versions" ]]; then
      versions=$work/pga-versions.git
      [[ -d "$versions" ]] || git clone --quiet --bare --filter=blob:none \
        https://github.com/OpenTermsArchive/pga-versions "$versions"
    fi
    [[ -d "$versions/.git" ]] && versions=$versions/.git
    python3 benches/history.py repo --git-dir "$versions" --path "TikTok/Privacy Policy.md" \
      --out "$work/history" --check "$bin"
  fi
}

if want b || want c; then
  history_repo
fi

if want b; then
  echo "-- the same with a real policy: the version of TikTok's privacy policy nearest 50 KB (benches/history.py)"
  cd "$work/history"
  rev=$(git log --format=%H | while read -r c; do s=$(git cat-file -s "$c:policy.yaml")
          echo "$(( s > 51200 ? s - 51200 : 51200 - s )) $c"; done | sort -n | head -1 | cut -d' ' -f2)
  mkdir -p "$work/real"
  git show "$rev:policy.yaml" > "$work/real/policy.yaml"
  cd "$work/real"
  "$bin" render policy.yaml --format md > policy.md
  echo "TikTok at ${rev:0:10}: $(wc -c < policy.yaml) bytes of YAML, $(wc -c < policy.md) of Markdown"
  quiet "$bin" build policy.yaml --out out
  (cd "$root" && cargo bench --quiet --bench phases -- "$work/real/policy.yaml")
  ratio "$bin build policy.yaml --out out" "pulldown-cmark policy.md"
  cd "$root"
fi

if want c; then
  echo
  echo "== (c) policyc history --git over $(git -C "$work/history" rev-list --count HEAD) real versions (the target: under 2 s)"
  cd "$work/history"
  state
  hyperfine -N --warmup 1 --runs 10 "$bin history policy.yaml --git" --export-markdown "$work/history.md"
  cd "$root"
fi

if want d; then
  echo
  echo "== (d) the ~1 MB synthetic policy"
  python3 benches/generate.py --bytes 1000000 > "$work/old.yaml"
  python3 benches/generate.py --bytes 1000000 --change 0.01 > "$work/new.yaml"
  "$bin" render "$work/old.yaml" --format md > "$work/old.md"
  "$bin" render "$work/new.yaml" --format md > "$work/new.md"
  echo "-- stages: one compile, each stage timed alone (warm, in one process)"
  cargo bench --quiet --bench phases -- "$work/old.yaml"
  cd "$work"
  quiet "$bin" build old.yaml --out out
  state
  hyperfine -N --warmup 3 --runs 20 \
    "$bin build old.yaml --out out" \
    "$bin render old.yaml --format html" \
    "pulldown-cmark old.md" \
    --export-markdown compile.md
  if command -v pandoc > /dev/null; then
    hyperfine -N --warmup 1 --runs 5 "pandoc -f gfm -t html old.md" --export-markdown pandoc.md
  fi
  echo "-- compile / floor, in alternating rounds"
  ratio "$bin build old.yaml --out out" "pulldown-cmark old.md"
  echo "-- diff: two ~1 MB versions, ~1% of words changed"
  # git exits 1 when the files differ: -i keeps hyperfine going.
  hyperfine -N -i --warmup 1 --runs 10 \
    "$bin diff old.yaml new.yaml --format json" \
    "$bin diff old.yaml new.yaml --format text" \
    "git diff --no-index --word-diff old.md new.md" \
    --export-markdown diff.md
  echo "-- peak memory"
  for cmd in "$bin build old.yaml --out out" "pulldown-cmark old.md" \
             "$bin diff old.yaml new.yaml --format json" "git diff --no-index --word-diff old.md new.md"; do
    /usr/bin/time -f "%M KB  $cmd" -o "$work/memory.txt" $cmd > /dev/null 2>&1 || true
    cat "$work/memory.txt"
  done
  cd "$root"
fi

if want hostile; then
  echo
  echo "== hostile inputs (tests/hardening.rs, tests/errors.rs): how long policyc takes to refuse each"
  python3 benches/hostile.py "$work/hostile"
  cd "$work/hostile"
  state
  # policyc exits 2 on each: -i keeps hyperfine going.
  hyperfine -N -i --warmup 2 --runs 20 \
    "$bin render alias-bomb.yaml --format txt" \
    "$bin render template-loop.yaml --format txt" \
    "$bin render runaway.yaml --format txt" \
    "$bin render set.yaml --format txt" \
    "$bin render replace.yaml --format txt" \
    "$bin render join.yaml --format txt" \
    "$bin render wide.yaml --format txt" \
    "$bin render deep.yaml --format txt" \
    "$bin render flow.yaml --format txt" \
    "$bin render huge.yaml --format txt" \
    --export-markdown "$work/hostile.md"
  cd "$root"
fi
