#!/usr/bin/env bash
# Benchmarks SparkImaging against scikit-image 0.19.3 and OpenCV on this machine, all in one go:
#   (a) skimage local_binary_pattern ns/pixel   (b) our kernel, scalar and vector paths
#   (c) end-to-end images/s: seed pipeline vs `sparkimaging featurize --workers 1|2`
#   (d) decode ms/image: cv2.imdecode vs ImageDecoder   (e) a table of ratios against the targets.
# Timings interleave the compared cases and report medians; run it on a quiet machine for numbers to quote.
#
# Usage: scripts/bench.sh [N_IMAGES] [ROUNDS]     (defaults 100 and 3)
# Environment: BENCH_DIR (default: a new temporary directory), PYTHON (default /usr/bin/python3, which has skimage).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${1:-100}"
ROUNDS="${2:-3}"
PYTHON="${PYTHON:-/usr/bin/python3}"
WORK="${BENCH_DIR:-$(mktemp -d -t sparkimaging-bench-XXXXXX)}"
RESULTS="$WORK/results.txt"
IMAGES="$WORK/images"
HELPERS="$ROOT/scripts/bench"

# One thread for the Python side: the comparison is per core.
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1

echo "== build (Release)"
dotnet build "$ROOT/tests/SparkImaging.Benchmarks" -c Release -nologo -v:q
dotnet build "$ROOT/jobs/SparkImaging.Jobs" -c Release -nologo -v:q
BENCH=(dotnet "$ROOT/tests/SparkImaging.Benchmarks/bin/Release/net10.0/SparkImaging.Benchmarks.dll")
CLI=(dotnet "$ROOT/jobs/SparkImaging.Jobs/bin/Release/net10.0/sparkimaging.dll")

echo "== machine"
lscpu | grep -E 'Model name|^CPU\(s\)|Thread|MHz' || true
uptime
mkdir -p "$WORK"
: > "$RESULTS"
{ echo "# $(date -u +%FT%TZ) N=$N ROUNDS=$ROUNDS"; echo "# load: $(cat /proc/loadavg)"; } >> "$RESULTS"

echo "== $N PNG + $N JPEG 512x512 RGB images in $IMAGES"
"${BENCH[@]}" write-images "$IMAGES" "$N"

echo "== (a) scikit-image kernel"
(cd "$HELPERS" && "$PYTHON" skimage_kernel.py "$IMAGES/kernel.f64") | tee -a "$RESULTS"

echo "== (b) our kernel"
"${BENCH[@]}" kernel | tee -a "$RESULTS"

echo "== (c) end-to-end"
# Does this build have the featurize command? (It landed in main; older checkouts lack it.)
if "${CLI[@]}" featurize --help > /dev/null 2>&1; then HAVE_CLI=1; else HAVE_CLI=0; fi
if [ "$HAVE_CLI" = 0 ]; then
  echo "SKIP CLI timings: 'sparkimaging featurize' is not available in this build (merge main, then rerun)." | tee -a "$RESULTS"
fi

cli_rate() { # workers extension → images/s of one featurize run, process start and Parquet writing included
  local out="$WORK/features-$1-$2" start end
  rm -rf "$out"
  start=$(date +%s.%N)
  "${CLI[@]}" featurize --input "$IMAGES/*.$2" --output "$out" --workers "$1" > "$WORK/cli-$1-$2.log" 2>&1
  end=$(date +%s.%N)
  "$PYTHON" -c "print('cli_w$1_$2_images_per_second', $N / ($end - $start))"
}

for round in $(seq "$ROUNDS"); do
  for ext in png jpg; do
    echo "-- round $round $ext"
    (cd "$HELPERS" && "$PYTHON" seed_pipeline.py "$IMAGES" "$ext") | tee -a "$RESULTS"
    if [ "$HAVE_CLI" = 1 ]; then
      cli_rate 1 "$ext" | tee -a "$RESULTS"
      cli_rate 2 "$ext" | tee -a "$RESULTS"
    fi
  done
done
"${BENCH[@]}" featurize "$IMAGES" | tee -a "$RESULTS"

echo "== (d) decode"
(cd "$HELPERS" && "$PYTHON" cv2_decode.py "$IMAGES") | tee -a "$RESULTS"
"${BENCH[@]}" decode "$IMAGES" | tee -a "$RESULTS"

echo "== (e) report ($RESULTS)"
echo "# load after: $(cat /proc/loadavg)" >> "$RESULTS"
"$PYTHON" "$HELPERS/report.py" "$RESULTS" | tee "$WORK/report.md"
