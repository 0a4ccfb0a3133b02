namespace SparkImaging.Udfs.Tests;

/// <summary>Locations of committed test data, found from the repository root.</summary>
internal static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string LbpFixtures => Path.Combine(RepositoryRoot, "tests", "fixtures", "lbp");

    public static string DecodeFixtures => Path.Combine(RepositoryRoot, "tests", "fixtures", "decode");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SparkImaging.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SparkImaging.sln not found above the test binaries.");
    }
}
