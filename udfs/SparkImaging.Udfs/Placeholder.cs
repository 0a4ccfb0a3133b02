namespace SparkImaging.Udfs; internal static class Placeholder {}
