namespace SparkImaging.Udfs.Tests.Golden;

/// <summary>One array of an .npz, widened to double (float32 and uint32 convert exactly).</summary>
internal sealed record NpyArray(int[] Shape, double[] Values, string DType);
