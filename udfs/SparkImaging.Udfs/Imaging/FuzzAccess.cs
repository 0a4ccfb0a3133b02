using System.Runtime.CompilerServices;

// The fuzz harness drives the inflater and the PNG decoder's routes directly (raw-inflate and differential targets)
// and runs the ISA-off self-check of the unfilters and Adler-32. It belongs beside the other InternalsVisibleTo items
// in SparkImaging.Udfs.csproj; it is here because that file was being changed elsewhere at the same time.
[assembly: InternalsVisibleTo("SparkImaging.Fuzz")]
