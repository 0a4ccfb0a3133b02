using SparkImaging.Pipeline.Dataset;

namespace SparkImaging.Pipeline.Training;

/// <summary>The rows of a feature table that can be learned from (features and a label), with what was left out.</summary>
internal sealed record TrainingData(
    IReadOnlyList<FeatureRow> Rows,
    IReadOnlyList<float[]> Features,
    IReadOnlyList<int> Classes,
    IReadOnlyList<string> Labels,
    int ExcludedErrors,
    int ExcludedUnlabeled)
{
    /// <summary>
    /// Keeps rows without error and with a label, ordered by path (then label and group); labels are sorted ordinally,
    /// as scikit-learn's <c>classes_</c>. The split, the folds and the fit follow this order, so they depend on the
    /// seed and the rows' content only, never on which worker or part file a row came from.
    /// </summary>
    public static TrainingData From(FeatureTable table)
    {
        var rows = new List<FeatureRow>();
        int errors = 0, unlabeled = 0;
        foreach (var row in table.Rows)
        {
            if (row.Error is not null || row.Features is null)
            {
                errors++;
            }
            else if (string.IsNullOrEmpty(row.Label))
            {
                unlabeled++;
            }
            else
            {
                rows.Add(row);
            }
        }

        rows.Sort(ByContent);
        var labels = rows.Select(r => r.Label!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return WithLabels(rows, labels, errors, unlabeled);
    }

    /// <summary>Class indices against a given label list (a saved model's); rows with other labels must be filtered first.</summary>
    public static TrainingData WithLabels(IReadOnlyList<FeatureRow> rows, IReadOnlyList<string> labels, int errors, int unlabeled)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < labels.Count; i++)
        {
            index[labels[i]] = i;
        }

        var classes = rows.Select(r => index[r.Label!]).ToArray();
        var features = rows.Select(r => r.Features!).ToArray();
        return new TrainingData(rows, features, classes, labels, errors, unlabeled);
    }

    private static int ByContent(FeatureRow a, FeatureRow b)
    {
        var order = string.CompareOrdinal(a.Path, b.Path);
        order = order != 0 ? order : string.CompareOrdinal(a.Label, b.Label);
        return order != 0 ? order : string.CompareOrdinal(a.Group, b.Group);
    }

    /// <summary>The rows whose flag equals <paramref name="keep"/>.</summary>
    public (List<float[]> Features, List<int> Classes) Select(IReadOnlyList<bool> flags, bool keep)
    {
        var features = new List<float[]>();
        var classes = new List<int>();
        for (var i = 0; i < Rows.Count; i++)
        {
            if (flags[i] == keep)
            {
                features.Add(Features[i]);
                classes.Add(Classes[i]);
            }
        }

        return (features, classes);
    }
}
