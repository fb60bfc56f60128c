#!/usr/bin/env bash
# What optional dependencies of a generated crate add to its clean build: a library crate that
# depends on `http` alone against one that also depends on the given crates, in one run. Not part
# of CI.
#
# Usage: scripts/dependency-cost.sh [-n RUNS] 'DEP LINE' ['DEP LINE' ...]
#   -n RUNS  clean builds per crate (default 3)
# Without DEP LINEs it measures the flexible-checksum crates (`checksums.rs`), with the lines the
# generator writes into `Cargo.toml`.
#
# Dependencies are fetched first; each build is `rm -rf target && cargo build --offline` (debug),
# the two crates taking turns so load from elsewhere falls on both. It prints each run, the
# medians, the ratio and the number of crates compiled.
set -euo pipefail

runs=3
while getopts "n:h" opt; do
  case "$opt" in
    n) runs="$OPTARG" ;;
    h) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "usage: $0 [-n RUNS] 'DEP LINE'..." >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
if [ $# -eq 0 ]; then
  set -- \
    'crc32c = { version = "0.6", default-features = false }' \
    'crc32fast = { version = "1.4", default-features = false }' \
    'crc64fast-nvme = { version = "1.2", default-features = false }' \
    'sha1 = { version = "0.10", default-features = false }' \
    'sha2 = { version = "0.10", default-features = false }'
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

make_crate() { # NAME EXTRA-DEPENDENCY-LINES...
  local name="$1"; shift
  mkdir -p "$work/$name/src"
  {
    printf '[package]\nname = "%s"\nversion = "0.1.0"\nedition = "2021"\npublish = false\n\n[dependencies]\nhttp = "1"\n' "$name"
    for line in "$@"; do printf '%s\n' "$line"; done
  } > "$work/$name/Cargo.toml"
  echo 'pub fn touch() -> http::Method { http::Method::GET }' > "$work/$name/src/lib.rs"
  (cd "$work/$name" && cargo generate-lockfile --quiet && cargo fetch --quiet)
}

make_crate base
make_crate with_deps "$@"

declare -A times
for run in $(seq "$runs"); do
  for name in base with_deps; do
    rm -rf "$work/$name/target"
    start=$(date +%s.%N)
    (cd "$work/$name" && cargo build --offline --quiet)
    end=$(date +%s.%N)
    t=$(echo "$end - $start" | bc)
    times[$name]="${times[$name]:-} $t"
    printf '%-10s run %d: %.2f s\n' "$name" "$run" "$t"
  done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
base=$(echo "${times[base]}" | median)
with=$(echo "${times[with_deps]}" | median)
count() { (cd "$work/$1" && rm -rf target && cargo build --offline 2>&1 | grep -c Compiling); }
names=$(for line in "$@"; do printf '%s\n' "${line%% *}"; done | paste -sd, -)
printf '\nmedian clean build: http alone %.2f s (%s crates), with %s %.2f s (%s crates): +%.2f s, %.2fx\n' \
  "$base" "$(count base)" "$names" "$with" "$(count with_deps)" "$(echo "$with - $base" | bc)" "$(echo "$with / $base" | bc -l)"
