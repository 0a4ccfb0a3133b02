using Microsoft.Spark.Sql;
using SparkImaging.Pipeline.Engine;
using SparkImaging.Pipeline.Spark;
using SparkImaging.Udfs.Features;
using static Microsoft.Spark.Sql.Functions;

namespace SparkImaging.Spark;

/// <summary>What the committed dataset holds, read back from the files Spark wrote (only the error column is read).</summary>
internal sealed record FeatureDatasetSummary(long Rows, IReadOnlyDictionary<string, long> ErrorsByKind)
{
    public long FailedRows => ErrorsByKind.Values.Sum();

    public static FeatureDatasetSummary Read(SparkSession spark, string featuresUri)
    {
        DataFrame errors = spark.Read().Parquet(featuresUri).Select(Col(FeatureColumns.Error));
        long rows = errors.Count();
        var byKind = errors
            .Filter(Col(FeatureColumns.Error).IsNotNull())
            .GroupBy(Expr(SparkSql.ErrorKind(FeatureColumns.Error)).As("kind"))
            .Count()
            .Collect()
            .ToDictionary(row => row.GetAs<string>(0), row => row.GetAs<long>(1), StringComparer.Ordinal);
        return new FeatureDatasetSummary(rows, byKind);
    }

    /// <summary>The contract's rule (<see cref="ErrorBudget"/>), as the CLI applies it.</summary>
    public string? BudgetProblem(double maxErrorFraction) => ErrorBudget.Problem(FailedRows, Rows, maxErrorFraction);

    public override string ToString() =>
        FailedRows == 0
            ? $"{Rows} rows, no errors"
            : $"{Rows} rows, {FailedRows} with errors ({string.Join(", ", ErrorsByKind.OrderByDescending(k => k.Value).ThenBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key} {k.Value}"))})";
}
