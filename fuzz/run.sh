#!/usr/bin/env bash
# Runs the fuzz targets (outside the normal test run).
#   fuzz/run.sh [SECONDS]     each target for SECONDS (default 300)
# Needs cargo-fuzz (cargo install cargo-fuzz). On a stable toolchain it builds
# with RUSTC_BOOTSTRAP=1, since cargo-fuzz asks for nightly-only flags.
# Seeds come from the policies and fixtures in the repository; every crash
# found goes in tests/fuzz_regressions/ as a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
export RUSTC_BOOTSTRAP=1
mkdir -p fuzz/corpus/compile fuzz/corpus/diff fuzz/corpus/markdown fuzz/corpus/mdbook
for f in policies/*.yaml tests/fixtures/*/*.yaml tests/corpus/base.yaml tests/check/base.yaml; do
  cp "$f" "fuzz/corpus/compile/$(echo "$f" | tr / _)"
done
for c in tests/corpus/cases/*/; do
  { cat tests/corpus/base.yaml; printf '\0'; cat "$c/new.yaml"; } > "fuzz/corpus/diff/$(basename "$c")"
done
cp tests/fixtures/xss/*.yaml fuzz/corpus/markdown/ 2>/dev/null || true
cp guide/*.md fuzz/corpus/mdbook/
for target in compile diff markdown mdbook; do
  cargo fuzz run --sanitizer none "$target" "fuzz/corpus/$target" -- \
    -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048
done
