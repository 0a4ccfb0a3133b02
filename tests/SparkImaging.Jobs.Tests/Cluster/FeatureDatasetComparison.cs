using System.Globalization;
using DuckDB.NET.Data;
using SparkImaging.Udfs.Features;

namespace SparkImaging.Jobs.Tests.Cluster;

/// <summary>
/// Reads two feature datasets with DuckDB, as a user would, and says how they differ row for row
/// (every column, list values included, compared exactly).
/// </summary>
internal sealed class FeatureDatasetComparison : IDisposable
{
    private const string Left = "left_dataset";
    private const string Right = "right_dataset";
    private const int DifferencesShown = 5;

    private readonly DuckDBConnection _connection;

    public FeatureDatasetComparison(string leftDirectory, string rightDirectory)
    {
        _connection = new DuckDBConnection("Data Source=:memory:");
        _connection.Open();
        Execute($"CREATE VIEW {Left} AS SELECT * FROM read_parquet({DataFiles(leftDirectory)})");
        Execute($"CREATE VIEW {Right} AS SELECT * FROM read_parquet({DataFiles(rightDirectory)})");
    }

    public long LeftRows => Count($"SELECT count(*) FROM {Left}");

    public long RightRows => Count($"SELECT count(*) FROM {Right}");

    public long LeftRowsWithError => Count($"SELECT count(*) FROM {Left} WHERE {FeatureColumns.Error} IS NOT NULL");

    /// <summary>Column names and types, in order, as `name type` lines.</summary>
    public string Schema(bool left) => string.Join('\n', Rows($"DESCRIBE {(left ? Left : Right)}", 2));

    /// <summary>Paths of rows present on one side and not the other (multiset difference, both ways).</summary>
    public IReadOnlyList<string> DifferingPaths() =>
        [.. Rows($"SELECT {FeatureColumns.Path} FROM (SELECT * FROM {Left} EXCEPT ALL SELECT * FROM {Right}) "
                + $"UNION ALL SELECT {FeatureColumns.Path} FROM (SELECT * FROM {Right} EXCEPT ALL SELECT * FROM {Left}) "
                + $"ORDER BY 1 LIMIT {DifferencesShown}", 1)];

    public void Dispose() => _connection.Dispose();

    // Only committed data files: the contract names them part-NNNNN-<unique>.parquet.
    private static string DataFiles(string directory) =>
        "'" + Path.Combine(directory, "part-*.parquet").Replace("'", "''", StringComparison.Ordinal) + "'";

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private long Count(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private List<string> Rows(string sql, int columns)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            var fields = new string[columns];
            for (var i = 0; i < columns; i++)
            {
                fields[i] = Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? "";
            }

            rows.Add(string.Join(' ', fields));
        }

        return rows;
    }
}
