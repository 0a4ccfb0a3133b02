using System.Globalization;

namespace SparkImaging.Pipeline.Inputs;

/// <summary>
/// How a labels CSV covers a run's inputs: inputs it has no row for, rows that match no input, and relative rows that
/// name one input from the CSV's folder and another from the working directory. Holds the CSV's keys at most, never
/// one entry per input, so it costs nothing more for a million images.
/// </summary>
internal sealed class LabelCoverage(LabelResolver labels, string csvName)
{
    /// <summary>How many example paths a message names.</summary>
    private const int Examples = 3;

    private readonly HashSet<string> matched = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> matchedFromWorkingDirectory = new(StringComparer.Ordinal);
    private readonly List<string> unlabeledExamples = [];
    private long unlabeled;

    /// <summary>Records one input path.</summary>
    public void Add(string input)
    {
        switch (labels.RowOf(input, out var fromWorkingDirectory))
        {
            case null:
                unlabeled++;
                if (unlabeledExamples.Count < Examples)
                {
                    unlabeledExamples.Add(input);
                }

                break;
            case { } key when fromWorkingDirectory:
                matchedFromWorkingDirectory.TryAdd(key, input);
                break;
            case { } key:
                matched.Add(key);
                break;
        }
    }

    /// <summary>
    /// Warns of rows matching no input; refuses ambiguous relative rows and, unless <paramref name="allowUnlabeled"/>,
    /// inputs without a row (warned of otherwise).
    /// </summary>
    /// <exception cref="PipelineException">An <see cref="PipelineErrorKind.InvalidRequest"/> naming the count and the first paths.</exception>
    public void Report(bool allowUnlabeled, TextWriter log)
    {
        var ambiguous = matchedFromWorkingDirectory.Where(kv => matched.Contains(kv.Key)).ToList();
        if (ambiguous.Count > 0)
        {
            throw new PipelineException(
                PipelineErrorKind.InvalidRequest,
                Count($"Labels file '{csvName}' has {ambiguous.Count} ambiguous relative path(s), each naming one input from the file's folder and another from the working directory, e.g. ")
                + string.Join(", ", ambiguous.Take(Examples).Select(kv => $"'{kv.Key}' or '{kv.Value}'")) + "; write these paths absolute.");
        }

        var unmatched = labels.Keys.Where(key => !matched.Contains(key) && !matchedFromWorkingDirectory.ContainsKey(key)).ToList();
        Judge(csvName, unmatched.Count, unmatched, unlabeled, unlabeledExamples, allowUnlabeled, log);
    }

    /// <summary>
    /// The rule both hosts apply once they have counted (the Spark driver counts through Spark): rows matching no input
    /// are a warning; inputs without a row are refused unless <paramref name="allowUnlabeled"/>, then a warning.
    /// </summary>
    /// <exception cref="PipelineException">An <see cref="PipelineErrorKind.InvalidRequest"/> naming the count and the first paths.</exception>
    public static void Judge(string csvName, long unmatched, IEnumerable<string> unmatchedExamples, long unlabeled, IEnumerable<string> unlabeledExamples, bool allowUnlabeled, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (unmatched > 0)
        {
            log.WriteLine(Count($"warning: labels file '{csvName}': {unmatched} row(s) match no input, e.g. {List(unmatchedExamples)}."));
        }

        if (unlabeled == 0)
        {
            return;
        }

        var problem = Count($"labels file '{csvName}' has no row for {unlabeled} input(s), e.g. {List(unlabeledExamples)}");
        if (!allowUnlabeled)
        {
            throw new PipelineException(PipelineErrorKind.InvalidRequest, $"{char.ToUpperInvariant(problem[0])}{problem[1..]}; add rows for them, or pass --allow-unlabeled to write them without a label.");
        }

        log.WriteLine($"warning: {problem}; they are written without a label (--allow-unlabeled).");
    }

    private static string List(IEnumerable<string> paths) => string.Join(", ", paths.Take(Examples).Select(p => $"'{p}'"));

    private static string Count(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
