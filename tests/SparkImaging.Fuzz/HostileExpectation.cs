using SparkImaging.Udfs.Features;
using SparkImaging.Udfs.Imaging;

namespace SparkImaging.Fuzz;

/// <summary>What one hostile input must yield: features (of a known size, when given), or an error of one of the named kinds.</summary>
public sealed record HostileExpectation(bool MayDecode, IReadOnlyList<DecodeFailure> Failures, int? Width = null, int? Height = null)
{
    /// <summary>Must decode, to exactly this stored size.</summary>
    public static HostileExpectation Features(int width, int height) => new(true, [], width, height);

    /// <summary>Must fail with one of these kinds.</summary>
    public static HostileExpectation Fails(params DecodeFailure[] kinds) => new(false, kinds);

    /// <summary>Either decodes (a flipped bit in pixel data can go unnoticed) or fails with one of these kinds.</summary>
    public static HostileExpectation FeaturesOr(params DecodeFailure[] kinds) => new(true, kinds);

    /// <summary>Whether a featurize result meets the expectation.</summary>
    public bool Admits(ImageFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        return Admits(features.Error, features.Width, features.Height);
    }

    /// <summary>Whether a row (error, width, height) meets the expectation.</summary>
    public bool Admits(string? error, int? width, int? height)
    {
        if (error is null)
        {
            return MayDecode && (Width is null || (width == Width && height == Height));
        }

        return Failures.Any(kind => error.StartsWith(ImageDecodeException.Name(kind) + ":", StringComparison.Ordinal));
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var kinds = string.Join(" or ", Failures.Select(ImageDecodeException.Name));
        var features = Width is null ? "features" : $"features of {Width}×{Height}";
        return (MayDecode, Failures.Count) switch
        {
            (true, 0) => features,
            (true, _) => $"{features} or {kinds}",
            _ => kinds,
        };
    }
}
