using SparkImaging.Pipeline.Inputs;
using SparkImaging.Pipeline.Training;
using SparkImaging.Udfs.Features;
using SparkImaging.Udfs.Imaging;

namespace SparkImaging.Pipeline.Spark;

/// <summary>What the Spark driver was asked to do: <c>sparkimaging run</c>'s options plus the cluster-only ones, checked.</summary>
public sealed record SparkRunRequest
{
    /// <summary>Files, directories or globs; plain paths or any Hadoop URI.</summary>
    public required IReadOnlyList<string> Inputs { get; init; }

    /// <summary>The job directory (plain path or Hadoop URI): features/ and model/ go inside it.</summary>
    public required string Output { get; init; }

    /// <summary>The labels CSV (plain path or Hadoop URI), or null for parent-directory labels.</summary>
    public string? LabelsCsv { get; init; }

    /// <summary>The feature spec every executor computes.</summary>
    public required FeatureSpec Spec { get; init; }

    /// <summary>How the executors decode PNGs; passed to them as <c>spark.executorEnv</c> of <see cref="DecoderSettings.PngRouteVariable"/>.</summary>
    public PngRoute PngRoute { get; init; } = PngRoute.Managed;

    /// <summary>With a labels CSV: write inputs it has no row for without a label instead of refusing the run.</summary>
    public bool AllowUnlabeled { get; init; }

    /// <summary>Take every file of walked directories, not only image extensions.</summary>
    public bool AllFiles { get; init; }

    /// <summary>Number of UDF groups, overriding <see cref="GroupSize"/>.</summary>
    public int? Partitions { get; init; }

    /// <summary>Images per UDF group.</summary>
    public int GroupSize { get; init; } = SparkGroups.DefaultGroupSize;

    /// <summary>The error budget (<see cref="Engine.ErrorBudget"/>).</summary>
    public double MaxErrorFraction { get; init; } = Engine.ErrorBudget.DefaultMaxErrorFraction;

    /// <summary>Replace an existing features/ and model/.</summary>
    public bool Overwrite { get; init; }

    /// <summary>Train and evaluate after featurizing.</summary>
    public bool Train { get; init; } = true;

    /// <summary>The model options, as <c>sparkimaging train</c> takes them; its directories are <see cref="FeaturesUri"/> and <see cref="ModelUri"/>.</summary>
    public required TrainOptions Training { get; init; }

    /// <summary>Where Spark writes the feature dataset.</summary>
    public string FeaturesUri => StorageUri.Child(Output, "features");

    /// <summary>Where the model directory is published.</summary>
    public string ModelUri => StorageUri.Child(Output, "model");

    /// <summary>binaryFile's file-name filter for these options.</summary>
    public string PathGlobFilter => SparkSql.PathGlobFilter(AllFiles);
}
