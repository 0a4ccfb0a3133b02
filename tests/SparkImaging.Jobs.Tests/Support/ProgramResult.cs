namespace SparkImaging.Jobs.Tests.Support;

/// <summary>Exit code and output of one program run.</summary>
internal sealed record ProgramResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
