using System.Globalization;

namespace SparkImaging.Pipeline.Inputs;

/// <summary>
/// An order-independent fingerprint of a run's whole input set (every shard's): the count and the wrapping sum of the
/// paths' <see cref="PathKey"/>s. Recorded in a dataset so that <c>--resume</c> can tell "the rest of the same inputs"
/// from "more inputs", in constant memory whatever the number of inputs.
/// </summary>
internal readonly record struct InputSet(long Count, ulong High, ulong Low)
{
    public InputSet Add(string path)
    {
        var key = PathKey.Of(path);
        return new InputSet(Count + 1, unchecked(High + key.High), unchecked(Low + key.Low));
    }

    /// <summary>The recorded form, e.g. <c>48:0123…</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Count}:{High:x16}{Low:x16}");

    /// <summary>Reads <see cref="ToString"/>'s form; null when <paramref name="text"/> is not one.</summary>
    public static InputSet? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Trim().Split(':');
        return parts.Length == 2 && parts[1].Length == 32
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && ulong.TryParse(parts[1].AsSpan(0, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var high)
            && ulong.TryParse(parts[1].AsSpan(16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var low)
            ? new InputSet(count, high, low)
            : null;
    }
}
