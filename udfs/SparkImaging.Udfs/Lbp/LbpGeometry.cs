namespace SparkImaging.Udfs.Lbp;

/// <summary>
/// Where the P samples of one (P, R) lie relative to the centre pixel, computed with exactly the
/// operations of scikit-image 0.19 so that the interpolated values match to the bit.
/// </summary>
internal sealed class LbpGeometry
{
    /// <summary>Columns [0, this) are known to satisfy <see cref="FixedOffsetsHold"/>.</summary>
    private int fixedOffsetColumns;

    private LbpGeometry(int points, double[] rowOffsets, double[] columnOffsets)
    {
        Points = points;
        RowOffsets = rowOffsets;
        ColumnOffsets = columnOffsets;
        RowFloor = new int[points];
        ColumnFloor = new int[points];
        RowSpan = new int[points];
        ColumnSpan = new int[points];
        for (var i = 0; i < points; i++)
        {
            RowFloor[i] = (int)Math.Floor(rowOffsets[i]);
            ColumnFloor[i] = (int)Math.Floor(columnOffsets[i]);
            RowSpan[i] = (int)Math.Ceiling(rowOffsets[i]) - RowFloor[i];
            ColumnSpan[i] = (int)Math.Ceiling(columnOffsets[i]) - ColumnFloor[i];
        }

        var leftMost = 0;
        var rightMost = 0;
        for (var i = 0; i < points; i++)
        {
            leftMost = Math.Min(leftMost, ColumnFloor[i]);
            rightMost = Math.Max(rightMost, ColumnFloor[i] + ColumnSpan[i]);
        }

        InteriorLeft = -leftMost;
        InteriorRight = rightMost;
        var reach = Math.Max(InteriorLeft, InteriorRight);
        for (var i = 0; i < points; i++)
        {
            reach = Math.Max(reach, Math.Max(-RowFloor[i], RowFloor[i] + RowSpan[i]));
        }

        Reach = reach;
    }

    /// <summary>Number of samples.</summary>
    public int Points { get; }

    /// <summary><c>round(-R sin(2πi/P), 5)</c> with R in single precision, as scikit-image's Cython signature has it.</summary>
    public double[] RowOffsets { get; }

    /// <summary><c>round(R cos(2πi/P), 5)</c>.</summary>
    public double[] ColumnOffsets { get; }

    /// <summary>floor of each row offset.</summary>
    public int[] RowFloor { get; }

    /// <summary>floor of each column offset.</summary>
    public int[] ColumnFloor { get; }

    /// <summary>ceil − floor of each row offset: 0 for an integer offset, else 1.</summary>
    public int[] RowSpan { get; }

    /// <summary>ceil − floor of each column offset.</summary>
    public int[] ColumnSpan { get; }

    /// <summary>Columns needed left of the centre for every sample to be inside the image.</summary>
    public int InteriorLeft { get; }

    /// <summary>Columns needed right of the centre.</summary>
    public int InteriorRight { get; }

    /// <summary>How many rows or columns away from the centre a sample may read: the zero margin a padded band needs.</summary>
    public int Reach { get; }

    /// <summary>
    /// Whether every column c of an image <paramref name="columns"/> wide reads its samples at fixed offsets, as the
    /// fast paths assume: <c>floor(c + cp) = c + floor(cp)</c> and <c>ceil(c + cp) − floor(c + cp)</c> the offset's
    /// span, for every sample. It holds for every realistic width; the widest width checked is remembered (a width
    /// holds when a wider one does), so an image pays for the check only when it is wider than all before.
    /// </summary>
    public bool FixedOffsetsHold(int columns)
    {
        var known = Volatile.Read(ref fixedOffsetColumns);
        for (var i = 0; i < Points; i++)
        {
            for (var c = known; c < columns; c++)
            {
                var position = c + ColumnOffsets[i];
                var left = Math.Floor(position);
                if (left != c + ColumnFloor[i] || Math.Ceiling(position) - left != ColumnSpan[i])
                {
                    return false;
                }
            }
        }

        // A race may lower it again; that only repeats a check.
        if (columns > known)
        {
            Volatile.Write(ref fixedOffsetColumns, columns);
        }

        return true;
    }

    /// <summary>Computes the geometry of (P, R).</summary>
    public static LbpGeometry Create(int points, double radius)
    {
        // scikit-image declares R as a C float, so the radius is rounded to single precision first.
        double r = (float)radius;
        var rows = new double[points];
        var columns = new double[points];
        for (var i = 0; i < points; i++)
        {
            // Same evaluation order as numpy: 2 * np.pi * np.arange(P) / P.
            var angle = 2 * Math.PI * i / points;
            rows[i] = RoundToFiveDecimals(-r * Math.Sin(angle));
            columns[i] = RoundToFiveDecimals(r * Math.Cos(angle));
        }

        return new LbpGeometry(points, rows, columns);
    }

    /// <summary>numpy's <c>np.round(x, 5)</c>: multiply, round half to even, divide.</summary>
    internal static double RoundToFiveDecimals(double value) => Math.Round(value * 100000.0, MidpointRounding.ToEven) / 100000.0;
}
