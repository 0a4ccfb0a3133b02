using SparkImaging.Fuzz;

// sparkimaging-fuzz: `afl` runs FuzzTarget under AFL++ (SharpFuzz's out-of-process loop, see docs/fuzzing.md);
// `seeds DIR FIXTURES` writes the hostile corpus as the initial AFL corpus; `mutate SEED COUNT FIXTURES` fuzzes
// in-process and names slow inputs; `replay FILE...` re-runs saved inputs.
switch (args.FirstOrDefault())
{
    case "afl":
        SharpFuzz.Fuzzer.OutOfProcess.Run(stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            FuzzTarget.Run(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        });
        return 0;
    case "seeds" when args.Length == 3:
        Directory.CreateDirectory(args[1]);
        foreach (var hostile in HostileCorpus.Build(args[2]).Where(c => c.Bytes.Length > 0))
        {
            File.WriteAllBytes(Path.Combine(args[1], hostile.FileName.Replace('/', '_').Replace(' ', '_')), hostile.Bytes);
        }

        return 0;
    case "mutate" when args.Length == 4:
        // Deterministic in-process fuzzing as the smoke test does it, with the slowest inputs named (for triage).
        var seeds = HostileCorpus.Build(args[3]).Select(c => c.Bytes).Where(b => b.Length > 0).ToList();
        var mutator = new Mutator(seeds, int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
        var slowest = new List<(TimeSpan Time, int Index)>();
        for (var i = 0; i < int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture); i++)
        {
            var input = mutator.Next();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                FuzzTarget.Run(input);
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
        foreach (var file in args.Skip(1))
        {
            FuzzTarget.Run(File.ReadAllBytes(file));
            Console.WriteLine($"ok: {file}");
        }

        return 0;
    default:
        Console.Error.WriteLine("usage: SparkImaging.Fuzz afl | seeds OUTPUT_DIR FIXTURES_DIR | mutate SEED COUNT FIXTURES_DIR | replay FILE...");
        return 2;
}
