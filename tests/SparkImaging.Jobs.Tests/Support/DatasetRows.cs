using System.Globalization;
using DuckDB.NET.Data;

namespace SparkImaging.Jobs.Tests.Support;

/// <summary>Reads a dataset directory through DuckDB, the way notebooks do, ordered by path.</summary>
internal static class DatasetRows
{
    public static List<DatasetRow> Read(string directory, string histogramColumn = "lbp_p24_r3_uniform")
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = string.Create(CultureInfo.InvariantCulture, $"SELECT path, label, width, height, error, {histogramColumn} FROM read_parquet('{directory}/*.parquet') ORDER BY path");
        using var reader = command.ExecuteReader();
        var rows = new List<DatasetRow>();
        while (reader.Read())
        {
            rows.Add(new DatasetRow(
                reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetInt32(2),
                reader.IsDBNull(3) ? null : reader.GetInt32(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : ((System.Collections.IList)reader.GetValue(5)).Cast<float?>().Select(v => v!.Value).ToArray()));
        }

        return rows;
    }

    /// <summary>
    /// Asserts that two datasets hold the same rows, <paramref name="count"/> of them, each path once: how a resumed or
    /// sharded run is compared with one uninterrupted run.
    /// </summary>
    public static void AssertSame(string expectedDirectory, string actualDirectory, int count)
    {
        var expected = Read(expectedDirectory);
        var actual = Read(actualDirectory);
        Assert.Equal(count, expected.Count);
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.Count, actual.Select(r => r.Path).Distinct().Count());
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(expected[i].SameAs(actual[i]), $"row {i}: {expected[i].Path} differs");
        }
    }
}
