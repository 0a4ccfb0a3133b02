"""Shared helpers of the benchmark scripts: interleaved rounds, medians, result lines."""
import glob
import os
import statistics
import time

# BENCH_CPU_TIME=1: the process's processor time and the fastest round, as the benchmarks program does with the same
# switch, for a machine others are using (time spent waiting for a core is not counted).
CPU_TIME = os.environ.get("BENCH_CPU_TIME") == "1"


def files(directory, extension):
    """The benchmark images of one format, in a stable order."""
    return sorted(glob.glob(os.path.join(directory, "*." + extension)))


def median_seconds(cases, rounds, calls=1):
    """Median seconds per call of each case (fastest processor time with BENCH_CPU_TIME=1); the cases take turns every
    round so load spikes hit all alike."""
    clock = time.process_time if CPU_TIME else time.perf_counter
    for run in cases:  # warm-up
        run()
    samples = [[] for _ in cases]
    for _ in range(rounds):
        for k, run in enumerate(cases):
            start = clock()
            for _ in range(calls):
                run()
            samples[k].append((clock() - start) / calls)
    return [min(s) if CPU_TIME else statistics.median(s) for s in samples]


def emit(key, value):
    """One result line: `key value`, collected by report.py."""
    print(f"{key} {value:.6g}", flush=True)
