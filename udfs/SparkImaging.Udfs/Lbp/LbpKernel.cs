namespace SparkImaging.Udfs.Lbp;

/// <summary>Which row kernel computes the patterns; all give identical codes (tests and benchmarks pick one).</summary>
internal enum LbpKernel
{
    /// <summary>Column by column, every sample interpolated in full: the reference.</summary>
    Scalar,

    /// <summary>Vector blocks of columns, every sample interpolated in full.</summary>
    PerSample,

    /// <summary>Vector blocks reading horizontal interpolations computed once per image row and column offset.</summary>
    SharedRows,

    /// <summary>
    /// The shared-rows kernel decided in single precision where that is provably the double decision, in double
    /// elsewhere (<see cref="SampleLanes.FilteredPatterns"/>): the default. Counting uniform codes with AVX2 and FMA
    /// (no AVX-512), its decisions are made as bit planes (<see cref="SampleLanes.FilteredPlanes"/>) and counted
    /// bit-sliced (<see cref="UniformPlanes"/>).
    /// </summary>
    Filtered,
}
