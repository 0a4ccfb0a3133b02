"""(e) Reads the `key value` lines of a bench.sh run and prints the numbers and ratios against the targets."""
import collections
import statistics
import sys


def load(path):
    values = collections.defaultdict(list)
    with open(path) as lines:
        for line in lines:
            parts = line.split()
            if len(parts) == 2 and not line.startswith("#"):
                values[parts[0]].append(float(parts[1]))
    # Repeated measurements (kernel and end-to-end rounds) are summarised by their median.
    return {key: statistics.median(v) for key, v in values.items()}


def machine(path):
    """The `# cpu:` and `# isa ...` lines bench.sh writes: what the kernels ran on."""
    with open(path) as lines:
        return [line[2:].strip() for line in lines if line.startswith(("# cpu:", "# isa "))]


def ratio(numerator, denominator):
    return numerator / denominator if numerator and denominator else None


def main(path):
    v = load(path)
    g = v.get
    rows = [
        ("kernel 24:3 uniform: skimage ns/px ÷ ours (vector)", ratio(g("skimage_kernel_p24_r3_ns_per_px"), g("ours_kernel_p24_r3_vector_ns_per_px")), "≥ 60× (issue 17; issue 5: 40×)"),
        ("kernel 8:1 uniform: skimage ns/px ÷ ours (vector)", ratio(g("skimage_kernel_p8_r1_ns_per_px"), g("ours_kernel_p8_r1_vector_ns_per_px")), "≥ 60×"),
        ("kernel 24:3: our scalar ÷ our vector", ratio(g("ours_kernel_p24_r3_scalar_ns_per_px"), g("ours_kernel_p24_r3_vector_ns_per_px")), ""),
        ("kernel 8:1: our scalar ÷ our vector", ratio(g("ours_kernel_p8_r1_scalar_ns_per_px"), g("ours_kernel_p8_r1_vector_ns_per_px")), ""),
        ("kernel 24:3: per-sample vector kernel ÷ shared-rows (double)", ratio(g("ours_kernel_p24_r3_persample_ns_per_px"), g("ours_kernel_p24_r3_shared_ns_per_px")), ""),
        ("kernel 8:1: per-sample vector kernel ÷ shared-rows (double)", ratio(g("ours_kernel_p8_r1_persample_ns_per_px"), g("ours_kernel_p8_r1_shared_ns_per_px")), ""),
        ("kernel 24:3: shared-rows (double) ÷ filtered (default, `vector`)", ratio(g("ours_kernel_p24_r3_shared_ns_per_px"), g("ours_kernel_p24_r3_vector_ns_per_px")), ""),
        ("kernel 8:1: shared-rows (double) ÷ filtered (default, `vector`)", ratio(g("ours_kernel_p8_r1_shared_ns_per_px"), g("ours_kernel_p8_r1_vector_ns_per_px")), ""),
    ]
    for ext in ("png", "jpg"):
        seed = g(f"seed_{ext}_images_per_second")
        rows += [
            (f"end-to-end {ext}: CLI --workers 1 ÷ seed (images/s)", ratio(g(f"cli_w1_{ext}_images_per_second"), seed), "≥ 15×"),
            (f"end-to-end {ext}: `dotnet sparkimaging.dll` --workers 1 ÷ seed", ratio(g(f"cli_dll_w1_{ext}_images_per_second"), seed), ""),
            (f"end-to-end {ext}: CLI --workers 2 ÷ --workers 1", ratio(g(f"cli_w2_{ext}_images_per_second"), g(f"cli_w1_{ext}_images_per_second")), "≥ 1.8×"),
            (f"end-to-end {ext}: in-process featurize ÷ seed", ratio(g(f"ours_inprocess_{ext}_images_per_second"), seed), ""),
            (f"decode {ext}: ours ms ÷ cv2.imdecode ms", ratio(g(f"ours_decode_{ext}_ms_per_image"), g(f"cv2_decode_{ext}_ms_per_image")), "≤ 1.3×"),
        ]

    print("\n## Machine\n")
    for line in dict.fromkeys(machine(path)):
        print(f"- {line}")
    print("\n## Measurements (medians)\n")
    print("| key | value |\n|---|---|")
    for key in sorted(v):
        print(f"| {key} | {v[key]:.4g} |")
    print("\n## Ratios\n")
    print("| comparison | ratio | target |\n|---|---|---|")
    for name, value, target in rows:
        shown = f"{value:.2f}×" if value is not None else "n/a (not measured)"
        print(f"| {name} | {shown} | {target} |")


if __name__ == "__main__":
    main(sys.argv[1])
