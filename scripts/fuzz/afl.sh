#!/usr/bin/env bash
# One AFL++ run of one SharpFuzz target, niced, for a fixed time; see docs/fuzzing.md.
#   scripts/fuzz/afl.sh TARGET SECONDS [WORK_DIR]
# TARGET: featurize | featurize-crc | inflate | png-diff. WORK_DIR (default /tmp/sparkimaging-afl) keeps the
# instrumented build in bin/, a plain one in plain/ (instrumented code only runs under afl-fuzz: replay findings
# with `dotnet WORK_DIR/plain/SparkImaging.Fuzz.dll replay TARGET FILE`) and each target's findings in
# out-TARGET/ (crashes/, hangs/, fuzzer_stats).
set -euo pipefail
cd "$(dirname "$0")/../.."
target=${1:?target}
seconds=${2:?seconds}
work=${3:-/tmp/sparkimaging-afl}
export PATH="$PATH:$HOME/.dotnet/tools"

command -v afl-fuzz >/dev/null || { echo "afl.sh: install Debian's afl++ (apt-get install -y afl++)" >&2; exit 1; }
command -v sharpfuzz >/dev/null || { echo "afl.sh: dotnet tool install --global SharpFuzz.CommandLine" >&2; exit 1; }

if [ ! -f "$work/bin/.instrumented" ]; then
    dotnet publish tests/SparkImaging.Fuzz -c Release -o "$work/plain" -nologo -v:q
    rm -rf "$work/bin"
    cp -r "$work/plain" "$work/bin"
    sharpfuzz "$work/bin/SparkImaging.Udfs.dll"            # our decoders and inflater
    sharpfuzz "$work/bin/BitMiracle.LibTiff.NET.dll"       # the managed TIFF decoder
    touch "$work/bin/.instrumented"
fi

seeds="$work/in-$target"
if [ ! -d "$seeds" ]; then
    if [ "$target" = inflate ]; then
        dotnet "$work/plain/SparkImaging.Fuzz.dll" seeds-inflate "$seeds.all" tests/fixtures/decode
    else
        dotnet "$work/plain/SparkImaging.Fuzz.dll" seeds "$seeds.all" tests/fixtures/decode
    fi
    # AFL wants small seeds: keep those under 16 KB.
    mkdir -p "$seeds"
    find "$seeds.all" -type f -size -16k -exec cp {} "$seeds/" \;
fi

# -V: stop after SECONDS. -t: an input slower than 5 s is a hang. Niced: the machine is shared.
AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
    nice -n 19 afl-fuzz -i "$seeds" -o "$work/out-$target" -t 5000 -m none -V "$seconds" \
    -- dotnet "$work/bin/SparkImaging.Fuzz.dll" afl "$target"
