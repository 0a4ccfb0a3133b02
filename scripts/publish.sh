#!/usr/bin/env bash
# Publishes the `sparkimaging` command-line program self-contained, for machines without .NET
# (batch-cluster nodes): the .NET runtime and native libraries travel with the binary.
#
#   scripts/publish.sh                      # -> artifacts/publish/linux-x64/sparkimaging
#   RUNTIME=linux-arm64 scripts/publish.sh  # -> artifacts/publish/linux-arm64/sparkimaging
#   scripts/publish.sh --out /shared/bin/sparkimaging
#
# Variables (environment or --flag): CONFIGURATION (Release), RUNTIME (linux-x64), OUT
# (artifacts/publish/$RUNTIME). Extra arguments after `--` go to `dotnet publish` unchanged.
# Needs the runtime pack Microsoft.NETCore.App.Runtime.<RUNTIME> from the NuGet feed (restored on
# first use). Prints the path of the published binary as its last line.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CONFIGURATION="${CONFIGURATION:-Release}"
RUNTIME="${RUNTIME:-linux-x64}"
OUT="${OUT:-}"
EXTRA=()

usage() {
    sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

while [[ $# -gt 0 ]]; do
    case "$1" in
        --configuration|-c) CONFIGURATION="$2"; shift 2 ;;
        --runtime|-r) RUNTIME="$2"; shift 2 ;;
        --out|-o) OUT="$2"; shift 2 ;;
        --help|-h) usage; exit 0 ;;
        --) shift; EXTRA=("$@"); break ;;
        *) echo "publish.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done
OUT="${OUT:-$ROOT/artifacts/publish/$RUNTIME}"

# Stale files from an earlier publish (e.g. a dropped dependency) must not ship with this one.
rm -rf "$OUT"
# Nor intermediates of an earlier publish in the other ReadyToRun mode (composite or per assembly, e.g. from another
# branch): MSBuild reuses them, and a binary mixing both aborts at start-up.
rm -rf "$ROOT"/jobs/SparkImaging.Jobs/obj/"$CONFIGURATION"/*/"$RUNTIME"

# Not single-file: SkiaSharp and DuckDB load native .so files by path, which works as plain files
# next to the binary without extracting a bundle to a temp dir on every node at start-up.
# ReadyToRun composite of the app and the framework, tiered compilation off: see the CLI project file.
dotnet publish "$ROOT/jobs/SparkImaging.Jobs/SparkImaging.Jobs.csproj" \
    -c "$CONFIGURATION" -r "$RUNTIME" --self-contained true \
    -p:PublishSingleFile=false -p:DebugType=embedded \
    -o "$OUT" "${EXTRA[@]}"

BIN="$OUT/sparkimaging"
if [[ ! -x "$BIN" ]]; then
    echo "publish.sh: expected an executable at $BIN, found none" >&2
    exit 1
fi
echo "$BIN"
