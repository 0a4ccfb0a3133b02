using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SparkImaging.Udfs.Memory;

namespace SparkImaging.Udfs.Lbp;

/// <summary>
/// The horizontal interpolations <c>h(row, c, cp) = (1 − dc)·I[row, c + ⌊cp⌋] + dc·I[row, c + ⌈cp⌉]</c> of the
/// image rows within the radius of the current row, one ring slot per row, for each distinct column offset cp.
/// scikit-image computes the same value as the <c>top</c> of one (sample, row) and the <c>bottom</c> of another, and
/// samples i and P − i share cp; computing it once per image row and offset, with the identical IEEE operations,
/// leaves only <c>(1 − dr)·top + dr·bottom</c> per sample and pixel, and the codes unchanged.
/// The ring covers a strip of columns: whole rows unless the image is very wide.
/// </summary>
internal sealed class RowInterpolations : IDisposable
{
    /// <summary>Columns per strip are a multiple of this, the widest vector of floats: every ring row starts on a cache line.</summary>
    private const int StripAlignment = 16;

    /// <summary>
    /// Bytes of ring a strip may use. Strips that keep the ring in L1 (12–32 KB) measured slower than whole rows with
    /// the ring in L2, the per-strip and per-call overheads outweighing the misses; so strips only bound the memory
    /// of very wide images.
    /// </summary>
    private const int CacheBudget = 1024 * 1024;

    private readonly PooledBuffer<double> values;
    private readonly PooledBuffer<float> singles;
    private readonly PooledBuffer<double> weights;
    private readonly PooledBuffer<double> complements;
    private readonly double[] keyOffsets;
    private readonly float[] singleWeights;
    private readonly float[] singleComplements;
    private readonly int[] keyFloors;
    private readonly int[] keyRights;
    private readonly int[] sampleKeys;
    private readonly RefillGroup[] refillGroups;
    private readonly int[] groupKeys;
    private readonly float[] groupWeights;
    private readonly float[] groupComplements;
    private readonly SampleRecipe[] recipes;
    private readonly PooledBuffer<SharedSample> bandSamples;
    private readonly int[] bandPixelCounts;
    private readonly int points;
    private readonly int slotMask;
    private readonly int reach;
    private readonly int rowStride;
    private readonly LbpGeometry geometry;
    private int nextRow = int.MinValue;
    private int weightsFirstColumn = -1;
    private int weightsWidth;
    private int bandFirstRow;
    private int describedRows;
    private readonly int[] describedAt = new int[PaddedBand.MaxRows];
    private int describedStride = -1;
    private int describedMargin = -1;
    private int describedPhase = -1;
    private bool describedFinite;

    public RowInterpolations(LbpGeometry geometry, int columns)
    {
        this.geometry = geometry;
        points = geometry.Points;
        reach = geometry.Reach;

        // A power of two of slots, so that a row's slot is a mask, negative rows included.
        var slots = (int)BitOperations.RoundUpToPowerOf2((uint)((2 * reach) + 1));
        slotMask = slots - 1;

        // One key per distinct column offset among samples that are not always the pixel itself.
        var offsets = new List<double>();
        sampleKeys = new int[points];
        for (var i = 0; i < points; i++)
        {
            var alwaysPixel = geometry.RowSpan[i] == 0 && geometry.ColumnSpan[i] == 0;
            var key = offsets.IndexOf(geometry.ColumnOffsets[i]);
            if (key < 0 && !alwaysPixel)
            {
                key = offsets.Count;
                offsets.Add(geometry.ColumnOffsets[i]);
            }

            sampleKeys[i] = alwaysPixel ? -1 : key;
        }

        keyOffsets = [.. offsets];

        // The single-precision ring needs no per-column weights: dc of column c differs from frac(cp) only by the
        // rounding of c + cp, far below what single precision resolves (see SampleLanes.Filtered).
        singleWeights = [.. offsets.Select(offset => (float)(offset - Math.Floor(offset)))];
        singleComplements = [.. offsets.Select(offset => (float)(1 - (offset - Math.Floor(offset))))];
        keyFloors = new int[offsets.Count];
        keyRights = new int[offsets.Count];
        for (var k = 0; k < offsets.Count; k++)
        {
            var i = Array.IndexOf(geometry.ColumnOffsets, offsets[k]);
            keyFloors[k] = geometry.ColumnFloor[i];
            keyRights[k] = geometry.ColumnSpan[i];
        }

        // The single-precision ring's keys grouped by the band columns they read (⌊cp⌋ and the span), and groups of
        // adjacent ⌊cp⌋ paired, for RingRefill to compute a pass's rows sharing its band loads; at most
        // RingRefill.MaxGroup keys a pass.
        var groups = new List<RefillGroup>();
        groupKeys = new int[offsets.Count];
        var grouped = 0;
        var byColumns = Enumerable.Range(0, offsets.Count).GroupBy(k => (Floor: keyFloors[k], Right: keyRights[k])).OrderBy(g => g.Key.Right).ThenBy(g => g.Key.Floor)
            .SelectMany(g => g.Chunk(RingRefill.MaxGroup).Select(chunk => (g.Key.Floor, g.Key.Right, Keys: chunk))).ToList();
        for (var g = 0; g < byColumns.Count; g++)
        {
            var (floor, right, keys) = byColumns[g];
            var paired = g + 1 < byColumns.Count && right == 1 && byColumns[g + 1].Right == 1 && byColumns[g + 1].Floor == floor + 1 && keys.Length + byColumns[g + 1].Keys.Length <= RingRefill.MaxGroup;
            var pass = paired ? [.. keys, .. byColumns[++g].Keys] : keys;
            groups.Add(new RefillGroup(floor, right, keys.Length, grouped, pass.Length));
            foreach (var k in pass)
            {
                groupKeys[grouped++] = k;
            }
        }

        refillGroups = [.. groups];
        groupWeights = [.. groupKeys.Select(k => singleWeights[k])];
        groupComplements = [.. groupKeys.Select(k => singleComplements[k])];

        recipes = new SampleRecipe[points];
        for (var i = 0; i < points; i++)
        {
            var key = sampleKeys[i];
            recipes[i] = new SampleRecipe(geometry.RowOffsets[i], geometry.ColumnFloor[i], geometry.ColumnSpan[i], key < 0 ? -1 : key * slots, key < 0 ? 0 : keyOffsets[key], 1UL << i);
        }

        var perColumn = Math.Max(1, keyOffsets.Length) * slots * sizeof(double);
        StripWidth = Math.Clamp(CacheBudget / perColumn / StripAlignment * StripAlignment, StripAlignment, (columns + StripAlignment - 1) / StripAlignment * StripAlignment);
        // Ring rows one cache line of padding apart: at a power-of-two width (512 columns: 2 KB of floats) every ring
        // row a pass reads would fall in the same few L1 sets and evict the others.
        rowStride = StripWidth + StripAlignment;
        values = new PooledBuffer<double>(checked(Math.Max(1, keyOffsets.Length) * slots * rowStride), aligned: true);
        singles = new PooledBuffer<float>(values.Span.Length, aligned: true);
        weights = new PooledBuffer<double>(checked(Math.Max(1, keyOffsets.Length) * StripWidth));
        complements = new PooledBuffer<double>(checked(Math.Max(1, keyOffsets.Length) * StripWidth));
        // Pooled: as an array per call it sat on the large-object heap for P = 24, and its first touch of fresh pages
        // cost more than the descriptions themselves.
        bandSamples = new PooledBuffer<SharedSample>(PaddedBand.MaxRows * points);
        bandPixelCounts = new int[PaddedBand.MaxRows];
    }


    /// <summary>Columns per strip: the ring holds the interpolations of this many columns.</summary>
    public int StripWidth { get; }

    /// <summary>Horizontal interpolations, <c>[key][slot][column − first column of the strip]</c>, slots a strip and a cache line apart.</summary>
    public ReadOnlySpan<double> Values => values.Span;

    /// <summary>
    /// The same interpolations in single precision, computed from the band's single-precision pixels with each column
    /// offset's weights frac(cp) and 1 − frac(cp), same layout: the filtered kernel's ring, filled instead of <see cref="Values"/> while <see cref="KeepSingles"/>.
    /// </summary>
    public ReadOnlySpan<float> Singles => singles.Span;

    /// <summary>Whether <see cref="Advance"/> fills <see cref="Singles"/> rather than <see cref="Values"/> (for the filtered kernel).</summary>
    public bool KeepSingles { get; set; }

    /// <summary>The strip's column weights <c>dc</c>, <c>[key][column − first column of the strip]</c> (for the double ring only).</summary>
    public ReadOnlySpan<double> Weights => weights.Span;

    /// <summary>The strip's <c>1 − dc</c>.</summary>
    public ReadOnlySpan<double> Complements => complements.Span;

    /// <summary>
    /// Describes every row of <paramref name="band"/> (<see cref="Describe"/>); false if one cannot take the shared-rows
    /// kernel. The descriptions held for a row's place in the band, from an earlier band of the same layout (stride,
    /// margin, ring phase, finiteness), are kept when that band's row and this one lie in the same binade
    /// (<see cref="SameBinade"/>): then they are exactly the ones <see cref="Describe"/> would write.
    /// </summary>
    /// <remarks>
    /// Describing every band's rows anew cost 4–5 % of the kernels' time, and skipping it altogether (a measurement,
    /// wrong codes) 5.8 % of 24:3's and 4.6 % of 8:1's. Kept across bands: 24:3 5.19 → 5.14 ns/px, 8:1 2.09 → 2.02
    /// (Zen 2, medians of five alternating runs). A 512-row image still describes about half of 24:3's rows and a third
    /// of 8:1's, in the bands where the row number enters a new binade.
    /// </remarks>
    public bool DescribeBand(PaddedBand band)
    {
        var reuse = band.Stride == describedStride && band.Margin == describedMargin && band.IsFinite == describedFinite && (band.FirstRow & slotMask) == describedPhase;
        var held = reuse ? describedRows : 0;
        describedRows = 0;
        bandFirstRow = band.FirstRow;
        for (var i = 0; i < band.RowCount; i++)
        {
            var r = band.FirstRow + i;
            if (i < held && SameBinade(r, describedAt[i]))
            {
                describedAt[i] = r;
                continue;
            }

            if (!Describe(band, r))
            {
                return false;
            }

            describedAt[i] = r;
        }

        describedRows = Math.Max(held, band.RowCount);
        describedStride = band.Stride;
        describedMargin = band.Margin;
        describedPhase = band.FirstRow & slotMask;
        describedFinite = band.IsFinite;
        return true;
    }

    /// <summary>
    /// Whether every sample row <c>r + offset</c> of rows <paramref name="r"/> and <paramref name="held"/> lies in one
    /// binade, [2^k, 2^(k+1)) for the same k: then <c>r + offset</c> rounds alike in both (r is a multiple of twice the
    /// ulp there, so the rounding and its ties depend on the offset alone), and with it ⌊·⌋ − r and <c>dr</c>, the
    /// row's descriptions but for the band row they start on, which the band's layout keeps in place.
    /// </summary>
    private bool SameBinade(int r, int held)
    {
        var binade = BitOperations.Log2((uint)Math.Max(r - reach, 0));
        return r - reach >= 1 && held - reach >= 1 && r + reach < 1 << 30 && held + reach < 1 << 30
            && BitOperations.Log2((uint)(r + reach)) == binade && BitOperations.Log2((uint)(held - reach)) == binade && BitOperations.Log2((uint)(held + reach)) == binade;
    }

    /// <summary>
    /// Records where row <paramref name="r"/>'s samples read, with the operations of <c>LbpOperator.DescribeSamples</c>:
    /// the band for a sample that is the pixel itself, else two ring rows. False when a sample would read outside the
    /// band's margin, or needs an interpolation this class does not keep (an integer sample in a non-finite band), for
    /// the caller to take whole rows another way.
    /// </summary>
    private bool Describe(PaddedBand band, int r)
    {
        var row = bandSamples.Span.Slice((r - band.FirstRow) * points, points);

        // The band's layout in locals, the samples' row-independent parts in one array read by reference, the
        // descriptions written by reference (each sample fills one of the row's slots): per sample and row, no bounds
        // checks and no reloads, where they had been most of the descriptions' cost.
        var stride = band.Stride;
        var finite = band.IsFinite;
        var origin = band.IndexOf(0, 0);
        var lowest = (double)(r - band.Margin);
        var highest = (double)(r + band.Margin);
        var mask = slotMask;
        var ringStride = rowStride;
        ref var recipe0 = ref MemoryMarshal.GetArrayDataReference(recipes);
        ref var row0 = ref MemoryMarshal.GetReference(row);
        var pixels = 0;
        var interpolated = points;
        for (var i = 0; i < points; i++)
        {
            ref readonly var recipe = ref Unsafe.Add(ref recipe0, i);

            // Floor and ceil of the actual position, as scikit-image takes them, not of the offset alone.
            var sampleRow = r + recipe.RowOffset;
            var top = Math.Floor(sampleRow);
            var down = sampleRow == top ? 0 : 1;
            if (top < lowest || top + down > highest)
            {
                return false;
            }

            var topRow = (int)top;
            var dr = sampleRow - top;
            var left = origin + (topRow * stride) + recipe.ColumnFloor;
            if (finite && dr == 0 && recipe.ColumnSpan == 0)
            {
                // A source spelled out, as for interpolated samples: with the default one the JIT zeroed a stack copy
                // and read it back whole, a failed store forwarding per sample.
                Unsafe.Add(ref row0, pixels++) = new SharedSample(left, left, 0, 1, recipe.Bit, new SampleSource(left, 0, 0, 0));
                continue;
            }

            if (recipe.KeyBase < 0)
            {
                return false;
            }

            var ringTop = (recipe.KeyBase + (topRow & mask)) * ringStride;
            var ringBottom = down == 0 ? ringTop : (recipe.KeyBase + ((topRow + 1) & mask)) * ringStride;
            var source = new SampleSource(left, recipe.ColumnSpan, down * stride, recipe.KeyOffset);
            Unsafe.Add(ref row0, --interpolated) = new SharedSample(ringTop, ringBottom, dr, 1 - dr, recipe.Bit, source);
        }

        bandPixelCounts[r - band.FirstRow] = pixels;
        return true;
    }

    /// <summary>Samples of row <paramref name="r"/> that read the band directly (indices from the strip's first column).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<SharedSample> PixelSamples(int r) => bandSamples.Span.Slice((r - bandFirstRow) * points, bandPixelCounts[r - bandFirstRow]);

    /// <summary>Samples of row <paramref name="r"/> that combine two horizontal interpolations.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<SharedSample> InterpolatedSamples(int r)
    {
        var pixels = bandPixelCounts[r - bandFirstRow];
        return bandSamples.Span.Slice(((r - bandFirstRow) * points) + pixels, points - pixels);
    }

    /// <summary>
    /// Prepares row <paramref name="r"/> of the strip [<paramref name="firstColumn"/>, + <paramref name="width"/>):
    /// computes the interpolations of the rows up to r + reach not computed yet, from <paramref name="band"/>.
    /// </summary>
    public void Advance(PaddedBand band, int r, int firstColumn, int width)
    {
        if (nextRow == int.MinValue && !KeepSingles && (firstColumn != weightsFirstColumn || width != weightsWidth))
        {
            // A new strip: its column weights, the same for every row, with the operations of InteriorTables; kept
            // while the strips of later bands cover the same columns (whole rows: the image's every band). The
            // single-precision ring has one weight per column offset, and its exact recomputation
            // (SampleLanes.ExactAtLeast) computes a column's weight itself.
            weightsFirstColumn = firstColumn;
            weightsWidth = width;
            for (var k = 0; k < keyOffsets.Length; k++)
            {
                var dc = weights.Span.Slice(k * StripWidth, width);
                var oneMinusDc = complements.Span.Slice(k * StripWidth, width);
                for (var c = 0; c < width; c++)
                {
                    var position = (firstColumn + c) + keyOffsets[k];
                    dc[c] = position - Math.Floor(position);
                    oneMinusDc[c] = 1 - dc[c];
                }
            }
        }

        if (KeepSingles)
        {
            var bandSingles = band.Singles;
            var ring = singles.Span;
            Span<int> destinations = stackalloc int[RingRefill.MaxGroup];
            for (var row = Math.Max(nextRow, r - reach); row <= r + reach; row++)
            {
                var rowStart = band.IndexOf(row, firstColumn);
                foreach (var group in refillGroups)
                {
                    var keys = destinations[..group.Count];
                    for (var j = 0; j < keys.Length; j++)
                    {
                        keys[j] = IndexOf(groupKeys[group.First + j], row);
                    }

                    RingRefill.Fill(bandSingles, rowStart + group.Floor, group.Right, group.Low, groupWeights.AsSpan(group.First, group.Count), groupComplements.AsSpan(group.First, group.Count), keys, ring, 0, width);
                }
            }
        }
        else
        {
            for (var row = Math.Max(nextRow, r - reach); row <= r + reach; row++)
            {
                for (var k = 0; k < keyOffsets.Length; k++)
                {
                    SampleLanes.Interpolations(band.Pixels, Describe(band, k, row, firstColumn), weights.Span, complements.Span, values.Span, width);
                }
            }
        }

        nextRow = r + reach + 1;
    }

    /// <summary>Forgets the computed rows: the next <see cref="Advance"/> starts a new strip.</summary>
    public void Restart() => nextRow = int.MinValue;

    public void Dispose()
    {
        values.Dispose();
        singles.Dispose();
        weights.Dispose();
        complements.Dispose();
        bandSamples.Dispose();
    }

    private KeyRow Describe(PaddedBand band, int key, int row, int firstColumn) =>
        new(band.IndexOf(row, keyFloors[key] + firstColumn), keyRights[key], key * StripWidth, IndexOf(key, row));

    private int IndexOf(int key, int row) => ((key * (slotMask + 1)) + (row & slotMask)) * rowStride;

    /// <summary>
    /// What <see cref="Describe(PaddedBand, int)"/> needs of one sample that no row changes: its offsets, its key's first
    /// ring slot (key × slots, −1 without a key) and column offset, its bit.
    /// </summary>
    private readonly record struct SampleRecipe(double RowOffset, int ColumnFloor, int ColumnSpan, int KeyBase, double KeyOffset, ulong Bit);

    /// <summary>
    /// One refill pass, keys <c>groupKeys[First .. First + Count)</c>: the first <paramref name="Low"/> read band columns
    /// ⌊cp⌋ = <paramref name="Floor"/> and <paramref name="Floor"/> + <paramref name="Right"/> of each column, the
    /// others the next two (see <see cref="RingRefill.Fill"/>).
    /// </summary>
    private readonly record struct RefillGroup(int Floor, int Right, int Low, int First, int Count);
}
