using System.Text.Json.Serialization;

namespace SparkImaging.Pipeline.Training;

/// <summary>The <c>model.json</c> beside <c>model.zip</c>: what a caller needs to interpret the model's scores.</summary>
internal sealed record ModelInfo(
    [property: JsonPropertyName("labels")] IReadOnlyList<string> Labels,
    [property: JsonPropertyName("feature_length")] int FeatureLength,
    [property: JsonPropertyName("trainer")] string Trainer,
    [property: JsonPropertyName("program_version")] string ProgramVersion);
