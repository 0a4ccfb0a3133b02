namespace SparkImaging.Jobs.Tests.Cluster;

/// <summary>Scripts and data of this checkout that the cluster test drives, found from the repository root.</summary>
internal static class ClusterTestPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string PublishScript => Path.Combine(RepositoryRoot, "scripts", "publish.sh");

    public static string LocalClusterScript => Path.Combine(RepositoryRoot, "scripts", "slurm", "local-cluster.sh");

    public static string SubmitScript => Path.Combine(RepositoryRoot, "scripts", "slurm", "submit.sh");

    /// <summary>The bundled labelled ImageFolder tree, when this checkout has one.</summary>
    public static string Samples => Path.Combine(RepositoryRoot, "samples");

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
