using Microsoft.Spark.Sql;
using SparkImaging.Pipeline.Spark;
using SparkImaging.Udfs.Features;
using static Microsoft.Spark.Sql.Functions;

namespace SparkImaging.Spark;

/// <summary>
/// Reads the inputs with Spark's <c>binaryFile</c> source (path, modificationTime, length, content: the shape the UDF
/// expects), taking the files the CLI takes, and writes each path as the CLI does (<c>file:/a/b.png</c> → <c>/a/b.png</c>).
/// </summary>
internal static class ImageFileReader
{
    public static DataFrame Read(SparkSession spark, SparkRunRequest request) =>
        spark.Read()
            .Format("binaryFile")
            .Option("pathGlobFilter", request.PathGlobFilter)
            // Directories are walked like the local engine does; this also turns off partition discovery,
            // so a folder named key=value never becomes a column.
            .Option("recursiveFileLookup", "true")
            .Load([.. request.Inputs])
            .WithColumn(FeatureColumns.Path, Expr(SparkSql.NormalizedPath(FeatureColumns.Path)));
}
