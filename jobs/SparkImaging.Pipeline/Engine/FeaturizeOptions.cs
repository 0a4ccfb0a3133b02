using SparkImaging.Udfs.Imaging;
using SparkImaging.Pipeline.Inputs;
using SparkImaging.Udfs.Features;

namespace SparkImaging.Pipeline.Engine;

/// <summary>Everything a featurize (or predict) run needs.</summary>
public sealed record FeaturizeOptions
{
    /// <summary>Files, directories and globs.</summary>
    public required IReadOnlyList<string> Inputs { get; init; }

    /// <summary>Dataset directory.</summary>
    public required string Output { get; init; }

    /// <summary>Folders never read as inputs besides <see cref="Output"/> (run's job folder, where the model's plots go).</summary>
    public IReadOnlyList<string> ExcludeFromInputs { get; init; } = [];

    /// <summary>Features to compute.</summary>
    public FeatureSpec Spec { get; init; } = FeatureSpec.Default;

    /// <summary><c>path,label</c> CSV; null for parent-directory labels.</summary>
    public string? LabelsCsv { get; init; }

    /// <summary>Write inputs the labels CSV has no row for without a label, instead of refusing the run.</summary>
    public bool AllowUnlabeled { get; init; }

    /// <summary>Parallel workers.</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>Which shard of the inputs this run handles.</summary>
    public Shard Shard { get; init; } = Shard.All;

    /// <summary>Keep committed rows and process the rest.</summary>
    public bool Resume { get; init; }

    /// <summary>Add this run's inputs to an existing dataset (rows it already holds are kept, not recomputed).</summary>
    public bool Append { get; init; }

    /// <summary>Replace an existing dataset.</summary>
    public bool Overwrite { get; init; }

    /// <summary>Exit 3 when more than this fraction of inputs fail.</summary>
    public double MaxErrorFraction { get; init; } = ErrorBudget.DefaultMaxErrorFraction;

    /// <summary>Rows per part file (one row group each): ~8k rows of histograms is a few MB.</summary>
    public int RowsPerFile { get; init; } = 8192;

    /// <summary>Commit at least this often so slow runs keep progress across crashes.</summary>
    public TimeSpan CommitInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How PNGs are decoded in this process (<see cref="DecoderSettings.PngRoute"/>), set when the run starts.</summary>
    public PngRoute PngRoute { get; init; } = PngRoute.Managed;

    /// <summary>How JPEGs are decoded (<see cref="DecoderSettings.JpegRouteVariable"/>, checked when the options are read).</summary>
    public JpegRoute JpegRoute { get; init; } = JpegRoute.System;

    /// <summary>Take every file of walked directories, not only image extensions.</summary>
    public bool AllFiles { get; init; }

    /// <summary>Files larger than this are not read.</summary>
    public long MaxFileBytes { get; init; } = 1L << 30;

    /// <summary>Images per batch handed to the batch function.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Called with each path just before it is read; in-process tests change files there (not a CLI option).</summary>
    internal Action<string>? BeforeRead { get; init; }
}
