namespace SparkImaging.Fuzz;

/// <summary>One generated hostile input: a relative file name (its extension may lie), its bytes and what it must yield.</summary>
public sealed record HostileCase(string FileName, byte[] Bytes, HostileExpectation Expected)
{
    /// <inheritdoc />
    public override string ToString() => $"{FileName} ({Bytes.Length} bytes) → {Expected}";
}
