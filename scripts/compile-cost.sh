#!/usr/bin/env bash
# Compile cost of using `UpdateStageInput`: our generated crate (generated/, as a path dependency)
# against aws-sdk-ivsrealtime from crates.io. Not part of CI: it takes several minutes.
#
# Usage: scripts/compile-cost.sh [-n RUNS] [-q LOAD] [-k] [-d DIR]
#   -n RUNS  clean builds per program (default 3)
#   -q LOAD  before each build, wait (up to 10 minutes) until the 1-minute load average is below LOAD
#   -k       keep the temp folder (the two programs, their logs and target dirs)
#   -d DIR   work in DIR instead of a new temp folder (it is created; old contents are replaced)
# Environment:
#   AWS_SDK_VERSION   version requirement for aws-sdk-ivsrealtime (default "1")
#   AWS_SDK_FEATURES  if set, build aws-sdk-ivsrealtime with default-features = false and these
#                     features (comma-separated; "" for none); unset means its default features
#   CARGO_BUILD_ARGS  extra arguments for every `cargo build` (for example "--release")
#
# For each program (a fresh cargo project in the temp folder with its own CARGO_TARGET_DIR) the
# script resolves and downloads dependencies first (`cargo generate-lockfile`, `cargo fetch`), so
# download time is not measured, then runs `cargo build --offline` RUNS times, removing the target
# dir before each run; the two programs take turns, so load from elsewhere falls on both. It prints each run's wall time, the median, the number of crates compiled
# (`Compiling` lines), peak memory (maximum resident set size of the largest single process, from
# `/usr/bin/time -v`, when that works here), the ratio of the medians, and the exact commands.
set -euo pipefail

runs=3
max_load=""
keep=0
work=""
while getopts "n:q:kd:h" opt; do
  case "$opt" in
    n) runs="$OPTARG" ;;
    q) max_load="$OPTARG" ;;
    k) keep=1 ;;
    d) work="$OPTARG" ;;
    h) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "usage: $0 [-n RUNS] [-q LOAD] [-k] [-d DIR]" >&2; exit 2 ;;
  esac
done
case "$runs" in ''|*[!0-9]*|0) echo "RUNS must be a positive integer, got '$runs'" >&2; exit 2 ;; esac

root="$(cd "$(dirname "$0")/.." && pwd)"
generated="$root/generated"
[ -f "$generated/Cargo.toml" ] || { echo "no generated crate at $generated" >&2; exit 1; }
crate_name="$(sed -n 's/^name *= *"\(.*\)"/\1/p' "$generated/Cargo.toml" | head -n1)"
crate_ident="${crate_name//-/_}"
aws_version="${AWS_SDK_VERSION:-1}"
build_args="${CARGO_BUILD_ARGS:-}"

if [ -z "$work" ]; then
  work="$(mktemp -d "${TMPDIR:-/tmp}/compile-cost.XXXXXX")"
else
  rm -rf "$work"
  mkdir -p "$work"
fi
work="$(cd "$work" && pwd)"
if [ "$keep" = 1 ]; then
  echo "keeping $work"
else
  trap 'rm -rf "$work"' EXIT
fi

# What the program does with the input besides building it. One line each, easy to change: the
# wire layer of our crate is new, so it is used only when `serialize_request` exists.
update_stage_rs="$generated/src/operation/update_stage.rs"
if grep -q 'pub fn serialize_request' "$update_stage_rs" 2>/dev/null; then
  ours_serialize="println!(\"{:?}\", ${crate_ident}::operation::update_stage::serialize_request(&input));"
else
  ours_serialize="// no ${crate_ident}::operation::update_stage::serialize_request yet"
fi
# aws-sdk-ivsrealtime serializes only inside its client's orchestrator (with config, credentials
# and a runtime): there is no public function from an input to a request, so the Debug form it is.
aws_serialize="// request serialization is internal to the SDK client"

time_v=0
if [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then
  time_v=1
fi

# --- the two programs -------------------------------------------------------------------------

mkdir -p "$work/ours/src" "$work/aws/src"
cat > "$work/ours/Cargo.toml" <<EOF
[package]
name = "compile-cost-ours"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
$crate_name = { path = "$generated" }

[workspace]
EOF
cat > "$work/ours/src/main.rs" <<EOF
use ${crate_ident}::operation::update_stage::UpdateStageInput;
use ${crate_ident}::types::{AutoParticipantRecordingConfiguration, ParticipantRecordingMediaType};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let recording = AutoParticipantRecordingConfiguration::builder()
        .storage_configuration_arn("arn:aws:ivs:us-west-2:123456789012:storage-configuration/abcdABCDefgh")
        .media_types(ParticipantRecordingMediaType::AudioVideo)
        .build()?;
    let input = UpdateStageInput::builder()
        .arn("arn:aws:ivs:us-west-2:123456789012:stage/abcdABCDefgh")
        .name("weekly-standup")
        .auto_participant_recording_configuration(recording)
        .build()?;
    println!("{input:?}");
    ${ours_serialize}
    Ok(())
}
EOF

if [ "${AWS_SDK_FEATURES+set}" = set ]; then
  features=""
  IFS=',' read -r -a wanted <<< "$AWS_SDK_FEATURES"
  for f in "${wanted[@]}"; do
    f="$(echo "$f" | tr -d ' ')"
    [ -n "$f" ] && features="$features${features:+, }\"$f\""
  done
  aws_dep="aws-sdk-ivsrealtime = { version = \"$aws_version\", default-features = false, features = [$features] }"
else
  aws_dep="aws-sdk-ivsrealtime = \"$aws_version\""
fi
cat > "$work/aws/Cargo.toml" <<EOF
[package]
name = "compile-cost-aws"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
$aws_dep

[workspace]
EOF
cat > "$work/aws/src/main.rs" <<EOF
use aws_sdk_ivsrealtime::operation::update_stage::UpdateStageInput;
use aws_sdk_ivsrealtime::types::{AutoParticipantRecordingConfiguration, ParticipantRecordingMediaType};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let recording = AutoParticipantRecordingConfiguration::builder()
        .storage_configuration_arn("arn:aws:ivs:us-west-2:123456789012:storage-configuration/abcdABCDefgh")
        .media_types(ParticipantRecordingMediaType::AudioVideo)
        .build()?;
    let input = UpdateStageInput::builder()
        .arn("arn:aws:ivs:us-west-2:123456789012:stage/abcdABCDefgh")
        .name("weekly-standup")
        .auto_participant_recording_configuration(recording)
        .build()?;
    println!("{input:?}");
    ${aws_serialize}
    Ok(())
}
EOF

# --- measuring ---------------------------------------------------------------------------------

now() { date +%s.%N; }
load1() { cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo "?"; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Waits (up to 10 minutes) until the 1-minute load average is below $max_load, when -q was given.
wait_for_quiet() {
  [ -n "$max_load" ] || return 0
  local waited=0
  while awk -v l="$(load1)" -v m="$max_load" 'BEGIN { exit !(l >= m) }'; do
    [ "$waited" -ge 600 ] && { echo "  (load still $(load1) after 10 minutes; building anyway)"; return 0; }
    sleep 10
    waited=$((waited + 10))
  done
}

echo "compile cost of building and printing an UpdateStageInput"
echo "machine: $(nproc) cores, $(rustc --version), $(cargo --version)"
echo "runs per program: $runs; extra cargo build args: ${build_args:-none}${max_load:+; waiting for load < $max_load before each build}"
echo "our crate: $crate_name at $generated, depending on: $(sed -n '/^\[dependencies\]/,/^\[/p' "$generated/Cargo.toml" \
  | grep -E '^[A-Za-z0-9_-]+ *=' | cut -d= -f1 | tr -d ' ' | paste -sd, - | sed 's/,/, /g' || true)"
echo "aws crate: $aws_dep"
echo "our program's wire call: $ours_serialize"
[ "$time_v" = 1 ] || echo "(/usr/bin/time -v not available: no peak memory)"

declare -A times compiled rss_max deps
programs=(ours aws)

for name in "${programs[@]}"; do
  (cd "$work/$name" && CARGO_TARGET_DIR="$work/$name/target" cargo generate-lockfile -q \
    && CARGO_TARGET_DIR="$work/$name/target" cargo fetch -q)
  times[$name]=""
  rss_max[$name]=0
done

# The programs take turns (ours, aws, ours, aws, ...) so that load from elsewhere on the machine
# falls on both alike; the 1-minute load average at the start and end of each run is printed.
echo
for ((i = 1; i <= runs; i++)); do
  for name in "${programs[@]}"; do
    dir="$work/$name"
    target="$dir/target"
    log="$work/$name.build$i.log"
    timefile="$work/$name.time$i.txt"
    rm -rf "$target"
    wait_for_quiet
    load="$(load1)"
    timer=()
    [ "$time_v" = 1 ] && timer=(/usr/bin/time -v -o "$timefile")
    start="$(now)"
    # shellcheck disable=SC2086
    (cd "$dir" && CARGO_TARGET_DIR="$target" "${timer[@]}" cargo build --offline $build_args) >"$log" 2>&1 \
      || { echo "cargo build failed for $name; log:" >&2; cat "$log" >&2; exit 1; }
    end="$(now)"
    secs="$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')"
    compiled[$name]="$(grep -c '^ *Compiling ' "$log" || true)"
    rss=""
    if [ "$time_v" = 1 ]; then
      rss="$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$timefile")"
      if [ -n "$rss" ] && [ "$rss" -gt "${rss_max[$name]}" ]; then rss_max[$name]="$rss"; fi
    fi
    times[$name]="${times[$name]}$secs"$'\n'
    printf '%-5s run %d: %7.2f s, %3d crates compiled%s, load average %s at start, %s at end\n' "$name" "$i" "$secs" \
      "${compiled[$name]}" "${rss:+, peak RSS $((rss / 1024)) MiB}" "$load" "$(load1)"
  done
done

declare -A med
for name in "${programs[@]}"; do
  med[$name]="$(printf '%s' "${times[$name]}" | median)"
  # Unique crates in the dependency graph (normal and build dependencies): the SDK crate itself
  # and everything it pulls in, the program excluded.
  deps[$name]="$(cd "$work/$name" && CARGO_TARGET_DIR="$work/$name/target" cargo tree --offline -e normal,build --prefix none 2>/dev/null \
    | sed 's/ (\*)$//; s/ (proc-macro)$//' | awk '{ print $1, $2 }' | grep -v "^compile-cost-$name " | sort -u | wc -l)"
done

echo
for name in "${programs[@]}"; do
  echo "$name prints:"
  # shellcheck disable=SC2086
  (cd "$work/$name" && CARGO_TARGET_DIR="$work/$name/target" cargo run --offline -q $build_args 2>&1) | cut -c1-150 | sed 's/^/  /'

done

lines="$({ cat "$generated/Cargo.toml"; find "$generated/src" -type f -exec cat {} +; } | wc -l)"
files="$(find "$generated/src" -type f | wc -l)"
aws_pkg="$(cd "$work/aws" && cargo pkgid --offline aws-sdk-ivsrealtime 2>/dev/null | sed 's/.*[#@]//')"

echo
echo "== summary"
printf '%-28s %12s %12s\n' "" "ours" "aws-sdk"
printf '%-28s %12s %12s\n' "median clean build (s)" "${med[ours]}" "${med[aws]}"
printf '%-28s %12s %12s\n' "crates compiled" "${compiled[ours]}" "${compiled[aws]}"
printf '%-28s %12s %12s\n' "crates in dependency graph" "${deps[ours]}" "${deps[aws]}"
if [ "$time_v" = 1 ]; then
  printf '%-28s %12s %12s\n' "peak RSS, one process (MiB)" "$((rss_max[ours] / 1024))" "$((rss_max[aws] / 1024))"
fi
printf '%-28s %12s %12s\n' "version" "local" "${aws_pkg:-?}"
echo "ratio (aws-sdk / ours, medians): $(awk -v a="${med[aws]}" -v o="${med[ours]}" 'BEGIN { printf "%.1fx", a / o }')"
echo "our generated crate: $lines lines ($files files under generated/src, plus Cargo.toml)"

echo
echo "== to repeat by hand (in each program's folder: $work/ours, $work/aws)"
echo "  CARGO_TARGET_DIR=\$PWD/target cargo generate-lockfile && CARGO_TARGET_DIR=\$PWD/target cargo fetch"
timer=""
[ "$time_v" = 1 ] && timer="/usr/bin/time -v "
echo "  rm -rf target && CARGO_TARGET_DIR=\$PWD/target ${timer}cargo build --offline${build_args:+ $build_args}   # repeated $runs times"
echo "  CARGO_TARGET_DIR=\$PWD/target cargo tree --offline -e normal,build --prefix none   # dependencies"
echo "  { cat $generated/Cargo.toml; find $generated/src -type f -exec cat {} +; } | wc -l   # generated lines"
echo "the programs: scripts/compile-cost.sh -k keeps them (Cargo.toml and src/main.rs in each folder)"
