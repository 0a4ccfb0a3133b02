using System.Collections.Concurrent;

namespace SparkImaging.Udfs.Tests.Golden;

/// <summary>Loads each fixture archive once per test run.</summary>
internal static class GoldenFixtures
{
    private static readonly ConcurrentDictionary<string, NpzArchive> Archives = new();

    public static NpzArchive Archive(string image) =>
        Archives.GetOrAdd(image, name => new NpzArchive(Path.Combine(TestPaths.LbpFixtures, name + ".npz")));

    public static string ImagePath(string image) => Path.Combine(TestPaths.LbpFixtures, image + ".png");

    public static IEnumerable<object[]> Cases(Func<GoldenCase, bool> filter) =>
        GoldenCase.All().Where(filter).Select(c => new object[] { c.Image, c.Key });

    public static GoldenCase Find(string image, string key) => GoldenCase.All().Single(c => c.Image == image && c.Key == key);
}
