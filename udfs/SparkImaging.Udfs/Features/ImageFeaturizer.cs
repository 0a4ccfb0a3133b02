using SparkImaging.Udfs.Imaging;
using SparkImaging.Udfs.Lbp;
using SparkImaging.Udfs.Memory;

namespace SparkImaging.Udfs.Features;

/// <summary>
/// The per-image function: encoded bytes → decode → gray → normalize → LBP → histograms.
/// All (P, R) operators of the spec run on one decoded gray plane. Thread-safe.
/// </summary>
public sealed class ImageFeaturizer
{
    private readonly LbpOperator[] operators;

    /// <summary>Creates a featurizer for a spec.</summary>
    public ImageFeaturizer(FeatureSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Spec = spec;
        operators = spec.Lbp.Select(LbpOperator.For).ToArray();
    }

    /// <summary>The spec.</summary>
    public FeatureSpec Spec { get; }

    /// <summary>Features of one encoded image; decoding failures become an error, never an exception.</summary>
    public ImageFeatures Featurize(ReadOnlySpan<byte> encoded)
    {
        ImageInfo info = default;
        try
        {
            info = ImageDecoder.ReadInfo(encoded);
            using var gray = ImageDecoder.DecodeGray(encoded, info, Spec.Gray, Spec.MaxPixels);
            return new ImageFeatures(gray.Width, gray.Height, null, Histograms(gray));
        }
        catch (ImageDecodeException e)
        {
            return info.Width > 0
                ? ImageFeatures.Failed(e.Reason, info.Width, info.Height)
                : ImageFeatures.Failed(e.Reason);
        }
    }

    /// <summary>Normalizes the gray plane in place and computes one histogram per operator.</summary>
    public IReadOnlyList<float[]> Histograms(GrayImage gray)
    {
        ArgumentNullException.ThrowIfNull(gray);
        gray.Normalize(Spec.Normalize);
        var total = (double)gray.Width * gray.Height;
        var histograms = new float[operators.Length][];
        for (var k = 0; k < operators.Length; k++)
        {
            var bins = operators[k].Spec.BinCount;
            using var counts = new PooledBuffer<long>(bins);
            counts.Span.Clear();
            operators[k].CountCodes(gray.Pixels, gray.Height, gray.Width, counts.Span);
            var histogram = new float[bins];
            for (var b = 0; b < bins; b++)
            {
                // Divide in double, then round once, as numpy's (counts / size).astype(float32).
                histogram[b] = (float)(counts.Span[b] / total);
            }

            histograms[k] = histogram;
        }

        return histograms;
    }
}
