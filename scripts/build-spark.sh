#!/usr/bin/env bash
# Builds the Spark driver (opt-in: -p:EnableSpark=true) against Microsoft.Spark 2.3.1 and lays out what
# spark-submit needs under artifacts/spark/:
#   driver/                      self-contained linux-x64 publish of SparkImaging.Spark (the .NET driver)
#   sparkimaging-driver.zip      the same, zipped, for cluster deploy modes (DotnetRunner unzips it)
#   udfs/ + sparkimaging-udfs.zip  net8.0 publish of SparkImaging.Udfs for DOTNET_ASSEMBLY_SEARCH_PATHS
#   jars/                        microsoft-spark-*.jar bridge jars from the Microsoft.Spark package
# The Microsoft.Spark.Worker tarball is a separate download from the dotnet/spark release (see docs/spark.md).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CONFIGURATION="${CONFIGURATION:-Release}"
RUNTIME="${RUNTIME:-linux-x64}"
OUT="${OUT:-$ROOT/artifacts/spark}"
# shellcheck source=spark/common.sh
source "$ROOT/scripts/spark/common.sh"
# The release the submit scripts carry the Spark version lists of; Directory.Packages.props names the same.
MICROSOFT_SPARK_VERSION="${MICROSOFT_SPARK_VERSION:-$SPARKIMAGING_MICROSOFT_SPARK_VERSION}"
NUGET_PACKAGES="${NUGET_PACKAGES:-$HOME/.nuget/packages}"

cd "$ROOT"
# Only what this script makes: a downloaded worker tarball kept in $OUT survives a rebuild.
rm -rf "$OUT/driver" "$OUT/udfs" "$OUT/jars" "$OUT/sparkimaging-driver.zip" "$OUT/sparkimaging-udfs.zip"
mkdir -p "$OUT/jars"

# EnableSpark also pins Apache.Arrow to the worker's version for every project built here.
dotnet build jobs/SparkImaging.Spark -c "$CONFIGURATION" -p:EnableSpark=true -p:MicrosoftSparkVersion="$MICROSOFT_SPARK_VERSION"

# Driver: self-contained, so a cluster node needs no .NET 10 runtime to host it.
dotnet publish jobs/SparkImaging.Spark -c "$CONFIGURATION" -p:EnableSpark=true -p:MicrosoftSparkVersion="$MICROSOFT_SPARK_VERSION" \
  -r "$RUNTIME" --self-contained true -o "$OUT/driver"

# UDFs: net8.0, loaded by the net8.0 Microsoft.Spark.Worker on every executor.
dotnet publish udfs/SparkImaging.Udfs -c "$CONFIGURATION" -p:EnableSpark=true -p:MicrosoftSparkVersion="$MICROSOFT_SPARK_VERSION" \
  -f net8.0 -r "$RUNTIME" --self-contained false -o "$OUT/udfs"

(cd "$OUT/driver" && zip -qr "$OUT/sparkimaging-driver.zip" .)
(cd "$OUT/udfs" && zip -qr "$OUT/sparkimaging-udfs.zip" .)

# The bridge jars ship inside the Microsoft.Spark NuGet package under jars/.
JARS_DIR="$NUGET_PACKAGES/microsoft.spark/$MICROSOFT_SPARK_VERSION/jars"
if [[ -d "$JARS_DIR" ]]; then
  cp "$JARS_DIR"/microsoft-spark-*.jar "$OUT/jars/"
else
  echo "warning: $JARS_DIR not found; copy microsoft-spark-<spark>_<scala>-$MICROSOFT_SPARK_VERSION.jar into $OUT/jars yourself" >&2
fi

echo "Spark artifacts in $OUT"
ls -1 "$OUT"
