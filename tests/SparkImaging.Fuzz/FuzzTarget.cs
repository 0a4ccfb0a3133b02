using SparkImaging.Udfs.Features;
using SparkImaging.Udfs.Imaging;
using SparkImaging.Udfs.Lbp;

namespace SparkImaging.Fuzz;

/// <summary>
/// The libFuzzer-style entry point over decode + featurize. Any exception other than an
/// <see cref="ImageDecodeException"/> escaping the decoder, or a broken invariant, is a finding.
/// </summary>
public static class FuzzTarget
{
    /// <summary>Small enough that a mutated header cannot make one input take seconds; big enough for every seed.</summary>
    public const long MaxPixels = 1L << 18;

    private static readonly string[] KnownKinds = Enum.GetValues<DecodeFailure>().Select(ImageDecodeException.Name).ToArray();

    private static readonly ImageFeaturizer Featurizer = new(new FeatureSpec([new LbpSpec(8, 1, LbpMethod.Uniform), new LbpSpec(4, 2.5, LbpMethod.Default)], maxPixels: MaxPixels));

    /// <summary>Runs one input; throws <see cref="FuzzInvariantException"/> (or whatever escaped) on a finding.</summary>
    public static void Run(ReadOnlySpan<byte> data)
    {
        var features = Featurizer.Featurize(data);
        if (features.Error is not null)
        {
            CheckReason(features.Error);
            Require(features.Histograms is null, "an error row carries histograms");
            return;
        }

        Require(features.Width > 0 && features.Height > 0, $"features of a {features.Width}×{features.Height} image");
        Require((long)features.Width!.Value * features.Height!.Value <= MaxPixels, "an image over the pixel limit was decoded");
        Require(features.Histograms is { Count: 2 }, "not one histogram per spec");
        foreach (var histogram in features.Histograms!)
        {
            var sum = 0.0;
            foreach (var fraction in histogram)
            {
                Require(fraction is >= 0 and <= 1, $"histogram bin {fraction} outside [0, 1]");
                sum += fraction;
            }

            Require(Math.Abs(sum - 1) < 1e-4, $"histogram sums to {sum}, not 1");
        }
    }

    /// <summary>
    /// <see cref="Run"/> after <see cref="PngChecksums.Repair"/> on a copy: the CRC-repairing mode, in which AFL's
    /// mutations of a PNG reach the inflater and the unfilters.
    /// </summary>
    public static void RunRepaired(ReadOnlySpan<byte> data)
    {
        var copy = data.ToArray();
        PngChecksums.Repair(copy);
        Run(copy);
    }

    private static void CheckReason(string reason)
    {
        Require(Array.Exists(KnownKinds, kind => reason.StartsWith(kind + ": ", StringComparison.Ordinal)), $"error '{reason}' does not start with a known kind");
    }

    private static void Require(bool condition, string finding)
    {
        if (!condition)
        {
            throw new FuzzInvariantException(finding);
        }
    }
}
