namespace SparkImaging.Udfs.Features;

/// <summary>
/// The one spelling of an input's path that every host writes and matches labels by: Spark's binaryFile reports a
/// local file as a Hadoop URI (<c>file:/data/a b.png</c>), the command line as a plain absolute path (<c>/data/a b.png</c>).
/// </summary>
public static class InputPath
{
    private const string FileScheme = "file:";
    private const string LocalHost = "localhost";

    /// <summary>
    /// <c>file:/a</c>, <c>file:///a</c> and <c>file://localhost/a</c> become <c>/a</c>; anything else (a plain path,
    /// <c>hdfs://nn/x</c>, <c>s3a://b/x</c>, a file URI naming another host) is returned unchanged.
    /// Nothing is percent-decoded: Hadoop's <c>Path.toString</c>, which binaryFile reports, is already decoded,
    /// so a <c>%20</c> in it is part of the file's name.
    /// </summary>
    public static string Normalize(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!path.StartsWith(FileScheme, StringComparison.OrdinalIgnoreCase))
        {
            return path;
        }

        var rest = path.AsSpan(FileScheme.Length);
        if (rest.StartsWith("//"))
        {
            // file://authority/path: only an empty authority or localhost is this machine.
            var afterSlashes = rest[2..];
            var authorityLength = afterSlashes.IndexOf('/');
            if (authorityLength < 0)
            {
                return path;
            }

            var authority = afterSlashes[..authorityLength];
            return authority.IsEmpty || authority.Equals(LocalHost, StringComparison.OrdinalIgnoreCase)
                ? afterSlashes[authorityLength..].ToString()
                : path;
        }

        // file:/a is absolute; file:a (relative) names no definite file, so it stays as given.
        return rest.StartsWith("/") ? rest.ToString() : path;
    }
}
