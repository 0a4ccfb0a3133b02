using SparkImaging.Udfs.Lbp;

namespace SparkImaging.Udfs.Tests.Lbp;

/// <summary>
/// The bit-sliced count of uniform codes (<see cref="UniformPlanes"/>) equals the code map applied column by column,
/// and the planes' bit order (<see cref="SampleLanes.PlaneColumn"/>) is a permutation of a pass's columns.
/// </summary>
public class UniformPlanesTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(16)]
    [InlineData(23)]
    [InlineData(24)]
    [InlineData(31)]
    [InlineData(32)]
    public void Counts_equal_the_code_map_column_by_column(int points)
    {
        var random = new Random(7919 * points);
        var map = new LbpCodeMap(points, LbpMethod.Uniform);
        foreach (var words in new[] { 1, 7, 8, 9, 16, 21 })
        {
            // Words past the counted ones hold noise, which must not be counted.
            var stride = (words + UniformPlanes.WordsPerVector - 1) / UniformPlanes.WordsPerVector * UniformPlanes.WordsPerVector;
            var planes = new uint[points * stride];
            for (var i = 0; i < planes.Length; i++)
            {
                planes[i] = (uint)random.Next() ^ ((uint)random.Next() << 16);
            }

            // Half the columns get a uniform pattern (a run of ones, or of zeros, anywhere), so that every code occurs.
            for (var w = 0; w < words; w++)
            {
                for (var bit = 0; bit < 32; bit++)
                {
                    if (random.Next(2) == 0)
                    {
                        continue;
                    }

                    var start = random.Next(points + 1);
                    var length = random.Next(points - start + 1);
                    var invert = random.Next(2) == 0;
                    for (var i = 0; i < points; i++)
                    {
                        var one = (i >= start && i < start + length) ^ invert;
                        ref var word = ref planes[(i * stride) + w];
                        word = one ? word | (1u << bit) : word & ~(1u << bit);
                    }
                }
            }

            var expected = new long[points + 2];
            for (var w = 0; w < words; w++)
            {
                for (var bit = 0; bit < 32; bit++)
                {
                    var pattern = 0u;
                    for (var i = 0; i < points; i++)
                    {
                        pattern |= ((planes[(i * stride) + w] >> bit) & 1u) << i;
                    }

                    expected[map.Map(pattern)]++;
                }
            }

            var counts = new long[points + 2];
            UniformPlanes.Count(planes, stride, words, points, counts);
            Assert.Equal(expected, counts);
            Assert.True(expected.Count(n => n > 0) >= Math.Min(points + 1, 3), $"P={points}, {words} words: too few distinct codes to test");
        }
    }

    [Fact]
    public void Plane_bits_are_a_permutation_of_the_pass_columns()
    {
        var columns = Enumerable.Range(0, SampleLanes.PlaneColumns).Select(SampleLanes.PlaneColumn).ToArray();
        Assert.Equal(Enumerable.Range(0, SampleLanes.PlaneColumns), columns.Order());
        for (var bit = 0; bit < SampleLanes.PlaneColumns; bit++)
        {
            Assert.Equal(bit, SampleLanes.PlaneBit(SampleLanes.PlaneColumn(bit)));
        }
    }
}
