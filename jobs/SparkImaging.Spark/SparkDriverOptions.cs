using System.Globalization;
using SparkImaging.Jobs.Cli;
using SparkImaging.Udfs.Features;

namespace SparkImaging.Spark;

/// <summary>
/// The validated arguments of the Spark driver. Option names are those of <c>sparkimaging run</c>,
/// plus the few that only make sense on a cluster (<c>--partitions</c>, <c>--group-size</c>, ...).
/// </summary>
internal sealed record SparkDriverOptions
{
    /// <summary>The contract's default when no <c>--lbp</c> is given.</summary>
    public const string DefaultLbpSpec = "24:3:uniform";

    public const string DefaultGray = "mean";
    public const string DefaultNormalize = "max";

    /// <summary>Images above this many pixels get a <c>too many pixels</c> error instead of a decode.</summary>
    public const long DefaultMaxPixels = 100_000_000;

    /// <summary>
    /// Images per UDF call. A group reaches the .NET worker as whole encoded files in one Arrow batch,
    /// so this bounds the worker's memory, not only its throughput.
    /// </summary>
    public const int DefaultGroupSize = 32;

    /// <summary>Spark's binaryFile reader matches this against file names (case-sensitive Hadoop glob).</summary>
    public const string DefaultPathGlobFilter =
        "*.{png,PNG,jpg,JPG,jpeg,JPEG,bmp,BMP,gif,GIF,tif,TIF,tiff,TIFF,webp,WEBP}";

    public const double DefaultTestFraction = 0.2;

    public const string Usage = """
        usage: SparkImaging.Spark --input PATH [--input PATH ...] --output DIR [options]

          --input PATH            file, directory (walked recursively) or glob; repeatable; any Hadoop URI
          --output DIR            features go to DIR/features, the model to DIR/model
          --labels FILE.csv       columns path,label; overrides the parent-directory label
          --lbp P:R[:method]      repeatable; method default|ror|uniform|nri_uniform (default 24:3:uniform)
          --gray mean|luma        default mean
          --normalize max|none    default max
          --max-pixels N          default 100000000
          --partitions N          number of UDF groups (overrides --group-size)
          --group-size N          images per UDF group, default 32
          --path-glob-filter G    file-name glob for the binaryFile reader
          --max-error-fraction F  exit 3 when more than F of the inputs failed (default 1: only when all did)
          --overwrite             replace an existing DIR/features instead of failing
          --no-train              featurize only
          --seed N                training seed (default 0)
          --test-fraction F       stratified hold-out fraction (default 0.2)
        """;

    public required IReadOnlyList<string> Inputs { get; init; }

    public required string OutputDirectory { get; init; }

    public string? LabelsCsv { get; init; }

    public required FeatureSpec FeatureSpec { get; init; }

    public int? Partitions { get; init; }

    public int GroupSize { get; init; } = DefaultGroupSize;

    public string PathGlobFilter { get; init; } = DefaultPathGlobFilter;

    public double MaxErrorFraction { get; init; } = 1.0;

    public bool Overwrite { get; init; }

    public bool Train { get; init; } = true;

    public int Seed { get; init; }

    public double TestFraction { get; init; } = DefaultTestFraction;

    /// <summary>Where Spark writes the feature dataset (any Hadoop URI).</summary>
    public string FeaturesUri => $"{OutputDirectory.TrimEnd('/')}/features";

    /// <summary>The feature dataset as the driver's own file system sees it, for training on the driver.</summary>
    public string FeaturesLocalPath => Path.Combine(DriverLocalPath(OutputDirectory), "features");

    public string ModelLocalPath => Path.Combine(DriverLocalPath(OutputDirectory), "model");

    /// <summary>
    /// Parses and checks the arguments once, at the door. Returns null after writing a message that
    /// names the bad value to <paramref name="error"/>; the caller exits with <see cref="ExitCodes.BadUsage"/>.
    /// </summary>
    public static SparkDriverOptions? Parse(IReadOnlyList<string> args, TextWriter error)
    {
        var inputs = new List<string>();
        var lbpSpecs = new List<string>();
        string? output = null;
        string? labels = null;
        string gray = DefaultGray;
        string normalize = DefaultNormalize;
        long maxPixels = DefaultMaxPixels;
        int? partitions = null;
        int groupSize = DefaultGroupSize;
        string pathGlobFilter = DefaultPathGlobFilter;
        double maxErrorFraction = 1.0;
        bool overwrite = false;
        bool train = true;
        int seed = 0;
        double testFraction = DefaultTestFraction;

        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            switch (name)
            {
                case "--help" or "-h":
                    error.WriteLine(Usage);
                    return null;
                case "--overwrite":
                    overwrite = true;
                    continue;
                case "--no-train":
                    train = false;
                    continue;
            }

            if (i + 1 >= args.Count)
            {
                return Fail(error, $"{name} needs a value");
            }

            string value = args[++i];
            switch (name)
            {
                case "--input": inputs.Add(value); break;
                case "--output": output = value; break;
                case "--labels": labels = value; break;
                case "--lbp": lbpSpecs.Add(value); break;
                case "--gray": gray = value; break;
                case "--normalize": normalize = value; break;
                case "--max-pixels" when long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long p) && p > 0:
                    maxPixels = p;
                    break;
                case "--partitions" when TryParsePositive(value, out int n):
                    partitions = n;
                    break;
                case "--group-size" when TryParsePositive(value, out int n):
                    groupSize = n;
                    break;
                case "--path-glob-filter": pathGlobFilter = value; break;
                case "--max-error-fraction" when TryParseFraction(value, out double f):
                    maxErrorFraction = f;
                    break;
                case "--seed" when int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int s):
                    seed = s;
                    break;
                case "--test-fraction" when TryParseFraction(value, out double f) && f > 0 && f < 1:
                    testFraction = f;
                    break;
                case "--max-pixels" or "--partitions" or "--group-size" or "--max-error-fraction" or "--seed" or "--test-fraction":
                    return Fail(error, $"{name}: '{value}' is not a valid value");
                default:
                    return Fail(error, $"unknown option '{name}'");
            }
        }

        if (inputs.Count == 0)
        {
            return Fail(error, "--input is required");
        }

        if (string.IsNullOrWhiteSpace(output))
        {
            return Fail(error, "--output is required");
        }

        if (train)
        {
            if (!IsDriverLocal(output))
            {
                return Fail(error, $"--output '{output}': training runs on the driver and reads the features with the driver's file system; use a local or file:// path (shared with the executors), or pass --no-train");
            }

            // Spark would resolve a bare path against its default file system (HDFS on YARN), while training
            // reads the driver's disk; pinning it to file:// makes both sides mean the same directory.
            output = ToFileUri(output);
        }

        FeatureSpec spec;
        try
        {
            spec = FeatureSpec.Parse(lbpSpecs.Count == 0 ? [DefaultLbpSpec] : lbpSpecs, gray, normalize, maxPixels);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            return Fail(error, ex.Message);
        }

        return new SparkDriverOptions
        {
            Inputs = inputs,
            OutputDirectory = output,
            LabelsCsv = labels,
            FeatureSpec = spec,
            Partitions = partitions,
            GroupSize = groupSize,
            PathGlobFilter = pathGlobFilter,
            MaxErrorFraction = maxErrorFraction,
            Overwrite = overwrite,
            Train = train,
            Seed = seed,
            TestFraction = testFraction,
        };
    }

    private static SparkDriverOptions? Fail(TextWriter error, string message)
    {
        error.WriteLine($"error: {message}");
        error.WriteLine("run with --help for the options");
        return null;
    }

    private static bool TryParsePositive(string value, out int result) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out result) && result > 0;

    private static bool TryParseFraction(string value, out double result) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out result) && result >= 0 && result <= 1;

    private static bool IsDriverLocal(string uri) => UriScheme(uri) is null or "file";

    /// <summary>Not percent-encoded: Hadoop's Path would keep a <c>%20</c> as three literal characters.</summary>
    private static string ToFileUri(string pathOrUri) =>
        UriScheme(pathOrUri) is null ? "file://" + Path.GetFullPath(pathOrUri) : pathOrUri;

    /// <summary>Accepts Hadoop's <c>file:/a/b</c> as well as <c>file:///a/b</c>; System.Uri rejects the former.</summary>
    private static string DriverLocalPath(string uri)
    {
        if (UriScheme(uri) != "file")
        {
            return uri;
        }

        string rest = uri["file:".Length..];
        return rest.StartsWith("//", StringComparison.Ordinal) ? new Uri(uri).LocalPath : Uri.UnescapeDataString(rest);
    }

    /// <summary>The URI scheme in lower case, or null for a plain path (a one-letter "scheme" is a drive).</summary>
    private static string? UriScheme(string value)
    {
        int colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon < 2 || !char.IsAsciiLetter(value[0]))
        {
            return null;
        }

        for (int i = 1; i < colon; i++)
        {
            char c = value[i];
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return null;
            }
        }

        return value[..colon].ToLowerInvariant();
    }
}
