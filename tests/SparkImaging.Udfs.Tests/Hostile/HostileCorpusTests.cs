using SparkImaging.Fuzz;
using SparkImaging.Udfs.Features;
using SparkImaging.Udfs.Imaging;

namespace SparkImaging.Udfs.Tests.Hostile;

/// <summary>Every generated hostile input yields features or an error of the expected kind, in-process.</summary>
public class HostileCorpusTests
{
    private static readonly IReadOnlyList<HostileCase> Corpus = HostileCorpus.Build(TestPaths.DecodeFixtures);

    [Fact]
    public void Every_case_yields_features_or_its_expected_error_kind()
    {
        var featurizer = new ImageFeaturizer(FeatureSpec.Default);
        var wrong = new List<string>();
        foreach (var hostile in Corpus)
        {
            var features = featurizer.Featurize(hostile.Bytes);
            if (!hostile.Expected.Admits(features))
            {
                wrong.Add($"{hostile}: got {features.Error ?? $"features of {features.Width}×{features.Height}"}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public void Every_case_keeps_the_fuzz_invariants() =>
        Assert.All(Corpus, hostile => FuzzTarget.Run(hostile.Bytes));

    [Fact]
    public void Corpus_covers_bombs_of_every_format()
    {
        var bombs = Corpus.Where(c => c.FileName.StartsWith("bombs/", StringComparison.Ordinal) && !c.Expected.MayDecode).ToList();
        var formats = bombs.Select(b => ImageFormatDetector.Detect(b.Bytes)).ToHashSet();
        Assert.Equal(Enum.GetValues<ImageFormat>().Where(f => f != ImageFormat.Unknown).ToHashSet(), formats);
    }

    [Fact]
    public void Exif_orientation_is_not_applied_stored_size_is_kept()
    {
        var exif = Corpus.Single(c => c.FileName == "exif/orientation6.jpg");
        using var gray = ImageDecoder.DecodeGray(exif.Bytes, GrayMode.Mean, long.MaxValue);
        Assert.Equal((40, 20), (gray.Width, gray.Height));
    }

    [Fact]
    public void Corpus_is_deterministic()
    {
        var again = HostileCorpus.Build(TestPaths.DecodeFixtures);
        Assert.Equal(Corpus.Select(c => (c.FileName, Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(c.Bytes)))), again.Select(c => (c.FileName, Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(c.Bytes)))));
    }
}
