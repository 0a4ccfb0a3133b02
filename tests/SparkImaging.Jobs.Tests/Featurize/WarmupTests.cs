using Apache.Arrow;
using SparkImaging.Pipeline.Engine;
using SparkImaging.Pipeline.Inputs;
using SparkImaging.Jobs.Tests.Support;
using SparkImaging.Udfs.Features;
using SparkImaging.Udfs.Imaging;
using SparkImaging.Udfs.Lbp;

namespace SparkImaging.Jobs.Tests.Featurize;

/// <summary>
/// The start-up warm-up must go down the paths a run takes (the managed PNG decoder, the JPEG codec, every
/// configured kernel, the Parquet writer) and succeed; its rows stay in memory.
/// </summary>
public sealed class WarmupTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    /// <summary>An input whose extension names no image format: the warm-up takes both images.</summary>
    private string Readme
    {
        get
        {
            var path = temp.Combine("README");
            File.WriteAllText(path, "not an image");
            return path;
        }
    }

    [Fact]
    public void Warmup_images_are_an_rgb_png_for_the_managed_decoder_and_a_jpeg()
    {
        var png = ((BinaryArray)Warmup.Files(Warmup.Png).Column(FeatureColumns.Content)).GetBytes(0);
        var jpeg = ((BinaryArray)Warmup.Files(Warmup.Jpeg).Column(FeatureColumns.Content)).GetBytes(0);

        Assert.True(PngDecoder.Takes(PngHeader.Read(png)), "the warm-up PNG would not take the managed decoder's path");
        Assert.Equal(ImageFormat.Jpeg, ImageFormatDetector.Detect(jpeg));
    }

    [Theory]
    [InlineData("slides/a/tile.PNG", Warmup.Png)]
    [InlineData("/data/retina.jpeg", Warmup.Jpeg)]
    [InlineData("x.jpg", Warmup.Jpeg)]
    [InlineData("scan.tiff", Warmup.Png, Warmup.Jpeg)]
    [InlineData(null, Warmup.Png, Warmup.Jpeg)]
    public void Warmup_decodes_the_format_the_first_input_names_or_both(string? firstInput, params string[] expected) =>
        Assert.Equal(expected, Warmup.ImagesLike(firstInput));

    [Theory]
    [InlineData("24:3:uniform")]
    [InlineData("8:1:uniform", "16:2:uniform", "24:3:uniform")]
    [InlineData("8:1:default", "8:2:ror", "16:2:nri_uniform")]
    public async Task Warmup_featurizes_both_images_with_every_configured_scale(params string[] lbp)
    {
        var spec = new FeatureSpec(lbp.Select(LbpSpec.Parse));

        var batches = await Warmup.Start(new ImageFeaturizer(spec), LocalEngine.FeatureRows(spec), new InputResolver([Readme], takes: null));

        Assert.Equal([Warmup.Png, Warmup.Jpeg], batches.Select(b => ((StringArray)b.Column(FeatureColumns.Path)).GetString(0)));
        foreach (var rows in batches)
        {
            Assert.Equal(1, rows.Length);
            Assert.Null(((StringArray)rows.Column(FeatureColumns.Error)).GetString(0));
            Assert.Equal(Warmup.Side, ((Int32Array)rows.Column(FeatureColumns.Width)).GetValue(0));
            foreach (var scale in spec.Lbp)
            {
                var histogram = (ListArray)rows.Column(FeatureColumns.LbpColumn(scale));
                Assert.Equal(scale.BinCount, histogram.GetValueLength(0));
            }
        }
    }
}
