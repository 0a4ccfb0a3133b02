namespace SparkImaging.Udfs.Lbp;

/// <summary>The pattern methods of <c>skimage.feature.local_binary_pattern</c>.</summary>
public enum LbpMethod
{
    /// <summary>Plain P-bit code, 2^P values.</summary>
    Default,

    /// <summary>Rotation invariant: the smallest cyclic rotation of the default code.</summary>
    Ror,

    /// <summary>Rotation invariant uniform patterns: P + 2 values.</summary>
    Uniform,

    /// <summary>Non rotation invariant uniform patterns: P(P − 1) + 3 values.</summary>
    NriUniform,

    /// <summary>Variance of the P samples (continuous, not a code).</summary>
    Var,
}
