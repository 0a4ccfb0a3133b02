using SparkImaging.Udfs.Features;

namespace SparkImaging.Udfs.Tests.Features;

/// <summary>Spark's binaryFile paths (Hadoop URIs) and the command line's plain paths meet in one spelling.</summary>
public class InputPathTests
{
    [Theory]
    [InlineData("file:/data/slides/a.png", "/data/slides/a.png")]
    [InlineData("file:///data/slides/a.png", "/data/slides/a.png")]
    [InlineData("file://localhost/data/slides/a.png", "/data/slides/a.png")]
    [InlineData("FILE:/data/a.png", "/data/a.png")]
    [InlineData("file://LocalHost/data/a.png", "/data/a.png")]
    [InlineData("file:/", "/")]
    [InlineData("file:///", "/")]
    public void Local_file_uris_become_the_absolute_path(string uri, string expected) =>
        Assert.Equal(expected, InputPath.Normalize(uri));

    [Theory]
    [InlineData("file:/data/two words/ünïcode näme.png", "/data/two words/ünïcode näme.png")]
    [InlineData("file:/data/100%25/a%20b.png", "/data/100%25/a%20b.png")]
    [InlineData("file:/data/a#b?c.png", "/data/a#b?c.png")]
    public void Nothing_is_percent_decoded_because_hadoop_paths_are_already_decoded(string uri, string expected) =>
        Assert.Equal(expected, InputPath.Normalize(uri));

    [Theory]
    [InlineData("/data/slides/a.png")]
    [InlineData("relative/a.png")]
    [InlineData("hdfs://nn:8020/slides/a.png")]
    [InlineData("s3a://bucket/slides/a.png")]
    [InlineData("abfss://container@account.dfs.core.windows.net/a.png")]
    [InlineData("file://otherhost/data/a.png")]
    [InlineData("file://localhost")]
    [InlineData("file:relative/a.png")]
    [InlineData("files:/data/a.png")]
    [InlineData("")]
    public void Anything_else_is_returned_unchanged(string path) =>
        Assert.Same(path, InputPath.Normalize(path));

    [Fact]
    public void Null_is_refused() =>
        Assert.Throws<ArgumentNullException>(() => InputPath.Normalize(null!));
}
