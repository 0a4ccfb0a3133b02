using System.Text.Json;
using SparkImaging.Udfs.Features;
using SparkImaging.Udfs.Imaging;
using SparkImaging.Udfs.Lbp;

namespace SparkImaging.Udfs.Tests.Features;

/// <summary>The hand-written spec JSON is the JSON serializer's text for the same document, and reads back.</summary>
public sealed class FeatureSpecJsonTests
{
    public static TheoryData<FeatureSpec> Specs() =>
    [
        FeatureSpec.Default,
        new FeatureSpec([LbpSpec.Parse("8:1:uniform"), LbpSpec.Parse("16:2.5:nri_uniform"), LbpSpec.Parse("8:1.25:ror"), LbpSpec.Parse("12:3:default")], GrayMode.Luma, NormalizeMode.None, maxPixels: 123_456_789_012),
        new FeatureSpec([LbpSpec.Parse("24:3:uniform")], maxPixels: 1),
    ];

    [Theory]
    [MemberData(nameof(Specs))]
    public void ToJson_writes_what_the_json_serializer_writes_for_the_spec_document(FeatureSpec spec)
    {
        var document = new FeatureSpec.Document(spec.Lbp.Select(s => s.ToString()).ToArray(), FeatureSpec.Name(spec.Gray), FeatureSpec.Name(spec.Normalize), spec.MaxPixels);

        Assert.Equal(JsonSerializer.Serialize(document, FeatureSpec.DocumentContext.Default.Document), spec.ToJson());
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void FromJson_reads_back_the_spec(FeatureSpec spec) => Assert.Equal(spec, FeatureSpec.FromJson(spec.ToJson()));
}
