namespace SparkImaging.Udfs.Lbp;

/// <summary>A pattern → code function the counting loop is specialised on, so the call inlines.</summary>
internal interface ICodes
{
    int Of(ulong pattern);
}
