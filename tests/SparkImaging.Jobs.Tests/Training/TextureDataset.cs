using System.Globalization;
using System.Text;
using DuckDB.NET.Data;
using SparkImaging.Pipeline.Dataset;
using SparkImaging.Udfs.Features;
using SparkImaging.Udfs.Lbp;

namespace SparkImaging.Jobs.Tests.Training;

/// <summary>
/// Writes feature datasets of real LBP histograms of synthetic textures, through DuckDB (a foreign Parquet writer,
/// as Spark is), with or without our feature-spec metadata.
/// </summary>
internal static class TextureDataset
{
    public const string GroupColumn = "patient";
    public const int Side = 32;

    /// <summary>The texture kinds, each a different LBP signature: white noise, oriented stripes, smooth blobs.</summary>
    public static readonly string[] Kinds = ["noise", "stripes", "blobs"];

    /// <summary>Writes <paramref name="perKind"/> images of each of the first <paramref name="kinds"/> kinds, in two part files.</summary>
    public static string Write(string directory, FeatureSpec spec, int kinds = 2, int perKind = 40, int seed = 1, int errorRows = 0, bool withMetadata = true, int rowsPerGroup = 4)
    {
        Directory.CreateDirectory(directory);
        var random = new Random(seed);
        var rows = new List<string>();
        for (var k = 0; k < kinds; k++)
        {
            for (var i = 0; i < perKind; i++)
            {
                var image = Texture(Kinds[k], random);
                var lists = spec.Lbp.Select(s => ListLiteral(Histogram(s, image)));
                var group = $"{Kinds[k]}-p{i / rowsPerGroup}";
                rows.Add($"('/data/{Kinds[k]}/{i:D3}.png', '{Kinds[k]}', {Side}, {Side}, NULL, {string.Join(", ", lists)}, '{group}')");
            }
        }

        for (var e = 0; e < errorRows; e++)
        {
            var nulls = string.Join(", ", spec.Lbp.Select(_ => "NULL"));
            rows.Add($"('/data/bad/{e}.png', '{Kinds[0]}', NULL, NULL, 'truncated', {nulls}, 'bad-{e}')");
        }

        var columns = string.Join(", ", spec.Lbp.Select(s => $"{FeatureColumns.LbpColumn(s)} FLOAT[]"));
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        Execute(connection, $"CREATE TABLE t (path VARCHAR NOT NULL, label VARCHAR, width INTEGER, height INTEGER, error VARCHAR, {columns}, {GroupColumn} VARCHAR)");
        Execute(connection, $"INSERT INTO t VALUES {string.Join(",\n", rows)}");
        var metadata = withMetadata ? $", KV_METADATA {{'{FeatureTableReader.FeatureSpecMetadataKey}': '{spec.ToJson()}'}}" : "";
        var half = rows.Count / 2;
        Execute(connection, $"COPY (SELECT * FROM t LIMIT {half}) TO '{Path.Combine(directory, "part-00000-a.parquet")}' (FORMAT parquet{metadata})");
        Execute(connection, $"COPY (SELECT * FROM t OFFSET {half}) TO '{Path.Combine(directory, "part-00001-b.parquet")}' (FORMAT parquet{metadata})");
        File.WriteAllText(Path.Combine(directory, "_SUCCESS"), "");
        return directory;
    }

    public static float[] Histogram(LbpSpec spec, double[] image)
    {
        var counts = new long[spec.BinCount];
        LbpOperator.For(spec).CountCodes(image, Side, Side, counts);
        return counts.Select(c => (float)c / (Side * Side)).ToArray();
    }

    public static double[] Texture(string kind, Random random)
    {
        var image = new double[Side * Side];
        var angle = random.NextDouble() * Math.PI;
        var frequency = 0.5 + (random.NextDouble() * 0.5);
        var noise = new double[Side * Side];
        for (var i = 0; i < noise.Length; i++)
        {
            noise[i] = random.NextDouble();
        }

        for (var r = 0; r < Side; r++)
        {
            for (var c = 0; c < Side; c++)
            {
                image[(r * Side) + c] = kind switch
                {
                    "noise" => noise[(r * Side) + c],
                    "stripes" => 0.5 + (0.4 * Math.Sin(frequency * ((c * Math.Cos(angle)) + (r * Math.Sin(angle))))) + (0.25 * noise[(r * Side) + c]),
                    _ => Blur(noise, r, c),
                };
            }
        }

        return image;
    }

    public static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static double Blur(double[] noise, int r, int c)
    {
        double sum = 0;
        var n = 0;
        for (var dr = -2; dr <= 2; dr++)
        {
            for (var dc = -2; dc <= 2; dc++)
            {
                var rr = r + dr;
                var cc = c + dc;
                if (rr >= 0 && rr < Side && cc >= 0 && cc < Side)
                {
                    sum += noise[(rr * Side) + cc];
                    n++;
                }
            }
        }

        return sum / n;
    }

    private static string ListLiteral(float[] values)
    {
        var text = new StringBuilder("[");
        for (var i = 0; i < values.Length; i++)
        {
            text.Append(i == 0 ? "" : ", ").Append(values[i].ToString("R", CultureInfo.InvariantCulture));
        }

        return text.Append("]::FLOAT[]").ToString();
    }
}
