#!/usr/bin/env bash
# Scale run: featurizes COUNT small PNG tiles (64x64 RGB) in one `sparkimaging featurize` and reports throughput
# and peak memory (VmHWM / maximum resident set size), to show that memory does not grow with the number of inputs.
#
# Usage: scripts/scale.sh [COUNT] [WORKERS]      (defaults 100000 and all cores)
# Environment: SCALE_ARCHIVE=tar|tar.gz|zip: pack the tiles into one archive and featurize that single input instead
#              (its members are streamed; the resident memory is sampled every 2 s against the rows committed so far,
#              scale_rss lines, to show it flat as the archive is read),
#              SCALE_DIR (default /tmp/sparkimaging-scale; tiles are kept there and reused by later runs),
#              SPARKIMAGING (the program to run; default: the Release build of jobs/SparkImaging.Jobs via dotnet;
#              e.g. SPARKIMAGING=artifacts/publish/linux-x64/sparkimaging for the published binary).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COUNT="${1:-100000}"
WORKERS="${2:-$(nproc)}"
WORK="${SCALE_DIR:-/tmp/sparkimaging-scale}"
TILES="$WORK/tiles-$COUNT"
OUT="$WORK/features-$COUNT"

if ! command -v /usr/bin/time > /dev/null 2>&1; then
  echo "scale.sh: needs GNU time (/usr/bin/time): apt-get install time" >&2
  exit 2
fi

echo "== build (Release)"
dotnet build "$ROOT/tests/SparkImaging.Benchmarks" -c Release -nologo -v:q
if [ -z "${SPARKIMAGING:-}" ]; then
  dotnet build "$ROOT/jobs/SparkImaging.Jobs" -c Release -nologo -v:q
  CLI=(dotnet "$ROOT/jobs/SparkImaging.Jobs/bin/Release/net10.0/sparkimaging.dll")
else
  CLI=("$SPARKIMAGING")
fi

echo "== $COUNT tiles in $TILES"
mkdir -p "$TILES"
dotnet "$ROOT/tests/SparkImaging.Benchmarks/bin/Release/net10.0/SparkImaging.Benchmarks.dll" write-tiles "$TILES" "$COUNT" 64
find "$TILES" -name '*.png' | wc -l | xargs echo "tiles:"

INPUT="$TILES"
if [ -n "${SCALE_ARCHIVE:-}" ]; then
  INPUT="$WORK/tiles-$COUNT.$SCALE_ARCHIVE"
  OUT="$WORK/features-$COUNT-$SCALE_ARCHIVE"
  if [ ! -f "$INPUT" ]; then
    echo "== packing the tiles into $INPUT"
    case "$SCALE_ARCHIVE" in
      tar) tar -C "$TILES" -cf "$INPUT" . ;;
      tar.gz) tar -C "$TILES" -czf "$INPUT" . ;;
      zip) (cd "$TILES" && zip -qr -0 "$INPUT" .) ;;
      *) echo "scale.sh: SCALE_ARCHIVE must be tar, tar.gz or zip" >&2; exit 2 ;;
    esac
  fi
  ls -l "$INPUT"
fi

echo "== featurize (workers $WORKERS; load before: $(cat /proc/loadavg))"
rm -rf "$OUT"
/usr/bin/time -v -o "$WORK/time-$COUNT.txt" "${CLI[@]}" featurize --input "$INPUT" --output "$OUT" --workers "$WORKERS" > "$WORK/featurize-$COUNT.log" &
TIMED=$!
if [ -n "${SCALE_ARCHIVE:-}" ]; then
  # Resident memory of the program (time's child) every 2 s, against the rows in committed parts (8192 a part).
  sleep 1
  PROGRAM=$(pgrep -P "$TIMED" | head -n 1 || true)
  while [ -n "$PROGRAM" ] && kill -0 "$PROGRAM" 2> /dev/null; do
    rss=$(awk '/VmRSS/ {print $2}' "/proc/$PROGRAM/status" 2> /dev/null || true)
    parts=$(find "$OUT" -maxdepth 1 -name 'part-*.parquet' 2> /dev/null | wc -l)
    [ -n "$rss" ] && echo "scale_rss rows_committed=$((parts * 8192)) rss_mb=$((rss / 1024))"
    sleep 2
  done
fi
wait "$TIMED"
cat "$WORK/featurize-$COUNT.log"
echo "load after: $(cat /proc/loadavg)"

peak_kb=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$WORK/time-$COUNT.txt")
wall=$(awk '/Elapsed \(wall clock\)/ {print $NF}' "$WORK/time-$COUNT.txt")
seconds=$(echo "$wall" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
rows=$(grep -o 'featurized [0-9]*' "$WORK/featurize-$COUNT.log" | awk '{print $2}')
echo "== result"
echo "scale_count $COUNT"
echo "scale_rows $rows"
echo "scale_workers $WORKERS"
echo "scale_wall_seconds $seconds"
echo "scale_images_per_second $(awk -v n="$rows" -v s="$seconds" 'BEGIN { printf "%.1f", n / s }')"
echo "scale_peak_rss_mb $(awk -v k="$peak_kb" 'BEGIN { printf "%.1f", k / 1024 }')"
