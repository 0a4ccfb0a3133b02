using Microsoft.Spark.Interop.Ipc;
using Microsoft.Spark.Sql;
using SparkImaging.Pipeline;

namespace SparkImaging.Spark;

/// <summary>
/// Publishes the model directory, trained into a local staging folder on the driver, to <c>OUTPUT/model</c> through the
/// Hadoop file system of that URI (the one Spark wrote the features with), so any output Spark can write gets a model.
/// </summary>
internal static class ModelPublisher
{
    public static void Publish(SparkSession spark, string localDirectory, string modelUri, bool overwrite)
    {
        JvmObjectReference conf = spark.SparkContext.HadoopConfiguration().Reference;
        IJvmBridge jvm = conf.Jvm;
        var target = (JvmObjectReference)jvm.CallConstructor("org.apache.hadoop.fs.Path", modelUri);
        var fileSystem = (JvmObjectReference)target.Invoke("getFileSystem", conf);
        if ((bool)fileSystem.Invoke("exists", target))
        {
            if (!overwrite)
            {
                throw new PipelineException(PipelineErrorKind.InvalidRequest, $"'{modelUri}' already exists; pass --overwrite to replace it.");
            }

            fileSystem.Invoke("delete", target, true);
        }

        // copyFromLocalFile(delSrc, overwrite, src, dst): dst does not exist, so the folder is copied as dst itself.
        var source = (JvmObjectReference)jvm.CallConstructor("org.apache.hadoop.fs.Path", new Uri(Path.GetFullPath(localDirectory)).AbsoluteUri);
        fileSystem.Invoke("copyFromLocalFile", false, true, source, target);
    }
}
