using System.Globalization;

namespace SparkImaging.Udfs.Lbp;

/// <summary>
/// One validated LBP operator: <c>P</c> sample points on a circle of radius <c>R</c> and a pattern method.
/// Written and parsed as <c>P:R[:method]</c>, e.g. <c>24:3:uniform</c>.
/// </summary>
public sealed record LbpSpec
{
    /// <summary>Largest P for any method (codes are kept in 32 bits).</summary>
    public const int MaxPoints = 32;

    /// <summary>Largest P for <c>default</c> and <c>ror</c>: scikit-image weighs bits with int32.</summary>
    public const int MaxPointsForFullCodes = 30;

    /// <summary>Largest P for which a <c>default</c>/<c>ror</c> histogram (2^P bins) is allowed.</summary>
    public const int MaxPointsForFullHistogram = 16;

    /// <summary>The seed pipeline's operator, used when the user gives none.</summary>
    public static readonly LbpSpec Default = new(24, 3, LbpMethod.Uniform);

    /// <summary>Creates a spec, checking each argument.</summary>
    public LbpSpec(int points, double radius, LbpMethod method)
    {
        if (points < 1 || points > MaxPoints)
        {
            throw new ArgumentOutOfRangeException(nameof(points), points, $"P must be between 1 and {MaxPoints}.");
        }

        if ((method is LbpMethod.Default or LbpMethod.Ror) && points > MaxPointsForFullCodes)
        {
            throw new ArgumentOutOfRangeException(nameof(points), points, $"P must be at most {MaxPointsForFullCodes} for method '{MethodName(method)}'.");
        }

        if (!double.IsFinite(radius) || radius <= 0 || radius > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(radius), radius, "R must be a finite number greater than 0 and at most 1000.");
        }

        // Metadata and column names write R with at most 9 decimals; a spec must read back as itself (8:1e-10 is not "8:0").
        if (double.Parse(FormatRadius(radius), CultureInfo.InvariantCulture) != radius)
        {
            throw new ArgumentOutOfRangeException(nameof(radius), radius, $"R must have at most 9 decimal places (it would be written as {FormatRadius(radius)}).");
        }

        if (!Enum.IsDefined(method))
        {
            throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown LBP method.");
        }

        Points = points;
        Radius = radius;
        Method = method;
    }

    /// <summary>Number of sample points P.</summary>
    public int Points { get; }

    /// <summary>Radius R in pixels.</summary>
    public double Radius { get; }

    /// <summary>Pattern method.</summary>
    public LbpMethod Method { get; }

    /// <summary>Number of histogram bins: P+2, P(P−1)+3 or 2^P.</summary>
    public int BinCount => Method switch
    {
        LbpMethod.Uniform => Points + 2,
        LbpMethod.NriUniform => (Points * (Points - 1)) + 3,
        LbpMethod.Default or LbpMethod.Ror => 1 << Points,
        _ => throw new InvalidOperationException("The 'var' method yields continuous values, not a histogram."),
    };

    /// <summary>Whether this spec can be a histogram column of the feature table.</summary>
    public bool HasHistogram => Method switch
    {
        LbpMethod.Var => false,
        LbpMethod.Default or LbpMethod.Ror => Points <= MaxPointsForFullHistogram,
        _ => true,
    };

    /// <summary>Feature-table column name, e.g. <c>lbp_p24_r3_uniform</c> or <c>lbp_p16_r1_5_uniform</c>.</summary>
    public string ColumnName =>
        string.Create(CultureInfo.InvariantCulture, $"lbp_p{Points}_r{FormatRadius(Radius).Replace('.', '_')}_{MethodName(Method)}");

    /// <summary>Parses <c>P:R[:method]</c>; the method defaults to <c>uniform</c>.</summary>
    public static LbpSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':');
        if (parts.Length is < 2 or > 3)
        {
            throw new FormatException($"LBP spec '{text}' must look like P:R or P:R:method, e.g. 24:3:uniform.");
        }

        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var points))
        {
            throw new FormatException($"LBP spec '{text}': P '{parts[0]}' is not a whole number.");
        }

        if (!double.TryParse(parts[1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var radius))
        {
            throw new FormatException($"LBP spec '{text}': R '{parts[1]}' is not a number.");
        }

        var method = parts.Length == 3 ? ParseMethod(parts[2]) : LbpMethod.Uniform;
        try
        {
            return new LbpSpec(points, radius, method);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new FormatException($"LBP spec '{text}': {e.Message.Split(" (Parameter")[0]}", e);
        }
    }

    /// <summary>Parses a method name as scikit-image spells it.</summary>
    public static LbpMethod ParseMethod(string name) => name.ToLowerInvariant() switch
    {
        "default" => LbpMethod.Default,
        "ror" => LbpMethod.Ror,
        "uniform" => LbpMethod.Uniform,
        "nri_uniform" => LbpMethod.NriUniform,
        "var" => LbpMethod.Var,
        _ => throw new FormatException($"LBP method '{name}' is not one of default, ror, uniform, nri_uniform, var."),
    };

    /// <summary>The method name as scikit-image spells it.</summary>
    public static string MethodName(LbpMethod method) => method switch
    {
        LbpMethod.Default => "default",
        LbpMethod.Ror => "ror",
        LbpMethod.Uniform => "uniform",
        LbpMethod.NriUniform => "nri_uniform",
        LbpMethod.Var => "var",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown LBP method."),
    };

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Points}:{FormatRadius(Radius)}:{MethodName(Method)}");

    private static string FormatRadius(double radius) => radius.ToString("0.#########", CultureInfo.InvariantCulture);
}
