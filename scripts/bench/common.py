"""Shared helpers of the benchmark scripts: interleaved rounds, medians, result lines."""
import glob
import os
import statistics
import time


def files(directory, extension):
    """The benchmark images of one format, in a stable order."""
    return sorted(glob.glob(os.path.join(directory, "*." + extension)))


def median_seconds(cases, rounds, calls=1):
    """Median seconds per call of each case; the cases take turns every round so load spikes hit all alike."""
    for run in cases:  # warm-up
        run()
    samples = [[] for _ in cases]
    for _ in range(rounds):
        for k, run in enumerate(cases):
            start = time.perf_counter()
            for _ in range(calls):
                run()
            samples[k].append((time.perf_counter() - start) / calls)
    return [statistics.median(s) for s in samples]


def emit(key, value):
    """One result line: `key value`, collected by report.py."""
    print(f"{key} {value:.6g}", flush=True)
