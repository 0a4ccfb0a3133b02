using System.Diagnostics;
using SparkImaging.Fuzz;

namespace SparkImaging.Udfs.Tests.Hostile;

/// <summary>
/// A short, deterministic fuzzing run in the default suite: the seed corpus (decoder fixtures + hostile corpus)
/// and a few thousand mutations through <see cref="FuzzTarget"/>, plus every committed regression input.
/// Long runs use AFL++ (docs/fuzzing.md).
/// </summary>
public class FuzzSmokeTests
{
    private const int Mutations = 10000;
    private const int MutatorSeed = 7;

    /// <summary>One input taking longer is a finding (LibTiff once took 38 s to open a 727-byte file).</summary>
    private static readonly TimeSpan SlowInput = TimeSpan.FromSeconds(2);

    private static string Regressions => Path.Combine(TestPaths.RepositoryRoot, "tests", "fixtures", "fuzz-regressions");

    [Fact]
    public void Seeds_and_mutations_keep_every_invariant()
    {
        var seeds = Directory.GetFiles(TestPaths.DecodeFixtures)
            .Where(f => !f.EndsWith(".npz", StringComparison.Ordinal) && !f.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllBytes)
            .Concat(HostileCorpus.Build(TestPaths.DecodeFixtures).Select(c => c.Bytes).Where(b => b.Length > 0))
            .ToList();
        foreach (var seed in seeds)
        {
            FuzzTarget.Run(seed);
        }

        var mutator = new Mutator(seeds, MutatorSeed);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Mutations; i++)
        {
            var input = mutator.Next();
            try
            {
                var started = clock.Elapsed;
                FuzzTarget.Run(input);
                if (clock.Elapsed - started > SlowInput)
                {
                    throw new FuzzInvariantException($"one input took {clock.Elapsed - started}");
                }
            }
            catch (Exception e)
            {
                // Keep the input so it can be committed under tests/fixtures/fuzz-regressions/.
                var saved = Path.Combine(Path.GetTempPath(), $"sparkimaging-fuzz-crash-{MutatorSeed}-{i}.bin");
                File.WriteAllBytes(saved, input);
                Assert.Fail($"mutation {i} broke an invariant (input saved to {saved}): {e}");
            }
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"{Mutations} mutations took {clock.Elapsed}");
    }

    [Fact]
    public void Committed_regression_inputs_keep_every_invariant()
    {
        var inputs = Directory.GetFiles(Regressions, "*.bin");
        Assert.NotEmpty(inputs);
        Assert.All(inputs, file =>
        {
            var clock = Stopwatch.StartNew();
            FuzzTarget.Run(File.ReadAllBytes(file));
            Assert.True(clock.Elapsed < SlowInput, $"{file} took {clock.Elapsed}");
        });
    }
}
