using Microsoft.Spark.Sql;

namespace SparkImaging.Spark;

/// <summary>
/// Reads the inputs with Spark's <c>binaryFile</c> source: one row per file with the columns
/// path, modificationTime, length and content, the same shape the UDF expects.
/// </summary>
internal static class ImageFileReader
{
    public static DataFrame Read(SparkSession spark, SparkDriverOptions options) =>
        spark.Read()
            .Format("binaryFile")
            .Option("pathGlobFilter", options.PathGlobFilter)
            // Directories are walked like the local engine does; this also turns off partition discovery,
            // so a folder named key=value never becomes a column.
            .Option("recursiveFileLookup", "true")
            .Load([.. options.Inputs]);
}
