namespace SparkImaging.Udfs.Lbp;

/// <content>The order in which an image's patterns are computed.</content>
public sealed partial class LbpOperator
{
    /// <summary>
    /// Band by band; within a band, strip of columns by strip, and row by row within a strip, so that the shared-rows
    /// kernel's ring of interpolations stays bounded. Other kernels, and bands with non-finite values, take whole rows.
    /// </summary>
    private ref struct PatternWalk
    {
        private readonly LbpOperator owner;
        private readonly ReadOnlySpan<double> image;
        private readonly int rows;
        private readonly int columns;
        private readonly PatternScratch scratch;
        private readonly LbpKernel kernel;
        private readonly bool bytes;
        private readonly bool planes;
        private int stripWidth;
        private bool shared;

        /// <param name="bytes">Patterns as <see cref="BytePatterns"/> (P ≤ 8) rather than <see cref="Patterns"/>.</param>
        /// <param name="planes">
        /// Where the filtered kernel runs, the leading columns of a row as bit planes in <see cref="PatternScratch.Planes"/>
        /// (<see cref="PlaneWords"/>), and <see cref="Patterns"/> the rest (for counting uniform codes).
        /// </param>
        public PatternWalk(LbpOperator owner, ReadOnlySpan<double> image, int rows, int columns, PatternScratch scratch, LbpKernel kernel, bool bytes, bool planes = false)
        {
            this.owner = owner;
            this.image = image;
            this.rows = rows;
            this.columns = columns;
            this.scratch = scratch;
            this.kernel = kernel;
            this.bytes = bytes;
            this.planes = planes;
            Row = -1;
        }

        /// <summary>Image row of <see cref="Patterns"/>.</summary>
        public int Row { get; private set; }

        /// <summary>Image column of <see cref="Patterns"/>[0].</summary>
        public int FirstColumn { get; private set; }

        /// <summary>
        /// Plane words the step wrote from <see cref="PatternScratch.PlaneStart"/> on: the leading columns of one row, or
        /// of several rows of a strip (a row's words after the previous row's), as many as fit before the words must be
        /// counted; <see cref="Patterns"/> are then the last row's columns after them. <see cref="Row"/> is the last row.
        /// </summary>
        public int PlaneWords { get; private set; }

        /// <summary>Patterns of the current strip of the current row (unless the walk takes bytes).</summary>
        public ReadOnlySpan<ulong> Patterns { get; private set; }

        /// <summary>The same patterns as bytes, when the walk takes bytes.</summary>
        public ReadOnlySpan<byte> BytePatterns { get; private set; }

        /// <summary>Where in <see cref="PatternScratch.BytePatterns"/> the next row's byte patterns go, so that rows can gather.</summary>
        public int ByteStart { get; set; }

        /// <summary>Computes the next strip of patterns; false when the image is done.</summary>
        public bool Next()
        {
            var band = scratch.Band;
            if (Row < 0)
            {
                StartBand(0);
            }
            else if (Row + 1 < band.FirstRow + band.RowCount)
            {
                Row++;
            }
            else if (FirstColumn + stripWidth < columns)
            {
                FirstColumn += stripWidth;
                Row = band.FirstRow;
                scratch.Interpolations.Restart();
            }
            else if (Row + 1 < rows)
            {
                StartBand(Row + 1);
            }
            else
            {
                return false;
            }

            var width = Math.Min(stripWidth, columns - FirstColumn);
            if (planes && shared && scratch.Interpolations.KeepSingles)
            {
                PlanedRows(band, width);
                return true;
            }

            var bytePatterns = bytes ? scratch.BytePatterns.Slice(ByteStart, width) : default;
            owner.RowPatterns(image, band, rows, columns, Row, FirstColumn, width, scratch, kernel, shared, bytePatterns);
            PlaneWords = 0;
            if (bytes)
            {
                BytePatterns = bytePatterns;
            }
            else
            {
                Patterns = scratch.Patterns[..width];
            }

            return true;
        }

        /// <summary>
        /// Rows of the strip from <see cref="Row"/> on as planes (<see cref="PlaneWords"/>), in one step: a trip per row
        /// through <see cref="Next"/>, <see cref="RowPatterns"/> and the count loop was ~2 % of the 8:1 kernel. A row
        /// with columns left for patterns ends the step, as does a plane buffer that could not take another row.
        /// </summary>
        private void PlanedRows(PaddedBand band, int width)
        {
            var end = band.FirstRow + band.RowCount;
            var words = 0;
            while (true)
            {
                var planed = PlanedRow(band, Row, FirstColumn, width, scratch, scratch.PlaneStart + words);
                words += planed / SampleLanes.PlaneColumns;
                if (planed < width || Row + 1 >= end || scratch.PlaneStart + words + scratch.RowPlaneWords > scratch.PlaneStride)
                {
                    PlaneWords = words;
                    Patterns = scratch.Patterns[planed..width];
                    return;
                }

                Row++;
            }
        }

        private void StartBand(int firstRow)
        {
            var band = scratch.Band;
            band.Load(image, rows, firstRow, Math.Min(PaddedBand.RowsFor(band.Margin), rows - firstRow));
            shared = kernel is LbpKernel.SharedRows or LbpKernel.Filtered && DescribeBand(band, scratch);
            var filtered = shared && kernel == LbpKernel.Filtered && band.SingleTolerance >= 0 && columns < SampleLanes.FilteredColumnLimit && SampleLanes.CanFilter;
            scratch.Interpolations.KeepSingles = filtered;

            stripWidth = shared ? scratch.Interpolations.StripWidth : columns;
            scratch.Interpolations.Restart();
            Row = firstRow;
            FirstColumn = 0;
        }
    }
}
