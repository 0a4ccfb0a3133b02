namespace SparkImaging.Udfs.Lbp;

/// <content>Row kernels: the padded-band fast path for every pixel, and the bounds-checked port of scikit-image it falls back on.</content>
public sealed partial class LbpOperator
{
    /// <summary>
    /// Sign patterns of one image row, read from a zero-padded band so that border pixels need no bounds checks.
    /// Columns go through the vector path when <paramref name="useVectors"/>, the rest through the scalar path;
    /// both evaluate the same IEEE operations in the same order, so their results are identical.
    /// </summary>
    private void RowPatterns(ReadOnlySpan<double> image, PaddedBand band, int rows, int columns, int r, InteriorTables tables, Span<InteriorSample> samples, Span<ulong> patterns, bool useVectors)
    {
        if (!tables.IsUsable || !DescribeSamples(band, r, samples))
        {
            for (var c = 0; c < columns; c++)
            {
                patterns[c] = CheckedPattern(image, rows, columns, r, c);
            }

            return;
        }

        var centre = band.IndexOf(r, 0);
        var pixels = band.Pixels;
        var first = useVectors ? SampleLanes.Patterns(pixels, centre, samples, columns, patterns) : 0;
        for (var c = first; c < columns; c++)
        {
            patterns[c] = SampleLanes.ScalarPattern(pixels, centre, samples, tables, c);
        }
    }

    /// <summary>Where each sample of row <paramref name="r"/> reads in the band; false if one would read outside it.</summary>
    private bool DescribeSamples(PaddedBand band, int r, Span<InteriorSample> samples)
    {
        for (var i = 0; i < geometry.Points; i++)
        {
            // Floor and ceil of the actual position, as scikit-image takes them, not of the offset alone.
            var sampleRow = r + geometry.RowOffsets[i];
            var top = Math.Floor(sampleRow);
            var down = (int)(Math.Ceiling(sampleRow) - top);
            if (top < r - band.Margin || top + down > r + band.Margin)
            {
                return false;
            }

            var dr = sampleRow - top;
            var right = geometry.ColumnSpan[i];
            samples[i] = new InteriorSample(
                TopLeft: band.IndexOf((int)top, geometry.ColumnFloor[i]),
                Right: right,
                Down: down * band.Stride,
                Dr: dr,
                OneMinusDr: 1 - dr,
                ColumnOffset: geometry.ColumnOffsets[i],
                Bit: 1UL << i,
                IsPixel: band.IsFinite && dr == 0 && right == 0);
        }

        return true;
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
