namespace SparkImaging.Pipeline.Training;

/// <summary>What <see cref="EvaluationPipeline.RunAsync"/> scores and where the metrics go.</summary>
public sealed record EvaluateOptions
{
    /// <summary>The feature dataset directory to score.</summary>
    public required string FeaturesDirectory { get; init; }

    /// <summary>A model directory written by train.</summary>
    public required string ModelDirectory { get; init; }

    /// <summary>Metrics JSON file; default <c>evaluation.json</c> in the model directory.</summary>
    public string? Output { get; init; }
}
