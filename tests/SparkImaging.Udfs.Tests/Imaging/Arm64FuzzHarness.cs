namespace SparkImaging.Udfs.Tests.Imaging;

/// <summary>
/// The fuzz harness published for linux-arm64 (a few hundred MB, self-contained) on first use, in a temporary directory
/// of its own that goes when the test class is done: a class fixture.
/// </summary>
public sealed class Arm64FuzzHarness : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "sparkimaging-fuzz-arm64", Guid.NewGuid().ToString("N"));
    private readonly Lazy<string> executable;

    public Arm64FuzzHarness() => executable = new(() => FuzzHelperProcess.PublishForArm64(directory));

    /// <summary>The published executable, published now if it was not yet.</summary>
    public string Executable => executable.Value;

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
