#!/usr/bin/env bash
# Benchmarks policyc against its peers on a generated ~1 MB policy, in one run:
#   compile: policyc (all three formats) vs the pulldown-cmark command line on
#            policyc's own Markdown (HTML only: the floor) vs pandoc, then
#            policyc and the floor in alternating rounds (benches/ratio.py);
#   diff:    policyc diff vs git diff --no-index --word-diff on the rendered Markdown;
#   stages:  where one compile's time goes (benches/phases.rs).
# Needs hyperfine and pandoc (Debian: apt-get install hyperfine pandoc) and
# pulldown-cmark's command line (cargo install pulldown-cmark).
set -euo pipefail
cd "$(dirname "$0")/.."
# The `dist` profile (Cargo.toml): the release build with whole-program optimisation.
cargo build --profile dist --quiet
bin=$PWD/target/dist/policyc
work=target/bench
mkdir -p "$work"
python3 benches/generate.py --bytes 1000000 > "$work/old.yaml"
python3 benches/generate.py --bytes 1000000 --change 0.01 > "$work/new.yaml"
"$bin" render "$work/old.yaml" --format md > "$work/old.md"
"$bin" render "$work/new.yaml" --format md > "$work/new.md"
echo "== stages: one compile, each stage timed alone (warm, in one process)"
cargo bench --quiet --bench phases -- "$work/old.yaml"
cd "$work"
ls -l old.yaml old.md

echo "== compile: one ~1 MB policy"
hyperfine -N --warmup 3 --runs 20 \
  "$bin build old.yaml --out out" \
  "$bin render old.yaml --format html" \
  "pulldown-cmark old.md" \
  --export-markdown compile.md
hyperfine -N --warmup 1 --runs 5 "pandoc -f gfm -t html old.md" --export-markdown pandoc.md
echo "== compile / floor, in alternating rounds (the target's ratio, fair to both under drift)"
python3 ../../benches/ratio.py 15 "$bin build old.yaml --out out" "pulldown-cmark old.md"

echo "== diff: two ~1 MB versions, ~1% of words changed"
# git exits 1 when the files differ: -i keeps hyperfine going.
hyperfine -N -i --warmup 3 --runs 20 \
  "$bin diff old.yaml new.yaml --format json" \
  "$bin diff old.yaml new.yaml --format text" \
  "git diff --no-index --word-diff old.md new.md" \
  --export-markdown diff.md

echo "== peak memory"
for cmd in "$bin build old.yaml --out out" "pulldown-cmark old.md" "pandoc -f gfm -t html old.md" \
           "$bin diff old.yaml new.yaml --format json" "git diff --no-index --word-diff old.md new.md"; do
  /usr/bin/time -f "%M KB  $cmd" $cmd > /dev/null || true
done
