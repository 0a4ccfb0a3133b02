using System.Text;
using System.Text.RegularExpressions;

namespace SparkImaging.Pipeline.Inputs;

/// <summary>A shell-style glob (<c>*</c>, <c>?</c>, <c>[abc]</c>, <c>**</c> for any depth) split into a fixed base directory and a matcher.</summary>
internal sealed class GlobPattern
{
    private readonly Regex regex;

    private GlobPattern(string baseDirectory, Regex regex, bool recursive)
    {
        BaseDirectory = baseDirectory;
        this.regex = regex;
        IsRecursive = recursive;
    }

    /// <summary>The longest leading part without wildcards.</summary>
    public string BaseDirectory { get; }

    /// <summary>Whether the pattern can match below the first directory level.</summary>
    public bool IsRecursive { get; }

    public static bool IsGlob(string text) => text.AsSpan().IndexOfAny("*?[") >= 0;

    public static GlobPattern Parse(string pattern)
    {
        var full = Path.GetFullPath(pattern);
        var segments = full.Split(Path.DirectorySeparatorChar);
        var fixedCount = 0;
        while (fixedCount < segments.Length && !IsGlob(segments[fixedCount]))
        {
            fixedCount++;
        }

        var baseDirectory = string.Join(Path.DirectorySeparatorChar, segments[..fixedCount]);
        if (baseDirectory.Length == 0)
        {
            baseDirectory = Path.DirectorySeparatorChar.ToString();
        }

        var rest = segments[fixedCount..];
        var recursive = rest.Length > 1 || rest.Any(s => s == "**");
        var builder = new StringBuilder("^");
        for (var i = 0; i < rest.Length; i++)
        {
            if (rest[i] == "**")
            {
                builder.Append(i == rest.Length - 1 ? ".*" : "(?:[^/]*/)*");
                continue;
            }

            AppendSegment(builder, rest[i]);
            if (i < rest.Length - 1)
            {
                builder.Append('/');
            }
        }

        builder.Append('$');
        return new GlobPattern(baseDirectory, new Regex(builder.ToString(), RegexOptions.CultureInvariant), recursive);
    }

    /// <summary>Matches a path relative to <see cref="BaseDirectory"/>, with '/' separators.</summary>
    public bool Matches(string relativePath) => regex.IsMatch(relativePath);

    private static void AppendSegment(StringBuilder builder, string segment)
    {
        for (var i = 0; i < segment.Length; i++)
        {
            var ch = segment[i];
            switch (ch)
            {
                case '*':
                    builder.Append("[^/]*");
                    break;
                case '?':
                    builder.Append("[^/]");
                    break;
                case '[':
                    var close = segment.IndexOf(']', i + 1);
                    if (close < 0)
                    {
                        builder.Append(@"\[");
                        break;
                    }

                    var set = segment[(i + 1)..close];
                    builder.Append('[').Append(set.StartsWith('!') ? "^" + Regex.Escape(set[1..]) : Regex.Escape(set)).Append(']');
                    i = close;
                    break;
                default:
                    builder.Append(Regex.Escape(ch.ToString()));
                    break;
            }
        }
    }
}
