using System.Diagnostics;
using SparkImaging.Fuzz;

namespace SparkImaging.Udfs.Tests.Hostile;

/// <summary>
/// A short, deterministic fuzzing run in the default suite: the seed corpus (decoder fixtures + hostile corpus)
/// through <see cref="FuzzTarget"/>; mutations as they come (most stop at a CRC) and with their PNG checksums
/// repaired (<see cref="PngChecksums"/>), those also through the differential PNG target; mutations of zlib streams
/// through the differential inflate target; and every committed regression input. Long runs use AFL++
/// (docs/fuzzing.md).
/// </summary>
public class FuzzSmokeTests
{
    private const int Mutations = 10_000;
    private const int RepairedMutations = 20_000;
    private const int InflateMutations = 20_000;
    private const int MutatorSeed = 7;

    /// <summary>One input taking longer is a finding (LibTiff once took 38 s to open a 727-byte file).</summary>
    private static readonly TimeSpan SlowInput = TimeSpan.FromSeconds(2);

    private static readonly Lazy<List<byte[]>> Seeds = new(() => Directory.GetFiles(TestPaths.DecodeFixtures)
        .Where(f => !f.EndsWith(".npz", StringComparison.Ordinal) && !f.EndsWith(".json", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)
        .Select(File.ReadAllBytes)
        .Concat(HostileCorpus.Build(TestPaths.DecodeFixtures).Select(c => c.Bytes).Where(b => b.Length > 0))
        .ToList());

    private static string Regressions => Path.Combine(TestPaths.RepositoryRoot, "tests", "fixtures", "fuzz-regressions");

    [Fact]
    public void Seeds_and_mutations_keep_every_invariant()
    {
        foreach (var seed in Seeds.Value)
        {
            FuzzTarget.Run(seed);
        }

        var elapsed = Fuzz(new Mutator(Seeds.Value, MutatorSeed), Mutations, input => FuzzTarget.Run(input));
        Assert.True(elapsed < TimeSpan.FromSeconds(20), $"{Mutations} mutations took {elapsed}");
    }

    [Fact]
    public void Crc_repaired_mutations_keep_every_invariant_and_decode_alike_in_libpng()
    {
        var elapsed = Fuzz(new Mutator(Seeds.Value, MutatorSeed, repairPngChecksums: true), RepairedMutations, input =>
        {
            FuzzTarget.Run(input);
            PngDifferentialTarget.Run(input);
        });
        Assert.True(elapsed < TimeSpan.FromSeconds(60), $"{RepairedMutations} mutations took {elapsed}");
    }

    [Fact]
    public void Inflate_mutations_agree_with_zlib()
    {
        var elapsed = Fuzz(new Mutator(InflateCorpus.Build(TestPaths.DecodeFixtures), MutatorSeed), InflateMutations, input => InflateTarget.Run(input));
        Assert.True(elapsed < TimeSpan.FromSeconds(60), $"{InflateMutations} mutations took {elapsed}");
    }

    [Fact]
    public void Committed_regression_inputs_keep_every_invariant()
    {
        var inputs = Directory.GetFiles(Regressions, "*.bin");
        Assert.NotEmpty(inputs);
        Assert.All(inputs, file =>
        {
            var bytes = File.ReadAllBytes(file);
            var clock = Stopwatch.StartNew();
            if (Path.GetFileName(file).StartsWith("inflate-", StringComparison.Ordinal))
            {
                InflateTarget.Run(bytes);
            }
            else
            {
                FuzzTarget.Run(bytes);
                FuzzTarget.RunRepaired(bytes);
                var repaired = (byte[])bytes.Clone();
                PngChecksums.Repair(repaired);
                PngDifferentialTarget.Run(repaired);
            }

            Assert.True(clock.Elapsed < SlowInput, $"{file} took {clock.Elapsed}");
        });
    }

    /// <summary>Runs <paramref name="count"/> mutations; a failing or slow one fails the test, saved for triage.</summary>
    private static TimeSpan Fuzz(Mutator mutator, int count, Action<byte[]> run)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var input = mutator.Next();
            try
            {
                var started = clock.Elapsed;
                run(input);
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

        return clock.Elapsed;
    }
}
