namespace SparkImaging.Pipeline.Training;

/// <summary>Column names inside the ML.NET pipeline, declared once.</summary>
internal static class ModelColumns
{
    public const string Features = "Features";
    public const string BinaryLabel = "Label";
    public const string ClassKey = "ClassKey";
    public const string Weight = "Weight";
    public const string Probability = "Probability";
    public const string Score = "Score";
}
