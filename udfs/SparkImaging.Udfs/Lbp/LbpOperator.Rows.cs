namespace SparkImaging.Udfs.Lbp;

/// <content>Row kernels: the padded-band fast path for every pixel, and the bounds-checked port of scikit-image it falls back on.</content>
public sealed partial class LbpOperator
{
    /// <summary>
    /// Sign patterns of columns [<paramref name="firstColumn"/>, + <paramref name="width"/>) of one image row, into
    /// the first <paramref name="width"/> patterns of the scratch, read from a zero-padded band so that border pixels
    /// need no bounds checks. Columns go through the chosen vector kernel, the rest through the scalar path; all
    /// evaluate the same IEEE operations in the same order, so their results are identical. <paramref name="shared"/>:
    /// the band's samples are described in the ring (<see cref="DescribeBand"/>), take the shared-rows kernel, filtered
    /// in single precision when the ring keeps single-precision values. Non-empty <paramref name="bytePatterns"/> (P ≤ 8,
    /// <paramref name="width"/> long): the patterns go there as bytes, from the filtered kernel directly, from the
    /// others narrowed. (Rows whose leading columns go to bit planes take <see cref="PlanedRow"/> instead.)
    /// </summary>
    private void RowPatterns(ReadOnlySpan<double> image, PaddedBand band, int rows, int columns, int r, int firstColumn, int width, PatternScratch scratch, LbpKernel kernel, bool shared, Span<byte> bytePatterns)
    {
        var bytes = !bytePatterns.IsEmpty;
        if (!WordPatterns(image, band, rows, columns, r, firstColumn, width, scratch, kernel, shared, bytePatterns) && bytes)
        {
            var patterns = scratch.Patterns[..width];
            for (var c = 0; c < width; c++)
            {
                bytePatterns[c] = (byte)patterns[c];
            }
        }
    }

    /// <summary>
    /// Row <paramref name="r"/> of the strip [<paramref name="firstColumn"/>, + <paramref name="width"/>) through the
    /// filtered kernel as bit planes (<see cref="SampleLanes.FilteredPlanes"/>, for counting uniform codes): its first
    /// columns, a multiple of <see cref="SampleLanes.PlaneColumns"/>, to <see cref="PatternScratch.Planes"/> from word
    /// <paramref name="planeStart"/>, the rest to the 64-bit patterns. Returns how many columns went to the planes. The
    /// band's samples must be described and the ring must keep single-precision values.
    /// </summary>
    private static int PlanedRow(PaddedBand band, int r, int firstColumn, int width, PatternScratch scratch, int planeStart)
    {
        var ring = scratch.Interpolations;
        ring.Advance(band, r, firstColumn, width);
        var centreAt = band.IndexOf(r, firstColumn);
        var direct = ring.PixelSamples(r);
        var interpolated = ring.InterpolatedSamples(r);
        var planed = SampleLanes.FilteredPlanes(band.Pixels, band.Singles, centreAt, firstColumn, ring, direct, interpolated, band.SingleTolerance, width, scratch.Planes[planeStart..], scratch.PlaneStride, scratch.PassData);
        if (planed == width)
        {
            return planed;
        }

        var patterns = scratch.Patterns[..width];
        var rest = SampleLanes.FilteredPatterns(band.Pixels, centreAt, firstColumn, ring, direct, interpolated, band.SingleTolerance, patterns, planed);
        for (var c = rest; c < width; c++)
        {
            patterns[c] = SampleLanes.ScalarSharedPattern(band.Pixels, centreAt, firstColumn, ring, direct, interpolated, c);
        }

        return planed;
    }

    /// <summary>
    /// <see cref="RowPatterns"/> as 64-bit patterns into <see cref="PatternScratch.Patterns"/>, except that the
    /// filtered kernel writes byte patterns directly into non-empty <paramref name="bytePatterns"/>; true when it did.
    /// </summary>
    private bool WordPatterns(ReadOnlySpan<double> image, PaddedBand band, int rows, int columns, int r, int firstColumn, int width, PatternScratch scratch, LbpKernel kernel, bool shared, Span<byte> bytePatterns)
    {
        var patterns = scratch.Patterns[..width];
        if (shared)
        {
            var ring = scratch.Interpolations;
            ring.Advance(band, r, firstColumn, width);
            var centreAt = band.IndexOf(r, firstColumn);
            var direct = ring.PixelSamples(r);
            var interpolated = ring.InterpolatedSamples(r);
            if (!bytePatterns.IsEmpty && ring.KeepSingles)
            {
                // Straight to bytes: the filtered kernel is the default, and the one whose counting weighs most.
                var filtered = SampleLanes.FilteredPatterns(band.Pixels, centreAt, firstColumn, ring, direct, interpolated, band.SingleTolerance, bytePatterns);
                for (var c = filtered; c < width; c++)
                {
                    bytePatterns[c] = (byte)SampleLanes.ScalarSharedPattern(band.Pixels, centreAt, firstColumn, ring, direct, interpolated, c);
                }

                return true;
            }

            var vectorColumns = ring.KeepSingles
                ? SampleLanes.FilteredPatterns(band.Pixels, centreAt, firstColumn, ring, direct, interpolated, band.SingleTolerance, patterns)
                : SampleLanes.SharedPatterns(band.Pixels, centreAt, firstColumn, ring, direct, interpolated, patterns);
            for (var c = vectorColumns; c < width; c++)
            {
                patterns[c] = SampleLanes.ScalarSharedPattern(band.Pixels, centreAt, firstColumn, ring, direct, interpolated, c);
            }

            return false;
        }

        if (!scratch.Tables.IsUsable || !DescribeSamples(band, r, scratch.Samples))
        {
            for (var c = 0; c < width; c++)
            {
                patterns[c] = CheckedPattern(image, rows, columns, r, firstColumn + c);
            }

            return false;
        }

        var centre = band.IndexOf(r, firstColumn);
        var pixels = band.Pixels;
        // The per-sample kernels index from column 0: strips other than whole rows are only for the shared one.
        var first = kernel == LbpKernel.Scalar ? 0 : SampleLanes.Patterns(pixels, centre, scratch.Samples, width, patterns);
        for (var c = first; c < width; c++)
        {
            patterns[c] = SampleLanes.ScalarPattern(pixels, centre, scratch.Samples, scratch.Tables, firstColumn + c);
        }

        return false;
    }

    /// <summary>Describes every row of the band for the shared-rows kernel; false if one cannot take it.</summary>
    private static bool DescribeBand(PaddedBand band, PatternScratch scratch)
    {
        if (!scratch.Tables.IsUsable || !band.IsFinite)
        {
            return false;
        }

        return scratch.Interpolations.DescribeBand(band);
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
