namespace SparkImaging.Udfs.Lbp;

/// <content>Row kernels: the bounds-checked port of scikit-image for border pixels, the interior fast path.</content>
public sealed partial class LbpOperator
{
    /// <summary>
    /// Sign patterns of one image row. Interior pixels, whose samples all fall inside the image, take the
    /// table-driven path (vectorised when <paramref name="useVectors"/>); the rest take the bounds-checked port.
    /// Both evaluate the same IEEE operations in the same order, so their results are identical.
    /// </summary>
    private void RowPatterns(ReadOnlySpan<double> image, int rows, int columns, int r, Span<ulong> patterns, InteriorTables tables, bool finite, bool useVectors)
    {
        var first = tables.IsUsable ? geometry.InteriorLeft : columns;
        var last = columns - 1 - geometry.InteriorRight;
        if (!IsInteriorRow(r, rows) || first > last)
        {
            first = columns;
            last = columns - 1;
        }

        for (var c = 0; c < Math.Min(first, columns); c++)
        {
            patterns[c] = CheckedPattern(image, rows, columns, r, c);
        }

        for (var c = Math.Max(last + 1, first); c < columns; c++)
        {
            patterns[c] = CheckedPattern(image, rows, columns, r, c);
        }

        if (first > last)
        {
            return;
        }

        patterns[first..(last + 1)].Clear();
        for (var i = 0; i < geometry.Points; i++)
        {
            var sampleRow = r + geometry.RowOffsets[i];
            var top = Math.Floor(sampleRow);
            var dr = sampleRow - top;
            var sample = new InteriorSample(
                TopLeft: ((int)top * columns) + geometry.ColumnFloor[i],
                Right: geometry.ColumnSpan[i],
                Down: geometry.RowSpan[i] * columns,
                Dr: dr,
                Bit: 1UL << i);
            var c = first;

            // An integer offset has zero weights on the far pixels: the sample is the pixel itself, exactly,
            // as long as no pixel is infinite or NaN (0 · ∞ would not vanish).
            var isPixel = finite && dr == 0 && sample.Right == 0;
            if (useVectors)
            {
                c = isPixel
                    ? SampleLanes.AccumulatePixels(image, sample, r * columns, c, last, patterns)
                    : SampleLanes.AccumulateInterpolated(image, sample, tables.Weights(i), tables.Complements(i), r * columns, c, last, patterns);
            }

            AccumulateScalar(image, sample, tables.Weights(i), tables.Complements(i), r * columns, c, last, patterns);
        }
    }

    private bool IsInteriorRow(int r, int rows)
    {
        for (var i = 0; i < geometry.Points; i++)
        {
            var sampleRow = r + geometry.RowOffsets[i];
            if (Math.Floor(sampleRow) < 0 || Math.Ceiling(sampleRow) > rows - 1)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The scalar interior path: the vector path's tail and its reference.</summary>
    private static void AccumulateScalar(ReadOnlySpan<double> image, in InteriorSample sample, ReadOnlySpan<double> dc, ReadOnlySpan<double> oneMinusDc, int centreRow, int first, int last, Span<ulong> patterns)
    {
        var oneMinusDr = 1 - sample.Dr;
        for (var c = first; c <= last; c++)
        {
            var at = sample.TopLeft + c;
            var topValue = (oneMinusDc[c] * image[at]) + (dc[c] * image[at + sample.Right]);
            var bottomValue = (oneMinusDc[c] * image[at + sample.Down]) + (dc[c] * image[at + sample.Down + sample.Right]);
            var value = (oneMinusDr * topValue) + (sample.Dr * bottomValue);
            if (value - image[centreRow + c] >= 0)
            {
                patterns[c] |= sample.Bit;
            }
        }
    }

    /// <summary>One pixel, every sample bounds-checked: a direct port of scikit-image's loop body.</summary>
    private ulong CheckedPattern(ReadOnlySpan<double> image, int rows, int columns, int r, int c)
    {
        var centre = image[(r * columns) + c];
        var pattern = 0UL;
        for (var i = 0; i < geometry.Points; i++)
        {
            if (CheckedSample(image, rows, columns, r + geometry.RowOffsets[i], c + geometry.ColumnOffsets[i]) - centre >= 0)
            {
                pattern |= 1UL << i;
            }
        }

        return pattern;
    }

    /// <summary>scikit-image's <c>bilinear_interpolation</c> with constant (zero) mode.</summary>
    private static double CheckedSample(ReadOnlySpan<double> image, int rows, int columns, double r, double c)
    {
        var minR = (long)Math.Floor(r);
        var minC = (long)Math.Floor(c);
        var maxR = (long)Math.Ceiling(r);
        var maxC = (long)Math.Ceiling(c);
        var dr = r - minR;
        var dc = c - minC;
        var topLeft = PixelOrZero(image, rows, columns, minR, minC);
        var topRight = PixelOrZero(image, rows, columns, minR, maxC);
        var bottomLeft = PixelOrZero(image, rows, columns, maxR, minC);
        var bottomRight = PixelOrZero(image, rows, columns, maxR, maxC);
        var top = ((1 - dc) * topLeft) + (dc * topRight);
        var bottom = ((1 - dc) * bottomLeft) + (dc * bottomRight);
        return ((1 - dr) * top) + (dr * bottom);
    }

    private static double PixelOrZero(ReadOnlySpan<double> image, int rows, int columns, long r, long c) =>
        r < 0 || r >= rows || c < 0 || c >= columns ? 0 : image[(int)((r * columns) + c)];

    /// <summary>The 'var' method: biased variance of the samples, NaN where it is zero, as scikit-image.</summary>
    private void ComputeVariance(ReadOnlySpan<double> image, int rows, int columns, Span<double> output)
    {
        var points = geometry.Points;
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                var sum = 0.0;
                var squares = 0.0;
                for (var i = 0; i < points; i++)
                {
                    var texture = CheckedSample(image, rows, columns, r + geometry.RowOffsets[i], c + geometry.ColumnOffsets[i]);
                    sum += texture;
                    squares += texture * texture;
                }

                var variance = (squares - ((sum * sum) / points)) / points;
                output[(r * columns) + c] = variance != 0 ? variance : double.NaN;
            }
        }
    }
}
