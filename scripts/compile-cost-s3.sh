#!/usr/bin/env bash
# Compile cost of an S3 program doing PutObject, GetObject and ListObjectsV2: our crate, generated
# into the temp folder from the trimmed model tests/models/s3_objects.json, against aws-sdk-s3 from
# crates.io with its default features. Not part of CI: aws-sdk-s3 alone takes minutes to build.
#
# Usage: scripts/compile-cost-s3.sh [-n RUNS] [-q LOAD] [-k] [-d DIR]
#   -n RUNS  clean builds per program (default 1)
#   -q LOAD  before each build, wait (up to 10 minutes) until the 1-minute load average is below LOAD
#   -k       keep the temp folder (the generated crate, the two programs, their logs and target dirs)
#   -d DIR   work in DIR instead of a new temp folder (it is created; old contents are replaced)
# Environment:
#   AWS_SDK_VERSION   version requirement for aws-sdk-s3 (default "1")
#   AWS_SDK_FEATURES  if set, build aws-sdk-s3 with default-features = false and these features
#                     (comma-separated; "" for none); unset means its default features
#   CARGO_BUILD_ARGS  extra arguments for every `cargo build` (for example "--release")
#
# The script first generates our crate (`cargo xtask codegen --model tests/models/s3_objects.json
# --out DIR/s3_objects`). Each program is a fresh cargo project in the temp folder with its own
# CARGO_TARGET_DIR: ours builds the three inputs, serializes them with `serialize_request` and
# reads a ListObjectsV2 and a GetObject response with `parse_response`; the SDK's builds a client
# from a static config and the three operations' fluent builders, and creates their `send()`
# futures without polling them (so the whole call path is compiled, and nothing is sent). Ours
# also depends on `http` (for the response it parses); the SDK's on nothing else. Dependencies are
# resolved and downloaded first (`cargo generate-lockfile`, `cargo fetch`), so download time is
# not measured; then `cargo build --offline` runs RUNS times per program, the target dir removed
# before each run, the programs taking turns. It prints each run's wall time, the median, the
# crates compiled (`Compiling` lines), peak memory (largest single process, from
# `/usr/bin/time -v`, when that works here), the ratio of the medians, and the exact commands.
set -euo pipefail

runs=1
max_load=""
keep=0
work=""
while getopts "n:q:kd:h" opt; do
  case "$opt" in
    n) runs="$OPTARG" ;;
    q) max_load="$OPTARG" ;;
    k) keep=1 ;;
    d) work="$OPTARG" ;;
    h) sed -n '2,28p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "usage: $0 [-n RUNS] [-q LOAD] [-k] [-d DIR]" >&2; exit 2 ;;
  esac
done
case "$runs" in ''|*[!0-9]*|0) echo "RUNS must be a positive integer, got '$runs'" >&2; exit 2 ;; esac

root="$(cd "$(dirname "$0")/.." && pwd)"
model="$root/tests/models/s3_objects.json"
[ -f "$model" ] || { echo "no trimmed S3 model at $model" >&2; exit 1; }
aws_version="${AWS_SDK_VERSION:-1}"
build_args="${CARGO_BUILD_ARGS:-}"

if [ -z "$work" ]; then
  work="$(mktemp -d "${TMPDIR:-/tmp}/compile-cost-s3.XXXXXX")"
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

time_v=0
if [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then
  time_v=1
fi

# --- our crate, generated from the trimmed model ----------------------------------------------

generated="$work/s3_objects"
(cd "$root" && cargo xtask codegen --model "$model" --out "$generated" --crate-name s3_objects) >"$work/codegen.log" 2>&1 \
  || { echo "cargo xtask codegen failed; log:" >&2; cat "$work/codegen.log" >&2; exit 1; }
crate_name="s3_objects"

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
http = "1"

[workspace]
EOF
cat > "$work/ours/src/main.rs" <<'EOF'
use s3_objects::operation::{get_object, list_objects_v2, put_object};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let put = put_object::PutObjectInput::builder()
        .bucket("example-bucket")
        .key("photos/2024 trip/beach.jpg")
        .body(b"hello, world".to_vec())
        .content_type("image/jpeg")
        .metadata("author", "Jane Doe")
        .build()?;
    let get = get_object::GetObjectInput::builder()
        .bucket("example-bucket")
        .key("photos/2024 trip/beach.jpg")
        .range("bytes=0-9")
        .build()?;
    let list = list_objects_v2::ListObjectsV2Input::builder()
        .bucket("example-bucket")
        .prefix("photos/")
        .max_keys(10)
        .build()?;
    let put = put_object::serialize_request(&put)?;
    let get = get_object::serialize_request(&get)?;
    let list = list_objects_v2::serialize_request(&list)?;
    println!("{} {} {:?}", put.method(), put.uri(), put.headers());
    println!("{} {} {:?}", get.method(), get.uri(), get.headers());
    println!("{} {}", list.method(), list.uri());

    let page = http::Response::builder().status(200).body(
        "<ListBucketResult><Name>example-bucket</Name><Contents><Key>photos/a.jpg</Key><Size>5</Size></Contents></ListBucketResult>",
    )?;
    let page = list_objects_v2::parse_response(&page)?;
    println!("{:?}", page.contents());
    let object = http::Response::builder().status(200).header("ETag", "\"abc\"").body(b"hello".to_vec())?;
    let object = get_object::parse_response(&object)?;
    println!("{:?} {:?}", object.e_tag(), object.body());
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
  aws_dep="aws-sdk-s3 = { version = \"$aws_version\", default-features = false, features = [$features] }"
else
  aws_dep="aws-sdk-s3 = \"$aws_version\""
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
cat > "$work/aws/src/main.rs" <<'EOF'
use aws_sdk_s3::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_s3::primitives::ByteStream;
use aws_sdk_s3::{Client, Config};

fn main() {
    let config = Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("AKIDEXAMPLE", "secret", None, None, "static"))
        .build();
    let client = Client::from_conf(config);
    let put = client
        .put_object()
        .bucket("example-bucket")
        .key("photos/2024 trip/beach.jpg")
        .body(ByteStream::from_static(b"hello, world"))
        .content_type("image/jpeg")
        .metadata("author", "Jane Doe");
    let get = client.get_object().bucket("example-bucket").key("photos/2024 trip/beach.jpg").range("bytes=0-9");
    let list = client.list_objects_v2().bucket("example-bucket").prefix("photos/").max_keys(10);
    println!("{:?}", put.as_input());
    println!("{:?}", get.as_input());
    println!("{:?}", list.as_input());
    // Request serialization and response parsing happen inside `send()`: the futures are
    // created, so their code is compiled, and dropped unpolled, so nothing is sent.
    let calls = (put.send(), get.send(), list.send());
    drop(calls);
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

echo "compile cost of an S3 program: PutObject, GetObject, ListObjectsV2"
echo "machine: $(nproc) cores, $(rustc --version), $(cargo --version)"
echo "runs per program: $runs; extra cargo build args: ${build_args:-none}${max_load:+; waiting for load < $max_load before each build}"
echo "our crate: $crate_name generated from $model into $generated, depending on: $(sed -n '/^\[dependencies\]/,/^\[/p' "$generated/Cargo.toml" \
  | grep -E '^[A-Za-z0-9_-]+ *=' | cut -d= -f1 | tr -d ' ' | paste -sd, - | sed 's/,/, /g' || true)"
echo "aws crate: $aws_dep"
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
  # Unique crates in the dependency graph (normal and build dependencies), the program excluded.
  deps[$name]="$(cd "$work/$name" && CARGO_TARGET_DIR="$work/$name/target" cargo tree --offline -e normal,build --prefix none 2>/dev/null \
    | sed 's/ (\*)$//; s/ (proc-macro)$//' | awk '{ print $1, $2 }' | grep -v "^compile-cost-$name " | sort -u | wc -l)"
done

echo
for name in "${programs[@]}"; do
  echo "$name prints:"
  # shellcheck disable=SC2086
  (cd "$work/$name" && CARGO_TARGET_DIR="$work/$name/target" cargo run --offline -q $build_args 2>&1) | cut -c1-150 | sed 's/^/  /' || true
done

lines="$({ cat "$generated/Cargo.toml"; find "$generated/src" -type f -exec cat {} +; } | wc -l)"
files="$(find "$generated/src" -type f | wc -l)"
aws_pkg="$(cd "$work/aws" && cargo pkgid --offline aws-sdk-s3 2>/dev/null | sed 's/.*[#@]//')"

echo
echo "== summary"
printf '%-28s %12s %12s\n' "" "ours" "aws-sdk-s3"
printf '%-28s %12s %12s\n' "median clean build (s)" "${med[ours]}" "${med[aws]}"
printf '%-28s %12s %12s\n' "crates compiled" "${compiled[ours]}" "${compiled[aws]}"
printf '%-28s %12s %12s\n' "crates in dependency graph" "${deps[ours]}" "${deps[aws]}"
if [ "$time_v" = 1 ]; then
  printf '%-28s %12s %12s\n' "peak RSS, one process (MiB)" "$((rss_max[ours] / 1024))" "$((rss_max[aws] / 1024))"
fi
printf '%-28s %12s %12s\n' "version" "local" "${aws_pkg:-?}"
echo "ratio (aws-sdk-s3 / ours, medians): $(awk -v a="${med[aws]}" -v o="${med[ours]}" 'BEGIN { printf "%.1fx", a / o }')"
echo "our generated crate: $lines lines ($files files under src/, plus Cargo.toml)"

echo
echo "== to repeat by hand (in each program's folder: $work/ours, $work/aws)"
echo "  (cd $root && cargo xtask codegen --model $model --out $generated --crate-name s3_objects)"
echo "  CARGO_TARGET_DIR=\$PWD/target cargo generate-lockfile && CARGO_TARGET_DIR=\$PWD/target cargo fetch"
timer=""
[ "$time_v" = 1 ] && timer="/usr/bin/time -v "
echo "  rm -rf target && CARGO_TARGET_DIR=\$PWD/target ${timer}cargo build --offline${build_args:+ $build_args}   # repeated $runs times"
echo "  CARGO_TARGET_DIR=\$PWD/target cargo tree --offline -e normal,build --prefix none   # dependencies"
echo "the programs: scripts/compile-cost-s3.sh -k keeps them (Cargo.toml and src/main.rs in each folder)"
