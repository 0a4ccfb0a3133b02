using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using SparkImaging.Udfs.Imaging;
using SparkImaging.Udfs.Lbp;

namespace SparkImaging.Udfs.Features;

/// <summary>
/// Everything that determines the features of an image: the LBP operators, gray conversion, normalization
/// and the pixel limit. Saved with datasets and models so the same features can be computed again.
/// </summary>
public sealed partial class FeatureSpec : IEquatable<FeatureSpec>
{
    /// <summary>Default pixel limit: 8192×8192 (67 megapixels), about 540 MB as doubles.</summary>
    public const long DefaultMaxPixels = 8192L * 8192;

    /// <summary>Creates a validated spec.</summary>
    public FeatureSpec(IEnumerable<LbpSpec> lbp, GrayMode gray = GrayMode.Mean, NormalizeMode normalize = NormalizeMode.Max, long maxPixels = DefaultMaxPixels)
    {
        ArgumentNullException.ThrowIfNull(lbp);
        var list = lbp.ToList();
        if (list.Count == 0)
        {
            list.Add(LbpSpec.Default);
        }

        foreach (var spec in list)
        {
            if (!spec.HasHistogram)
            {
                throw new ArgumentException(
                    spec.Method == LbpMethod.Var
                        ? $"LBP spec {spec}: 'var' yields continuous values and has no histogram column."
                        : $"LBP spec {spec}: a '{LbpSpec.MethodName(spec.Method)}' histogram has 2^P bins; P must be at most {LbpSpec.MaxPointsForFullHistogram}.",
                    nameof(lbp));
            }
        }

        var duplicate = list.GroupBy(s => s.ColumnName).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"LBP spec {duplicate.First()} is given more than once.", nameof(lbp));
        }

        if (maxPixels < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxPixels), maxPixels, "The pixel limit must be positive.");
        }

        Lbp = list.AsReadOnly();
        Gray = gray;
        Normalize = normalize;
        MaxPixels = maxPixels;
    }

    /// <summary>The seed pipeline's features: 24:3:uniform, mean gray, max normalization.</summary>
    public static FeatureSpec Default { get; } = new([LbpSpec.Default]);

    /// <summary>One histogram column per operator, in this order.</summary>
    public IReadOnlyList<LbpSpec> Lbp { get; }

    /// <summary>Gray conversion.</summary>
    public GrayMode Gray { get; }

    /// <summary>Normalization.</summary>
    public NormalizeMode Normalize { get; }

    /// <summary>Images with more pixels are refused from their header.</summary>
    public long MaxPixels { get; }

    /// <summary>Parses command-line style values (<c>24:3:uniform</c>, <c>mean</c>, <c>max</c>).</summary>
    public static FeatureSpec Parse(IEnumerable<string> lbpSpecs, string gray, string normalize, long maxPixels)
    {
        ArgumentNullException.ThrowIfNull(lbpSpecs);
        return new FeatureSpec(lbpSpecs.Select(LbpSpec.Parse), ParseGray(gray), ParseNormalize(normalize), maxPixels);
    }

    /// <summary>Parses <c>mean</c> or <c>luma</c>.</summary>
    public static GrayMode ParseGray(string value) => value?.ToLowerInvariant() switch
    {
        "mean" => GrayMode.Mean,
        "luma" => GrayMode.Luma,
        _ => throw new FormatException($"Gray mode '{value}' is not one of mean, luma."),
    };

    /// <summary>Parses <c>max</c> or <c>none</c>.</summary>
    public static NormalizeMode ParseNormalize(string value) => value?.ToLowerInvariant() switch
    {
        "max" => NormalizeMode.Max,
        "none" => NormalizeMode.None,
        _ => throw new FormatException($"Normalize mode '{value}' is not one of max, none."),
    };

    /// <summary>Lower-case name of a gray mode.</summary>
    public static string Name(GrayMode mode) => mode.ToString().ToLowerInvariant();

    /// <summary>Lower-case name of a normalize mode.</summary>
    public static string Name(NormalizeMode mode) => mode.ToString().ToLowerInvariant();

    /// <summary>
    /// Serializes to a small JSON document, the same text as the JSON serializer writes for <see cref="Document"/>.
    /// Written by hand because every value is a token of digits, lower-case letters, ':' and '_' that needs no
    /// escaping, while the serializer's first use took about 25 ms of every command-line run's start.
    /// </summary>
    public string ToJson() => string.Create(
        CultureInfo.InvariantCulture,
        $"{{\"lbp\":[{string.Join(',', Lbp.Select(s => $"\"{s}\""))}],\"gray\":\"{Name(Gray)}\",\"normalize\":\"{Name(Normalize)}\",\"max_pixels\":{MaxPixels}}}");

    /// <summary>Reads <see cref="ToJson"/>'s output.</summary>
    public static FeatureSpec FromJson(string json)
    {
        var document = JsonSerializer.Deserialize(json, DocumentContext.Default.Document)
            ?? throw new FormatException("Feature spec JSON is empty.");
        return Parse(document.Lbp ?? [], document.Gray ?? "mean", document.Normalize ?? "max", document.MaxPixels);
    }

    /// <inheritdoc/>
    public bool Equals(FeatureSpec? other) =>
        other is not null && Lbp.SequenceEqual(other.Lbp) && Gray == other.Gray && Normalize == other.Normalize && MaxPixels == other.MaxPixels;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as FeatureSpec);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Lbp.Count, Gray, Normalize, MaxPixels);

    /// <inheritdoc/>
    public override string ToString() => $"lbp={string.Join(',', Lbp)} gray={Name(Gray)} normalize={Name(Normalize)}";

    internal sealed record Document(
        [property: JsonPropertyName("lbp")] string[]? Lbp,
        [property: JsonPropertyName("gray")] string? Gray,
        [property: JsonPropertyName("normalize")] string? Normalize,
        [property: JsonPropertyName("max_pixels")] long MaxPixels);

    [JsonSerializable(typeof(Document))]
    internal sealed partial class DocumentContext : JsonSerializerContext;
}
