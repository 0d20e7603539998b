#!/usr/bin/env bash
# Benchmarks policyc against its peers on a generated ~1 MB policy, in one run.
# Needs hyperfine (Debian: apt-get install hyperfine) and git.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=$PWD/target/release/policyc
work=target/bench
mkdir -p "$work"
python3 benches/generate.py --bytes 1000000 > "$work/old.yaml"
python3 benches/generate.py --bytes 1000000 --change 0.01 > "$work/new.yaml"
"$bin" render "$work/old.yaml" --format md > "$work/old.md"
"$bin" render "$work/new.yaml" --format md > "$work/new.md"
cd "$work"
echo "== diff: two ~1 MB versions, ~1% of words changed"
# git exits 1 when the files differ: -i keeps hyperfine going.
hyperfine -N -i --warmup 3 --runs 20 \
  "$bin diff old.yaml new.yaml --format json" \
  "$bin diff old.yaml new.yaml --format text" \
  "git diff --no-index --word-diff old.md new.md"
for cmd in "$bin diff old.yaml new.yaml --format json" "git diff --no-index --word-diff old.md new.md"; do
  /usr/bin/time -f "peak memory %M KB: $cmd" $cmd > /dev/null || true
done
