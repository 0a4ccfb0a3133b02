namespace SparkImaging.Pipeline.Inputs;

/// <summary>Paths and Hadoop URIs (<c>hdfs://nn/x</c>, <c>s3a://bucket/x</c>, <c>file:/x</c>) as both hosts name storage.</summary>
public static class StorageUri
{
    /// <summary>The URI scheme in lower case, or null for a plain path (a one-letter "scheme" is a Windows drive).</summary>
    public static string? Scheme(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon < 2 || !char.IsAsciiLetter(value[0]))
        {
            return null;
        }

        for (var i = 1; i < colon; i++)
        {
            var c = value[i];
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return null;
            }
        }

        return value[..colon].ToLowerInvariant();
    }

    /// <summary>
    /// <paramref name="name"/> inside <paramref name="parent"/>: a plain path is combined as a path, a URI by appending
    /// <c>/name</c> (Hadoop paths use '/' whatever the driver's OS).
    /// </summary>
    public static string Child(string parent, string name)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentException.ThrowIfNullOrEmpty(name);
        return Scheme(parent) is null ? Path.Combine(parent, name) : $"{parent.TrimEnd('/')}/{name}";
    }

    /// <summary>The folder holding <paramref name="pathOrUri"/> (a URI keeps its scheme and authority).</summary>
    public static string Parent(string pathOrUri)
    {
        ArgumentNullException.ThrowIfNull(pathOrUri);
        if (Scheme(pathOrUri) is null)
        {
            return Path.GetDirectoryName(Path.GetFullPath(pathOrUri)) ?? "/";
        }

        var slash = pathOrUri.TrimEnd('/').LastIndexOf('/');
        return slash < 0 ? pathOrUri : pathOrUri[..slash];
    }
}
