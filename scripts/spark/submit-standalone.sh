#!/usr/bin/env bash
# Runs SparkImaging on a Spark standalone cluster, driver in client mode on this machine.
#
#   scripts/build-spark.sh
#   scripts/spark/submit-standalone.sh --input file:///shared/images --output /shared/run1 [options]
#
# The executors get the .NET worker and the UDF assemblies through --archives (Spark >= 3.1 unpacks
# them into each executor's working directory under the #alias). Training runs in this driver and reads
# the features the executors wrote, so --output must be on storage mounted at the same path on every
# node (NFS or similar); pass --no-train to featurize to any Hadoop URI instead.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

SPARK_HOME="${SPARK_HOME:?set SPARK_HOME to a Spark 3.5.x installation}"
MASTER="${MASTER:-spark://spark-master:7077}"
MICROSOFT_SPARK_VERSION="${MICROSOFT_SPARK_VERSION:-2.3.1}"
SPARK_LINE="${SPARK_LINE:-3-5}"
SCALA_VERSION="${SCALA_VERSION:-2.12}"
ARTIFACTS="${ARTIFACTS:-$ROOT/artifacts/spark}"
BRIDGE_JAR="${BRIDGE_JAR:-$ARTIFACTS/jars/microsoft-spark-${SPARK_LINE}_${SCALA_VERSION}-${MICROSOFT_SPARK_VERSION}.jar}"
WORKER_TARBALL="${WORKER_TARBALL:-$ARTIFACTS/Microsoft.Spark.Worker.net8.0.linux-x64-${MICROSOFT_SPARK_VERSION}.tar.gz}"
UDFS_ZIP="${UDFS_ZIP:-$ARTIFACTS/sparkimaging-udfs.zip}"
DRIVER="${DRIVER:-$ARTIFACTS/driver/SparkImaging.Spark}"
PROPERTIES_FILE="${PROPERTIES_FILE:-$ROOT/conf/spark-defaults.conf}"
TOTAL_EXECUTOR_CORES="${TOTAL_EXECUTOR_CORES:-16}"

# Paths as the executors see them: relative to their working directory, where the archives unpack.
EXECUTOR_WORKER_DIR="./worker/Microsoft.Spark.Worker-${MICROSOFT_SPARK_VERSION}"
EXECUTOR_UDFS_DIR="./udfs"

# The .NET driver reads DOTNET_WORKER_DIR and hands that path to the executors, so it must be the
# executor-side path, not this machine's.
export DOTNET_WORKER_DIR="$EXECUTOR_WORKER_DIR"

exec "$SPARK_HOME/bin/spark-submit" \
  --class org.apache.spark.deploy.dotnet.DotnetRunner \
  --master "$MASTER" \
  --deploy-mode client \
  --total-executor-cores "$TOTAL_EXECUTOR_CORES" \
  --properties-file "$PROPERTIES_FILE" \
  --archives "${WORKER_TARBALL}#worker,${UDFS_ZIP}#udfs" \
  --conf "spark.executorEnv.DOTNET_WORKER_DIR=$EXECUTOR_WORKER_DIR" \
  --conf "spark.executorEnv.DOTNET_ASSEMBLY_SEARCH_PATHS=$EXECUTOR_UDFS_DIR" \
  "$BRIDGE_JAR" \
  "$DRIVER" \
  "$@"
