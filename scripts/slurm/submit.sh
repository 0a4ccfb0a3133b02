#!/usr/bin/env bash
# Submits a SparkImaging run to Slurm: a featurize array of SHARDS tasks into OUTPUT/features, then
# a train job into OUTPUT/model that starts only if every shard succeeded (afterok) and is
# cancelled if one fails (--kill-on-invalid-dep). OUTPUT must be on a filesystem every node sees.
#
#   scripts/publish.sh    # once: artifacts/publish/linux-x64/sparkimaging, copy it to shared storage
#   scripts/slurm/submit.sh --bin /shared/bin/sparkimaging --input /shared/images \
#       --output /shared/run1 --shards 16 --partition cpu --cpus 8 --mem 16G --time 04:00:00
#   scripts/slurm/submit.sh ... -- --lbp 8:1 --lbp 24:3     # options after -- go to featurize
#
# Each setting is an environment variable with a default, overridden by its flag:
#   SPARKIMAGING_BIN (--bin)  [artifacts/publish/linux-x64/sparkimaging in this checkout]
#   INPUTS (--input, repeatable; the variable is ':'-separated)   OUTPUT (--output)  required
#   SHARDS (--shards) [4]   PARTITION (--partition) [cluster default]   ACCOUNT (--account) [none]
#   CPUS (--cpus) [4], passed to featurize as --workers   MEM (--mem) [8G]   TIME (--time) [02:00:00]
#   TRAIN_CPUS (--train-cpus) [$CPUS]   TRAIN_MEM (--train-mem) [$MEM]   TRAIN_TIME (--train-time) [01:00:00]
#   TASKS (--tasks) [0-(SHARDS-1)]: which shards to run, in sbatch --array syntax (e.g. 2,5 to redo two)
#   MAX_PARALLEL (--max-parallel) [no limit]: at most this many shards run at once (array %k)
#   RESUME (--resume) [0]: shards keep what an earlier submission of the same OUTPUT committed
#   TRAIN_ARGS [none]: extra train options, split on spaces
#   DRY_RUN (--dry-run) [0]: print the sbatch commands instead of running them
# Prints FEATURIZE_JOB_ID=<id> and TRAIN_JOB_ID=<id>; job logs go to OUTPUT/logs/.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"

SPARKIMAGING_BIN="${SPARKIMAGING_BIN:-$ROOT/artifacts/publish/linux-x64/sparkimaging}"
INPUTS="${INPUTS:-}"
OUTPUT="${OUTPUT:-}"
SHARDS="${SHARDS:-4}"
PARTITION="${PARTITION:-}"
ACCOUNT="${ACCOUNT:-}"
CPUS="${CPUS:-4}"
MEM="${MEM:-8G}"
TIME="${TIME:-02:00:00}"
TRAIN_CPUS="${TRAIN_CPUS:-}"
TRAIN_MEM="${TRAIN_MEM:-}"
TRAIN_TIME="${TRAIN_TIME:-01:00:00}"
TASKS="${TASKS:-}"
MAX_PARALLEL="${MAX_PARALLEL:-}"
RESUME="${RESUME:-0}"
TRAIN_ARGS="${TRAIN_ARGS:-}"
DRY_RUN="${DRY_RUN:-0}"
FEATURIZE_ARGS=()

INPUT_LIST=()
if [[ -n "$INPUTS" ]]; then
    IFS=':' read -r -a INPUT_LIST <<<"$INPUTS"
fi

usage() {
    sed -n '2,23p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

while [[ $# -gt 0 ]]; do
    case "$1" in
        --bin) SPARKIMAGING_BIN="$2"; shift 2 ;;
        --input) INPUT_LIST+=("$2"); shift 2 ;;
        --output) OUTPUT="$2"; shift 2 ;;
        --shards) SHARDS="$2"; shift 2 ;;
        --partition) PARTITION="$2"; shift 2 ;;
        --account) ACCOUNT="$2"; shift 2 ;;
        --cpus) CPUS="$2"; shift 2 ;;
        --mem) MEM="$2"; shift 2 ;;
        --time) TIME="$2"; shift 2 ;;
        --train-cpus) TRAIN_CPUS="$2"; shift 2 ;;
        --train-mem) TRAIN_MEM="$2"; shift 2 ;;
        --train-time) TRAIN_TIME="$2"; shift 2 ;;
        --tasks) TASKS="$2"; shift 2 ;;
        --max-parallel) MAX_PARALLEL="$2"; shift 2 ;;
        --resume) RESUME=1; shift ;;
        --dry-run) DRY_RUN=1; shift ;;
        --help|-h) usage; exit 0 ;;
        --) shift; FEATURIZE_ARGS=("$@"); break ;;
        *) echo "submit.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done
TRAIN_CPUS="${TRAIN_CPUS:-$CPUS}"
TRAIN_MEM="${TRAIN_MEM:-$MEM}"

fail() {
    echo "submit.sh: $*" >&2
    exit 2
}
[[ -n "$OUTPUT" ]] || fail "--output (or OUTPUT) is required"
[[ ${#INPUT_LIST[@]} -gt 0 ]] || fail "at least one --input (or INPUTS) is required"
[[ "$SHARDS" =~ ^[1-9][0-9]*$ ]] || fail "--shards must be a positive integer, got '$SHARDS'"
[[ "$CPUS" =~ ^[1-9][0-9]*$ ]] || fail "--cpus must be a positive integer, got '$CPUS'"
if ((!DRY_RUN)); then
    [[ -x "$SPARKIMAGING_BIN" ]] || fail "no executable at '$SPARKIMAGING_BIN' (run scripts/publish.sh or pass --bin)"
    command -v sbatch >/dev/null || fail "sbatch not found: is this a Slurm login node?"
fi

# Jobs may start in another directory on another node: every path they see must be absolute.
absolute() {
    if [[ "$1" == /* ]]; then echo "$1"; else echo "$PWD/$1"; fi
}
OUTPUT="$(absolute "$OUTPUT")"
SPARKIMAGING_BIN="$(absolute "$SPARKIMAGING_BIN")"
SHARD_INPUTS=()
for input in "${INPUT_LIST[@]}"; do
    SHARD_INPUTS+=(--input "$(absolute "$input")")
done

COMMON=()
[[ -n "$PARTITION" ]] && COMMON+=(--partition="$PARTITION")
[[ -n "$ACCOUNT" ]] && COMMON+=(--account="$ACCOUNT")

ARRAY="${TASKS:-0-$((SHARDS - 1))}"
[[ -n "$MAX_PARALLEL" ]] && ARRAY="$ARRAY%$MAX_PARALLEL"

FEATURIZE_SCRIPT_ARGS=(--bin "$SPARKIMAGING_BIN" --output "$OUTPUT/features" --shards "$SHARDS"
    --workers "$CPUS" "${SHARD_INPUTS[@]}")
((RESUME)) && FEATURIZE_SCRIPT_ARGS+=(--resume)
FEATURIZE_SCRIPT_ARGS+=(-- "${FEATURIZE_ARGS[@]}")

FEATURIZE_CMD=(sbatch --parsable "${COMMON[@]}" --job-name=sparkimaging-featurize
    --array="$ARRAY" --cpus-per-task="$CPUS" --mem="$MEM" --time="$TIME"
    --output="$OUTPUT/logs/featurize-%A_%a.out"
    "$HERE/featurize-array.sbatch" "${FEATURIZE_SCRIPT_ARGS[@]}")

# TRAIN_ARGS is documented as space-separated.
read -r -a TRAIN_EXTRA <<<"$TRAIN_ARGS"
train_cmd() {
    TRAIN_CMD=(sbatch --parsable "${COMMON[@]}" --job-name=sparkimaging-train
        --dependency="afterok:$1" --kill-on-invalid-dep=yes
        --cpus-per-task="$TRAIN_CPUS" --mem="$TRAIN_MEM" --time="$TRAIN_TIME"
        --output="$OUTPUT/logs/train-%j.out"
        "$HERE/train.sbatch" --bin "$SPARKIMAGING_BIN"
        --features "$OUTPUT/features" --model "$OUTPUT/model" -- "${TRAIN_EXTRA[@]}")
}

if ((DRY_RUN)); then
    printf '%q ' "${FEATURIZE_CMD[@]}"; echo
    train_cmd '<featurize-job-id>'
    printf '%q ' "${TRAIN_CMD[@]}"; echo
    exit 0
fi

# Slurm does not create the directories of --output log files; a missing one fails the job silently.
mkdir -p "$OUTPUT/logs"

# --parsable prints "jobid" or "jobid;cluster".
FEATURIZE_JOB_ID="$("${FEATURIZE_CMD[@]}")"
FEATURIZE_JOB_ID="${FEATURIZE_JOB_ID%%;*}"
echo "FEATURIZE_JOB_ID=$FEATURIZE_JOB_ID"

train_cmd "$FEATURIZE_JOB_ID"
if ! TRAIN_JOB_ID="$("${TRAIN_CMD[@]}")"; then
    # Without its train job the array would produce features nobody asked to train on: say so.
    echo "submit.sh: train submission failed; featurize array $FEATURIZE_JOB_ID is still queued" >&2
    exit 1
fi
TRAIN_JOB_ID="${TRAIN_JOB_ID%%;*}"
echo "TRAIN_JOB_ID=$TRAIN_JOB_ID"
echo "submit.sh: watch with: squeue -j $FEATURIZE_JOB_ID,$TRAIN_JOB_ID; logs in $OUTPUT/logs/" >&2
