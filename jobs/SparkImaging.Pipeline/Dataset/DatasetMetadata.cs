using SparkImaging.Udfs.Features;

namespace SparkImaging.Pipeline.Dataset;

/// <summary>The key-value metadata written into every part file.</summary>
public static class DatasetMetadata
{
    /// <summary>The whole feature spec as JSON (<see cref="FeatureSpec.ToJson"/>).</summary>
    public const string FeatureSpecKey = "sparkimaging.feature_spec";

    /// <summary>Program version that wrote the file.</summary>
    public const string VersionKey = "sparkimaging.version";

    /// <summary>LBP specs as <c>P:R:method</c>, comma separated.</summary>
    public const string LbpKey = "sparkimaging.lbp";

    /// <summary>Gray mode.</summary>
    public const string GrayKey = "sparkimaging.gray";

    /// <summary>Normalize mode.</summary>
    public const string NormalizeKey = "sparkimaging.normalize";

    /// <summary>
    /// The archives whose last row this part holds, one path a line: every row of each is committed in this part or an
    /// earlier one, so a resumed run or another shard counts it done without reading it again.
    /// </summary>
    public const string CompleteArchivesKey = "sparkimaging.complete_archives";

    /// <summary>The metadata of a spec.</summary>
    public static Dictionary<string, string> For(FeatureSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [FeatureSpecKey] = spec.ToJson(),
            [VersionKey] = Training.ProgramVersion.Current,
            [LbpKey] = string.Join(',', spec.Lbp),
            [GrayKey] = FeatureSpec.Name(spec.Gray),
            [NormalizeKey] = FeatureSpec.Name(spec.Normalize),
        };
    }
}
