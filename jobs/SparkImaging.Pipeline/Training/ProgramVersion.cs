using System.Reflection;

namespace SparkImaging.Pipeline.Training;

/// <summary>The program version recorded with models and metrics.</summary>
internal static class ProgramVersion
{
    public static string Current { get; } =
        typeof(ProgramVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ProgramVersion).Assembly.GetName().Version?.ToString()
        ?? "unknown";
}
