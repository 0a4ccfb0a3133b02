#!/usr/bin/env bash
# Benchmarks SparkImaging against scikit-image 0.19.3 and OpenCV on this machine, all in one go:
#   (a) skimage local_binary_pattern ns/pixel   (b) our kernel, scalar and vector paths
#   (c) end-to-end images/s: seed pipeline vs `sparkimaging featurize --workers 1|2`, run as users run it at scale:
#       the self-contained binary from scripts/publish.sh (ReadyToRun); `dotnet sparkimaging.dll` (the Release
#       build) is timed too with --workers 1 (key cli_dll_w1_*). The CLI runs over all N images; the per-image
#       measurements (seed pipeline, in-process featurize, decode) over the first SAMPLE of them, every round
#   (d) decode ms/image: cv2.imdecode vs ImageDecoder   (e) a table of ratios against the targets.
# results.txt and the report start with the CPU and the ISA the kernels ran on (vector widths, VBMI, AVX2, FMA, AdvSimd).
# Timings interleave the compared cases and report medians; run it on a quiet machine for numbers to quote.
#
# Usage: scripts/bench.sh [N_IMAGES] [ROUNDS]     (defaults 1000 and 3: the CLI is made for archives of millions
#        of images, so its fixed start-up, about 0.3 s, should weigh as little as in real runs; at 200 images it
#        was 15-20 % of a --workers 1 run)
# Environment: BENCH_DIR (default: a new temporary directory), PYTHON (default /usr/bin/python3, which has skimage),
#        SAMPLE (default 200): images per format that the per-image measurements use (the seed pipeline runs at
#        ~9 images/s; its rate has no fixed cost in it, so a sample measures it as well as all N would).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${1:-1000}"
ROUNDS="${2:-3}"
SAMPLE="${SAMPLE:-200}"
PYTHON="${PYTHON:-/usr/bin/python3}"
WORK="${BENCH_DIR:-$(mktemp -d -t sparkimaging-bench-XXXXXX)}"
mkdir -p "$WORK"
WORK="$(cd "$WORK" && pwd)" # absolute: the sample links point into it
RESULTS="$WORK/results.txt"
IMAGES="$WORK/images"
SAMPLED="$WORK/sample"
HELPERS="$ROOT/scripts/bench"

# One thread for the Python side: the comparison is per core.
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1

echo "== build (Release)"
dotnet build "$ROOT/tests/SparkImaging.Benchmarks" -c Release -nologo -v:q
dotnet build "$ROOT/jobs/SparkImaging.Jobs" -c Release -nologo -v:q
BENCH=(dotnet "$ROOT/tests/SparkImaging.Benchmarks/bin/Release/net10.0/SparkImaging.Benchmarks.dll")
CLI_DLL=(dotnet "$ROOT/jobs/SparkImaging.Jobs/bin/Release/net10.0/sparkimaging.dll")
echo "== publish (scripts/publish.sh, self-contained)"
CLI=("$("$ROOT/scripts/publish.sh" --out "$WORK/publish" -- -nologo -v:q | tail -n 1)")

echo "== machine"
lscpu | grep -E 'Model name|^CPU\(s\)|Thread|MHz' || true
uptime
mkdir -p "$WORK"
: > "$RESULTS"
{ echo "# $(date -u +%FT%TZ) N=$N ROUNDS=$ROUNDS SAMPLE=$SAMPLE"; echo "# load: $(cat /proc/loadavg)"; } >> "$RESULTS"
# The vector widths and instruction sets the kernels ran with (a `# isa ...` line, shown at the top of the report).
echo "# cpu: $(lscpu | sed -n 's/^Model name: *//p' | head -n 1)" >> "$RESULTS"
"${BENCH[@]}" isa | tee -a "$RESULTS"

echo "== $N PNG + $N JPEG 512x512 RGB images in $IMAGES"
rm -rf "$IMAGES" # images of an earlier run with another N would join the CLI's glob
"${BENCH[@]}" write-images "$IMAGES" "$N"
# The first SAMPLE images of each format, linked: what the per-image measurements read (sed, not head: head leaves
# early and sort, under pipefail, would fail the script with SIGPIPE).
rm -rf "$SAMPLED"
mkdir -p "$SAMPLED"
for ext in png jpg; do
  find "$IMAGES" -maxdepth 1 -name "*.$ext" | sort | sed -n "1,${SAMPLE}p" | while read -r file; do ln -s "$file" "$SAMPLED/"; done
done

# The kernels alternate, ROUNDS times each: on a shared host the speed of the machine drifts over minutes, and
# the ratio must compare the two sides under the same conditions (medians of the rounds).
for round in $(seq "$ROUNDS"); do
  echo "== (a) scikit-image kernel, round $round"
  (cd "$HELPERS" && "$PYTHON" skimage_kernel.py "$IMAGES/kernel.f64") | tee -a "$RESULTS"
  echo "== (b) our kernel, round $round"
  "${BENCH[@]}" kernel | tee -a "$RESULTS"
done

echo "== (c) end-to-end"
# Does this build have the featurize command? (It landed in main; older checkouts lack it.)
if "${CLI[@]}" featurize --help > /dev/null 2>&1; then HAVE_CLI=1; else HAVE_CLI=0; fi
if [ "$HAVE_CLI" = 0 ]; then
  echo "SKIP CLI timings: 'sparkimaging featurize' is not available in this build (merge main, then rerun)." | tee -a "$RESULTS"
fi

cli_rate() { # key workers extension command... → images/s of one featurize run, process start and Parquet writing included
  local key="$1" workers="$2" ext="$3" out="$WORK/features-$1-$3" start end
  shift 3
  rm -rf "$out"
  start=$(date +%s.%N)
  "$@" featurize --input "$IMAGES/*.$ext" --output "$out" --workers "$workers" > "$WORK/$key-$ext.log" 2>&1
  end=$(date +%s.%N)
  "$PYTHON" -c "print('${key}_${ext}_images_per_second', $N / ($end - $start))"
}

for round in $(seq "$ROUNDS"); do
  for ext in png jpg; do
    echo "-- round $round $ext"
    (cd "$HELPERS" && "$PYTHON" seed_pipeline.py "$SAMPLED" "$ext") | tee -a "$RESULTS"
    if [ "$HAVE_CLI" = 1 ]; then
      echo "# load $(cat /proc/loadavg)" >> "$RESULTS"
      cli_rate cli_w1 1 "$ext" "${CLI[@]}" | tee -a "$RESULTS"
      cli_rate cli_w2 2 "$ext" "${CLI[@]}" | tee -a "$RESULTS"
      cli_rate cli_dll_w1 1 "$ext" "${CLI_DLL[@]}" | tee -a "$RESULTS"
    fi
  done
done
"${BENCH[@]}" featurize "$SAMPLED" | tee -a "$RESULTS"

echo "== (d) decode"
(cd "$HELPERS" && "$PYTHON" cv2_decode.py "$SAMPLED") | tee -a "$RESULTS"
"${BENCH[@]}" decode "$SAMPLED" | tee -a "$RESULTS"

echo "== (e) report ($RESULTS)"
echo "# load after: $(cat /proc/loadavg)" >> "$RESULTS"
"$PYTHON" "$HELPERS/report.py" "$RESULTS" | tee "$WORK/report.md"
