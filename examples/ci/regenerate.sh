#!/usr/bin/env bash
# Regenerates the SDK crate after a model update: the one script the CI job (regenerate.yml) runs,
# and the one `cargo xtask regenerate-test` runs too.
#
#   examples/ci/regenerate.sh CURRENT NEW OUT [CRATE_NAME]
#   examples/ci/regenerate.sh next-version VERSION BUMP BUMP_BEFORE_1_0   (prints the next version)
#
# CURRENT     the checked-in model (e.g. model/service.json); replaced by NEW when something changed
# NEW         the freshly fetched model (Smithy JSON AST or botocore service-2.json)
# OUT         the generated crate's directory; its Cargo.toml holds the current version
# CRATE_NAME  optional, passed to `cargo xtask codegen --crate-name`
#
# Each positional argument may come from the environment variable of the same name instead.
# Other environment:
#   WORK           where report.json and report.md go (default: a new temporary directory)
#   SKIP_TESTS=1   do not run `cargo test --workspace` after regenerating
#   XTASK          the command that runs the xtask (default: `cargo xtask`)
#   GITHUB_OUTPUT  when set, `changed`, `bump`, `version`, `title` and `body` are appended to it
#
# Run it from the repository root (where `cargo xtask` works). Exit status: 0 when the crate was
# regenerated or nothing changed, non-zero when any step failed.
set -euo pipefail

# The next version of a crate at VERSION: a 1.x (or later) crate follows BUMP (major, minor,
# patch); a 0.x crate follows BUMP_BEFORE_1_0, where a minor step is the breaking one.
next_version() {
    local version=$1 bump=$2 bump_before_1_0=$3 major minor patch
    if [[ ! $version =~ ^([0-9]+)\.([0-9]+)\.([0-9]+)$ ]]; then
        echo "error: cannot bump version \`$version\` (expected MAJOR.MINOR.PATCH)" >&2
        return 1
    fi
    major=${BASH_REMATCH[1]} minor=${BASH_REMATCH[2]} patch=${BASH_REMATCH[3]}
    if [[ $major == 0 ]]; then
        bump=$bump_before_1_0
    fi
    case $bump in
        major) echo "$((major + 1)).0.0" ;;
        minor) echo "$major.$((minor + 1)).0" ;;
        patch) echo "$major.$minor.$((patch + 1))" ;;
        none) echo "$version" ;;
        *)
            echo "error: unknown bump \`$bump\`" >&2
            return 1
            ;;
    esac
}

if [[ ${1:-} == next-version ]]; then
    [[ $# == 4 ]] || { echo "usage: $0 next-version VERSION BUMP BUMP_BEFORE_1_0" >&2; exit 2; }
    next_version "$2" "$3" "$4"
    exit
fi

CURRENT=${1:-${CURRENT:-}}
NEW=${2:-${NEW:-}}
OUT=${3:-${OUT:-}}
CRATE_NAME=${4:-${CRATE_NAME:-}}
if [[ -z $CURRENT || -z $NEW || -z $OUT ]]; then
    echo "usage: $0 CURRENT NEW OUT [CRATE_NAME]" >&2
    exit 2
fi
WORK=${WORK:-$(mktemp -d)}
mkdir -p "$WORK"
read -r -a xtask <<<"${XTASK:-cargo xtask}"

# Appends KEY=VALUE to the step outputs when running in GitHub Actions; always echoes it.
output() {
    echo "$1=$2"
    if [[ -n ${GITHUB_OUTPUT:-} ]]; then
        echo "$1=$2" >>"$GITHUB_OUTPUT"
    fi
}

# The value of `KEY = "..."` in OUT/Cargo.toml's [package] table (the first such line).
manifest_field() {
    sed -n "s/^$1 = \"\(.*\)\"[[:space:]]*\$/\1/p" "$OUT/Cargo.toml" | head -n 1
}

echo "== comparing $CURRENT with $NEW"
"${xtask[@]}" diff "$CURRENT" "$NEW" --format json --out "$WORK/report.json"
"${xtask[@]}" diff "$CURRENT" "$NEW" --format markdown --out "$WORK/report.md"

verdict=$(python3 -c '
import json, sys
verdict = json.load(open(sys.argv[1]))["verdict"]
print(verdict["bump"], verdict["bump_before_1_0"])
' "$WORK/report.json")
read -r bump bump_before_1_0 <<<"$verdict"

if [[ $bump == none ]]; then
    echo "== nothing changed: the crate stays as it is"
    output changed false
    exit 0
fi

old_version=$(manifest_field version)
[[ -n $old_version ]] || { echo "error: no version line in $OUT/Cargo.toml" >&2; exit 1; }
next=$(next_version "$old_version" "$bump" "$bump_before_1_0")
if [[ $old_version =~ ^0\. ]]; then applied=$bump_before_1_0; else applied=$bump; fi
echo "== verdict: $bump (a 0.x crate: $bump_before_1_0); $old_version -> $next"

echo "== regenerating $OUT from the new model"
if ! cmp -s "$NEW" "$CURRENT"; then
    cp "$NEW" "$CURRENT"
fi
codegen_args=(codegen --model "$CURRENT" --out "$OUT" --crate-version "$next")
if [[ -n $CRATE_NAME ]]; then
    codegen_args+=(--crate-name "$CRATE_NAME")
fi
"${xtask[@]}" "${codegen_args[@]}"

if [[ ${SKIP_TESTS:-0} == 1 ]]; then
    echo "== SKIP_TESTS=1: not running the tests"
else
    echo "== cargo test --workspace"
    cargo test --workspace
fi

name=$(manifest_field name)
output changed true
output bump "$applied"
output version "$next"
output title "Model update: ${name:-$OUT} $old_version → $next ($applied)"
output body "$WORK/report.md"
