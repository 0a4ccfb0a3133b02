namespace SparkImaging.Udfs.Imaging;

/// <summary>
/// Process-wide decoder switches. Executors are separate processes, so the environment variable is the one that
/// reaches them; a host may also set <see cref="PngRoute"/> before the first decode (its command-line option).
/// </summary>
public static class DecoderSettings
{
    /// <summary><c>managed</c> (the default) or <c>runtime</c>: see <see cref="Imaging.PngRoute"/>.</summary>
    public const string PngRouteVariable = "SPARKIMAGING_PNG_DECODER";

    /// <summary><c>system</c> (the default) or <c>skia</c>: see <see cref="Imaging.JpegRoute"/>.</summary>
    public const string JpegRouteVariable = "SPARKIMAGING_JPEG_DECODER";

    private static PngRoute? pngRoute;
    private static JpegRoute? jpegRoute;

    /// <summary>Read from <see cref="PngRouteVariable"/> on first use unless a host set it first.</summary>
    public static PngRoute PngRoute
    {
        get => pngRoute ??= ParsePngRoute(Environment.GetEnvironmentVariable(PngRouteVariable));
        set => pngRoute = value;
    }

    /// <summary>Read from <see cref="JpegRouteVariable"/> on first use unless a host set it first.</summary>
    public static JpegRoute JpegRoute
    {
        get => jpegRoute ??= ParseJpegRoute(Environment.GetEnvironmentVariable(JpegRouteVariable));
        set => jpegRoute = value;
    }

    /// <summary><c>system</c> or <c>skia</c> (any case); unset or empty is <c>system</c>; anything else is refused.</summary>
    public static JpegRoute ParseJpegRoute(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "system" => JpegRoute.System,
        "skia" => JpegRoute.Skia,
        _ => throw new ArgumentException($"{JpegRouteVariable} is '{value}'; expected 'system' or 'skia'.", nameof(value)),
    };

    /// <summary>
    /// <c>managed</c> or <c>runtime</c> (any case); unset or empty is <c>managed</c>. Anything else is refused rather
    /// than ignored: an operator asking for the fallback must not silently get the code they meant to avoid.
    /// </summary>
    public static PngRoute ParsePngRoute(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "managed" => PngRoute.Managed,
        "runtime" => PngRoute.Runtime,
        _ => throw new ArgumentException($"{PngRouteVariable} is '{value}'; expected 'managed' or 'runtime'.", nameof(value)),
    };
}
