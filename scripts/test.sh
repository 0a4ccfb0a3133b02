#!/usr/bin/env bash
# Runs every test on a fresh machine: installs the Debian packages the tests call, then `dotnet test`.
# Used verbatim by CI (.ci/run) and given in the README.
set -euo pipefail
cd "$(dirname "$0")/.."

# From Debian: scikit-learn (the model comparison test); qemu-user and the arm64 C library (the ARM64 vector-path
# test runs the selfcheck under qemu-aarch64); libturbojpeg0 (the JPEG route tests: the system libjpeg-turbo). The Slurm test installs slurm-wlm and munge itself.
missing=()
/usr/bin/python3 -c "import sklearn, numpy" >/dev/null 2>&1 || missing+=(python3-sklearn)
[ -x /usr/bin/qemu-aarch64 ] || missing+=(qemu-user)
[ -e /usr/aarch64-linux-gnu/lib/libc.so.6 ] || missing+=(libc6-arm64-cross)
[ -e /usr/aarch64-linux-gnu/lib/libstdc++.so.6 ] || missing+=(libstdc++6-arm64-cross)
ldconfig -p | grep -q 'libturbojpeg\.so\.0 ' || missing+=(libturbojpeg0)
if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ]; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        echo "test.sh: missing Debian packages ${missing[*]}; install them (needs root)." >&2
        exit 1
    fi
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
# Build everything first, then run the test projects one after another: some tests build or publish projects
# themselves (the SIMD self-check, the Slurm publish), which must not overlap another project's build.
dotnet build SparkImaging.sln -c Release 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
if [ "$status" -eq 0 ]; then
    dotnet test SparkImaging.sln -c Release --no-build -m:1 2>&1 | tee -a "$log"
    status=${PIPESTATUS[0]}
fi
set -e
# One plain closing line over all test assemblies.
awk '/(Passed|Failed)!  - Failed:/ { gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
