namespace SparkImaging.Udfs.Lbp;

/// <summary>
/// A small count fixed per generic instantiation, so that the JIT folds it and drops the code it turns off
/// (<see cref="RingRefill"/>'s keys per pass, <see cref="UniformPlanes"/>'s digits of a count of ones).
/// </summary>
internal interface IConstant
{
    static abstract int Value { get; }
}

/// <summary>The counts <see cref="IConstant"/> instantiations use.</summary>
internal static class Constant
{
    public readonly struct Zero : IConstant
    {
        public static int Value => 0;
    }

    public readonly struct One : IConstant
    {
        public static int Value => 1;
    }

    public readonly struct Two : IConstant
    {
        public static int Value => 2;
    }

    public readonly struct Three : IConstant
    {
        public static int Value => 3;
    }

    public readonly struct Four : IConstant
    {
        public static int Value => 4;
    }

    public readonly struct Five : IConstant
    {
        public static int Value => 5;
    }

    public readonly struct Six : IConstant
    {
        public static int Value => 6;
    }
}
