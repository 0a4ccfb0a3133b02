namespace SparkImaging.Jobs.Tests.Cluster;

/// <summary>Scripts and data of this checkout that the cluster test drives, found from the repository root.</summary>
internal static class ClusterTestPaths
{
    public static string RepositoryRoot => Support.SampleImages.RepositoryRoot;

    public static string PublishScript => Path.Combine(RepositoryRoot, "scripts", "publish.sh");

    public static string LocalClusterScript => Path.Combine(RepositoryRoot, "scripts", "slurm", "local-cluster.sh");

    public static string SubmitScript => Path.Combine(RepositoryRoot, "scripts", "slurm", "submit.sh");
}
