namespace SparkImaging.Udfs.Imaging;

/// <summary>How the gray plane is scaled before LBP.</summary>
public enum NormalizeMode
{
    /// <summary>Divide by the image's maximum (the seed pipeline); an all-zero image stays zero.</summary>
    Max,

    /// <summary>Keep the decoded sample values (0–255 or 0–65535).</summary>
    None,
}
