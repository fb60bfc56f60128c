#!/usr/bin/env bash
# Runs the coverage-guided fuzz targets of fuzz/ with libFuzzer, built by cargo-fuzz on the
# stable toolchain (no sanitizer: `-Z sanitizer` is nightly-only; the SanitizerCoverage
# instrumentation libFuzzer is guided by takes only stable `-C` flags).
#
#   fuzz/run.sh TARGET_SECONDS [TARGET...]
#
# Runs every target (or the ones named) for TARGET_SECONDS each, starting from its seed corpus
# in tests/fuzz-seeds/ and from what earlier runs found (kept in target/fuzz/corpus/, never in
# the repository). Prints one line per target (executions, seconds, executions/s, coverage) and
# exits non-zero when a target crashed, printing the input that did it. SMELT_FUZZ_SEED fixes
# libFuzzer's random seed; CARGO_TARGET_DIR moves the build and everything the runs write.
set -euo pipefail

if [[ $# -lt 1 || ! $1 =~ ^[0-9]+$ ]]; then
    echo "usage: $0 TARGET_SECONDS [TARGET...]" >&2
    exit 2
fi
seconds=$1
shift

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${CARGO_TARGET_DIR:-$root/target/fuzz}
export CARGO_TARGET_DIR=$out
# Whatever toolchain a rust-toolchain file or an override says, build with stable.
export RUSTUP_TOOLCHAIN=${RUSTUP_TOOLCHAIN:-stable}

# target name → seed corpus directories (repository-relative, read-only for libFuzzer).
declare -A seeds=(
    [generator_bytes]="tests/fuzz-seeds/generator tests/fixtures"
    [generator_models]=""
    [parse_ivsrealtime]="tests/fuzz-seeds/parse_ivsrealtime_update_stage"
    [parse_error_forms_rest_json]="tests/fuzz-seeds/parse_error_forms_rest_json"
)
all=(generator_bytes generator_models parse_ivsrealtime parse_error_forms_rest_json)
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
    targets=("${all[@]}")
fi
for t in "${targets[@]}"; do
    if [[ ! -v "seeds[$t]" ]]; then
        echo "unknown target $t (known: ${all[*]})" >&2
        exit 2
    fi
done

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "installing cargo-fuzz" >&2
    cargo install cargo-fuzz --locked
fi

# Release build with debug assertions, the coverage instrumentation and `--cfg fuzzing`.
(cd "$root/fuzz" && cargo fuzz build --sanitizer none) >&2
bin=$out/$(rustc -vV | sed -n 's/^host: //p')/release

status=0
for t in "${targets[@]}"; do
    corpus=$out/corpus/$t
    artifacts=$out/artifacts/$t
    log=$out/logs/$t.log
    mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
    dirs=()
    for d in ${seeds[$t]}; do
        dirs+=("$root/$d")
    done
    flags=(-max_total_time="$seconds" -print_final_stats=1 -timeout=20 -rss_limit_mb=4096
        -artifact_prefix="$artifacts/")
    if [[ -n ${SMELT_FUZZ_SEED:-} ]]; then
        flags+=(-seed="$SMELT_FUZZ_SEED")
    fi
    started=$EPOCHREALTIME
    # The first corpus directory is the one libFuzzer adds new inputs to.
    rc=0
    "$bin/$t" "${flags[@]}" "$corpus" "${dirs[@]}" >"$log" 2>&1 || rc=$?
    if [[ $rc -eq 0 ]]; then
        result=ok
    else
        result=CRASH
        status=1
    fi
    elapsed=$(awk -v a="$started" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    cov=$({ grep -o 'cov: [0-9]*' "$log" || true; } | tail -1 | cut -d' ' -f2)
    features=$({ grep -o 'ft: [0-9]*' "$log" || true; } | tail -1 | cut -d' ' -f2)
    counters=$(sed -n 's/.*(\([0-9]*\) inline 8-bit counters).*/\1/p' "$log" | head -1)
    printf '%-28s %-5s executions %-10s seconds %-6s exec/s %-8s cov %s/%s ft %s\n' \
        "$t" "$result" "${execs:-?}" "$elapsed" "${rate:-?}" "${cov:-?}" "${counters:-?}" "${features:-?}"
    if [[ $result == CRASH ]]; then
        echo "    exit status $rc$( ((rc > 128)) && echo " (killed by signal $((rc - 128)))")"
        { grep -E -A1 "panicked at|^==[0-9]+== ERROR|^SUMMARY" "$log" || true; } | head -6 | sed 's/^/    /'
        input=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
        echo "    crash input: ${input:-(none written; see $log)}"
        echo "    reproduce:   $bin/$t ${input:-}"
        echo "    log:         $log"
    fi
done
exit $status
