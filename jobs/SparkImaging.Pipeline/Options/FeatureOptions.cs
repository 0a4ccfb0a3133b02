using System.CommandLine;
using SparkImaging.Pipeline;
using SparkImaging.Pipeline.Engine;
using SparkImaging.Pipeline.Inputs;
using SparkImaging.Udfs.Features;
using SparkImaging.Udfs.Imaging;

namespace SparkImaging.Pipeline.Options;

/// <summary>The options of every command that reads images (featurize, predict, run), declared once.</summary>
internal sealed class FeatureOptions
{
    public Option<string[]> Input { get; } = new("--input", "-i")
    {
        Description = "Image files, tar/tar.gz/zip archives (each image member is an input, its path archive!/member), directories (walked recursively) or glob patterns such as 'scans/**/*.png'. Repeatable.",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = true,
        Required = true,
    };

    public Option<string?> Labels { get; } = new("--labels")
    {
        Description = "CSV with columns path,label; default: the name of each file's parent directory.",
    };

    public Option<bool> AllowUnlabeled { get; } = new("--allow-unlabeled")
    {
        Description = "With --labels: write inputs the CSV has no row for without a label (as predict's inputs may be) instead of exiting 2.",
    };

    public Option<string[]> Lbp { get; } = new("--lbp")
    {
        Description = "LBP operator P:R[:method], method default|ror|uniform|nri_uniform (default uniform). Repeatable. Default 24:3:uniform.",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string> Gray { get; } = new("--gray")
    {
        Description = "mean: (R+G+B)/3, alpha ignored, as the seed pipeline; luma: Rec.709 weights.",
        DefaultValueFactory = _ => "mean",
    };

    public Option<string> Normalize { get; } = new("--normalize")
    {
        Description = "max: divide by the image maximum (all-zero stays zero); none: raw sample values.",
        DefaultValueFactory = _ => "max",
    };

    public Option<int> Workers { get; } = new("--workers", "-j")
    {
        Description = "Parallel workers, one per core unless given.",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    };

    public Option<string?> Shard { get; } = new("--shard")
    {
        Description = "I/N: process only shard I (0-based) of N, by a stable hash of the path. Shards commit into one dataset.",
    };

    public Option<bool> Resume { get; } = new("--resume")
    {
        Description = "Complete an interrupted run of the same inputs: keep the rows it committed and process the rest.",
    };

    public Option<bool> Append { get; } = new("--append")
    {
        Description = "Add these inputs to an existing dataset (rows it already holds are kept); without it, an existing dataset is refused.",
    };

    public Option<bool> Overwrite { get; } = new("--overwrite")
    {
        Description = "Replace an existing dataset in the output directory (only this program's files are removed).",
    };

    public Option<double> MaxErrorFraction { get; } = new("--max-error-fraction")
    {
        Description = "Exit with status 3 when more than this fraction of inputs fail; 1 means only when every input fails.",
        DefaultValueFactory = _ => ErrorBudget.DefaultMaxErrorFraction,
    };

    public Option<long> MaxPixels { get; } = new("--max-pixels")
    {
        Description = "Refuse images whose header declares more pixels (8192x8192 = 67108864 unless given).",
        DefaultValueFactory = _ => FeatureSpec.DefaultMaxPixels,
    };

    public Option<int> RowsPerFile { get; } = new("--rows-per-file")
    {
        Description = "Rows per Parquet part file and row group.",
        DefaultValueFactory = _ => 8192,
    };

    public Option<string?> PngDecoder { get; } = new("--png-decoder")
    {
        Description = $"managed (default): this program's PNG decoder and inflate; runtime: SkiaSharp/libpng and .NET's zlib, the way back should ours misbehave. Default from {DecoderSettings.PngRouteVariable}.",
    };

    public Option<double> CommitInterval { get; } = new("--commit-interval")
    {
        Description = "Commit a part file at least every this many seconds, so an interrupted run loses at most that much work.",
        DefaultValueFactory = _ => 60.0,
    };

    public Option<bool> AllFiles { get; } = new("--all-files")
    {
        Description = "Take every file of walked directories, not only image extensions.",
    };

    public void AddTo(Command command, bool withSpec, bool localEngine = true)
    {
        command.Options.Add(Input);
        command.Options.Add(Labels);
        if (withSpec)
        {
            command.Options.Add(Lbp);
            command.Options.Add(Gray);
            command.Options.Add(Normalize);
            command.Options.Add(MaxPixels);
        }

        command.Options.Add(Overwrite);
        command.Options.Add(MaxErrorFraction);
        command.Options.Add(AllFiles);
        command.Options.Add(PngDecoder);
        command.Options.Add(AllowUnlabeled);
        if (localEngine)
        {
            // On Spark the cluster decides parallelism and commits; these belong to the local engine only.
            command.Options.Add(Workers);
            command.Options.Add(Shard);
            command.Options.Add(Resume);
            command.Options.Add(Append);
            command.Options.Add(RowsPerFile);
            command.Options.Add(CommitInterval);
        }
    }

    /// <summary>The feature spec the user asked for; format errors become usage errors naming the value.</summary>
    public FeatureSpec Spec(ParseResult parse)
    {
        try
        {
            return FeatureSpec.Parse(parse.GetValue(Lbp) ?? [], parse.GetValue(Gray)!, parse.GetValue(Normalize)!, parse.GetValue(MaxPixels));
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new PipelineException(PipelineErrorKind.InvalidRequest, PipelineException.UserMessage(e), e);
        }
    }

    /// <summary>The PNG route asked for (option, else the environment variable, else managed), checked at the door.</summary>
    public PngRoute PngRouteOf(ParseResult parse)
    {
        var value = parse.GetValue(PngDecoder) ?? Environment.GetEnvironmentVariable(DecoderSettings.PngRouteVariable);
        try
        {
            return DecoderSettings.ParsePngRoute(value);
        }
        catch (ArgumentException e)
        {
            throw new PipelineException(PipelineErrorKind.InvalidRequest, $"--png-decoder (or {DecoderSettings.PngRouteVariable}) is '{value}'; expected managed or runtime.", e);
        }
    }

    /// <summary>The JPEG route from the environment variable (unset: system), checked at the door like the PNG one.</summary>
    public static JpegRoute JpegRouteOf()
    {
        var value = Environment.GetEnvironmentVariable(DecoderSettings.JpegRouteVariable);
        try
        {
            return DecoderSettings.ParseJpegRoute(value);
        }
        catch (ArgumentException e)
        {
            throw new PipelineException(PipelineErrorKind.InvalidRequest, $"{DecoderSettings.JpegRouteVariable} is '{value}'; expected system or skia.", e);
        }
    }

    private TimeSpan CommitIntervalOf(ParseResult parse)
    {
        var seconds = parse.GetValue(CommitInterval);
        return seconds is > 0 and <= 86_400
            ? TimeSpan.FromSeconds(seconds)
            : throw new PipelineException(PipelineErrorKind.InvalidRequest, $"--commit-interval must be more than 0 and at most 86400 seconds; got {seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
    }

    public FeaturizeOptions Engine(ParseResult parse, string output, FeatureSpec spec)
    {
        var shardText = parse.GetValue(Shard);
        Pipeline.Inputs.Shard shard;
        try
        {
            shard = shardText is null ? Pipeline.Inputs.Shard.All : Pipeline.Inputs.Shard.Parse(shardText);
        }
        catch (FormatException e)
        {
            throw new PipelineException(PipelineErrorKind.InvalidRequest, e.Message, e);
        }

        var rowsPerFile = parse.GetValue(RowsPerFile);
        if (rowsPerFile < 1)
        {
            throw new PipelineException(PipelineErrorKind.InvalidRequest, $"--rows-per-file must be at least 1; got {rowsPerFile}.");
        }

        return new FeaturizeOptions
        {
            Inputs = parse.GetValue(Input) ?? [],
            Output = output,
            Spec = spec,
            LabelsCsv = parse.GetValue(Labels),
            AllowUnlabeled = parse.GetValue(AllowUnlabeled),
            Workers = parse.GetValue(Workers),
            Shard = shard,
            Resume = parse.GetValue(Resume),
            Overwrite = parse.GetValue(Overwrite),
            Append = parse.GetValue(Append),
            MaxErrorFraction = parse.GetValue(MaxErrorFraction),
            RowsPerFile = rowsPerFile,
            CommitInterval = CommitIntervalOf(parse),
            PngRoute = PngRouteOf(parse),
            JpegRoute = JpegRouteOf(),
            AllFiles = parse.GetValue(AllFiles),
        };
    }
}
