using System.Text.Json;
using SparkImaging.Udfs.Lbp;

namespace SparkImaging.Udfs.Tests.Golden;

/// <summary>One image × LBP spec of the committed scikit-image fixtures (tests/fixtures/lbp/manifest.json).</summary>
public sealed record GoldenCase(string Image, int Rows, int Columns, int Points, double Radius, string Method, string Key)
{
    public LbpSpec Spec => new(Points, Radius, LbpSpec.ParseMethod(Method));

    public static IEnumerable<GoldenCase> All()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.LbpFixtures, "manifest.json")));
        foreach (var image in manifest.RootElement.GetProperty("images").EnumerateArray())
        {
            foreach (var c in image.GetProperty("cases").EnumerateArray())
            {
                yield return new GoldenCase(
                    image.GetProperty("name").GetString()!,
                    image.GetProperty("rows").GetInt32(),
                    image.GetProperty("columns").GetInt32(),
                    c.GetProperty("points").GetInt32(),
                    c.GetProperty("radius").GetDouble(),
                    c.GetProperty("method").GetString()!,
                    c.GetProperty("key").GetString()!);
            }
        }
    }

    public override string ToString() => $"{Image}:{Key}";
}
