namespace SparkImaging.Pipeline.Reports;

/// <summary>A number of rows for one label.</summary>
public sealed record LabelCount(string Label, long Rows);
