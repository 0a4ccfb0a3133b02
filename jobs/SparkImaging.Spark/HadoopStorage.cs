using Microsoft.Spark.Interop.Ipc;
using Microsoft.Spark.Sql;
using SparkImaging.Pipeline;

namespace SparkImaging.Spark;

/// <summary>
/// The job's outputs through the Hadoop file system of their URI, the one Spark writes with: checked before any work
/// starts, and the model directory, trained into a local staging folder on the driver, published to <c>OUTPUT/model</c>.
/// </summary>
internal static class HadoopStorage
{
    /// <summary>Refuses an existing output unless <paramref name="overwrite"/>, before anything is computed.</summary>
    public static void RequireAbsentOrOverwrite(SparkSession spark, string uri, bool overwrite)
    {
        var (fileSystem, path) = Resolve(spark, uri);
        if (!overwrite && (bool)fileSystem.Invoke("exists", path))
        {
            throw new PipelineException(PipelineErrorKind.InvalidRequest, $"'{uri}' already exists; pass --overwrite to replace it, or choose another --output.");
        }
    }

    /// <summary>Copies <paramref name="localDirectory"/> to <paramref name="uri"/>, replacing what is there.</summary>
    public static void Publish(SparkSession spark, string localDirectory, string uri)
    {
        var (fileSystem, target) = Resolve(spark, uri);
        if ((bool)fileSystem.Invoke("exists", target))
        {
            fileSystem.Invoke("delete", target, true);
        }

        // copyFromLocalFile(delSrc, overwrite, src, dst): dst does not exist, so the folder is copied as dst itself.
        JvmObjectReference source = NewPath(fileSystem.Jvm, new Uri(Path.GetFullPath(localDirectory)).AbsoluteUri);
        fileSystem.Invoke("copyFromLocalFile", false, true, source, target);
    }

    private static (JvmObjectReference FileSystem, JvmObjectReference Path) Resolve(SparkSession spark, string uri)
    {
        JvmObjectReference conf = spark.SparkContext.HadoopConfiguration().Reference;
        JvmObjectReference path = NewPath(conf.Jvm, uri);
        return ((JvmObjectReference)path.Invoke("getFileSystem", conf), path);
    }

    private static JvmObjectReference NewPath(IJvmBridge jvm, string uri) =>
        (JvmObjectReference)jvm.CallConstructor("org.apache.hadoop.fs.Path", uri);
}
