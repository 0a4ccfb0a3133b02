using SparkImaging.Fuzz;

// sparkimaging-fuzz: `afl [TARGET]` runs a target under AFL++ (SharpFuzz's out-of-process loop, see docs/fuzzing.md):
// `featurize` (the default: decode + featurize), `featurize-crc` (the same after repairing PNG checksums), `inflate`
// (our inflate vs ZLibStream), `png-diff` (our PNG decoder vs SkiaSharp, checksums repaired). `seeds DIR FIXTURES`
// and `seeds-inflate DIR FIXTURES` write initial AFL corpora; `mutate SEED COUNT FIXTURES [inflate]` fuzzes in-process and
// names slow inputs; `replay [TARGET] FILE...` re-runs saved inputs; `features DIR` (the PNG route test's child) and
// `selfcheck-png` (the ISA tests' child) serve tests/SparkImaging.Udfs.Tests/Imaging.
var targets = new Dictionary<string, FuzzEntry>
{
    ["featurize"] = FuzzTarget.Run,
    ["featurize-crc"] = FuzzTarget.RunRepaired,
    ["inflate"] = InflateTarget.Run,
    ["png-diff"] = data =>
    {
        var copy = data.ToArray();
        PngChecksums.Repair(copy);
        PngDifferentialTarget.Run(copy);
    },
};

switch (args.FirstOrDefault())
{
    case "afl" when args.Length <= 2 && targets.TryGetValue(args.ElementAtOrDefault(1) ?? "featurize", out var target):
        SharpFuzz.Fuzzer.OutOfProcess.Run(stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            target(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        });
        return 0;
    case "seeds" when args.Length == 3:
        Directory.CreateDirectory(args[1]);
        foreach (var hostile in HostileCorpus.Build(args[2]).Where(c => c.Bytes.Length > 0))
        {
            File.WriteAllBytes(Path.Combine(args[1], hostile.FileName.Replace('/', '_').Replace(' ', '_')), hostile.Bytes);
        }

        return 0;
    case "seeds-inflate" when args.Length == 3:
        Directory.CreateDirectory(args[1]);
        var n = 0;
        foreach (var seed in InflateCorpus.Build(args[2]))
        {
            File.WriteAllBytes(Path.Combine(args[1], $"inflate-{n++:D3}.bin"), seed);
        }

        return 0;
    case "mutate" when args.Length is 4 or 5:
        // Deterministic in-process fuzzing as the smoke test does it, with the slowest inputs named (for triage).
        var inflate = args.ElementAtOrDefault(4) == "inflate";
        var seeds = inflate ? InflateCorpus.Build(args[3]) : HostileCorpus.Build(args[3]).Select(c => c.Bytes).Where(b => b.Length > 0).ToList();
        var mutator = new Mutator(seeds, int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), repairPngChecksums: !inflate);
        var slowest = new List<(TimeSpan Time, int Index)>();
        for (var i = 0; i < int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture); i++)
        {
            var input = mutator.Next();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                if (inflate)
                {
                    InflateTarget.Run(input);
                }
                else
                {
                    FuzzTarget.Run(input);
                    PngDifferentialTarget.Run(input);
                }
            }
            catch (Exception e)
            {
                File.WriteAllBytes($"crash-{args[1]}-{i}.bin", input);
                Console.WriteLine($"crash-{args[1]}-{i}.bin: {e.GetType().Name}: {e.Message}");
            }

            slowest.Add((clock.Elapsed, i));
            if (clock.Elapsed > TimeSpan.FromMilliseconds(200))
            {
                File.WriteAllBytes($"slow-{args[1]}-{i}.bin", input);
            }
        }

        foreach (var (time, index) in slowest.OrderByDescending(s => s.Time).Take(5))
        {
            Console.WriteLine($"mutation {index}: {time.TotalMilliseconds:F0} ms");
        }

        Console.WriteLine($"total {slowest.Sum(s => s.Time.TotalSeconds):F1} s");
        return 0;
    case "replay" when args.Length > 1:
        var replayed = targets.TryGetValue(args[1], out var chosen) ? chosen : FuzzTarget.Run;
        foreach (var file in args.Skip(targets.ContainsKey(args[1]) ? 2 : 1))
        {
            replayed(File.ReadAllBytes(file));
            Console.WriteLine($"ok: {file}");
        }

        return 0;
    case "features" when args.Length == 2:
        // The route test's child: the PNG route comes from SPARKIMAGING_PNG_DECODER, as on an executor.
        Console.WriteLine($"route {SparkImaging.Udfs.Imaging.DecoderSettings.PngRoute}");
        var featurizer = new SparkImaging.Udfs.Features.ImageFeaturizer(SparkImaging.Udfs.Features.FeatureSpec.Default);
        foreach (var file in Directory.GetFiles(args[1], "*.png").Order(StringComparer.Ordinal))
        {
            var features = featurizer.Featurize(File.ReadAllBytes(file));
            var values = features.Histograms?.SelectMany(h => h).Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            Console.WriteLine($"{Path.GetFileName(file)} {features.Error ?? string.Join(',', values!)}");
        }

        return 0;
    case "selfcheck-png":
        Console.WriteLine(IsaSelfCheck.IsaLine);
        foreach (var line in IsaSelfCheck.Results())
        {
            Console.WriteLine(line);
        }

        return 0;
    default:
        Console.Error.WriteLine($"usage: SparkImaging.Fuzz afl [{string.Join('|', targets.Keys)}] | seeds OUTPUT_DIR FIXTURES_DIR | seeds-inflate OUTPUT_DIR FIXTURES_DIR | mutate SEED COUNT FIXTURES_DIR [inflate] | replay [TARGET] FILE... | features FIXTURES_DIR | selfcheck-png");
        return 2;
}

/// <summary>One fuzz target: throws on a finding.</summary>
internal delegate void FuzzEntry(ReadOnlySpan<byte> data);
