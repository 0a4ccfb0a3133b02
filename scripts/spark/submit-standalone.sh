#!/usr/bin/env bash
# Runs SparkImaging on a Spark standalone cluster, driver in client mode on this machine.
#
#   scripts/build-spark.sh
#   SPARK_HOME=/opt/spark MASTER=spark://master:7077 \
#     scripts/spark/submit-standalone.sh --input file:///shared/images --output /shared/run1 [options]
#
# The executors get the .NET worker and the UDF assemblies through --archives, unpacked under their #alias in
# each executor's working directory. Training runs in this driver and reads the features the executors wrote,
# so --output must be on storage mounted at the same path on every node (NFS or similar); pass --no-train to
# featurize to any Hadoop URI instead.
# Settings: conf/spark-defaults.conf as --conf arguments over the cluster's own defaults; SPARK_SUBMIT_EXTRA last.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=common.sh
source "$ROOT/scripts/spark/common.sh"
require_microsoft_spark_version

resolve_spark_home
MASTER="${MASTER:-spark://spark-master:7077}"
ARTIFACTS="${ARTIFACTS:-$ROOT/artifacts/spark}"
BRIDGE_JAR="${BRIDGE_JAR:-$ARTIFACTS/jars/microsoft-spark-${SPARK_LINE}_${SCALA_VERSION}-${SPARKIMAGING_MICROSOFT_SPARK_VERSION}.jar}"
WORKER_TARBALL="${WORKER_TARBALL:-$ARTIFACTS/Microsoft.Spark.Worker.net8.0.linux-x64-${SPARKIMAGING_MICROSOFT_SPARK_VERSION}.tar.gz}"
UDFS_ZIP="${UDFS_ZIP:-$ARTIFACTS/sparkimaging-udfs.zip}"
DRIVER="${DRIVER:-$ARTIFACTS/driver/SparkImaging.Spark}"
SPARKIMAGING_CONF="${SPARKIMAGING_CONF:-$ROOT/conf/spark-defaults.conf}"
TOTAL_EXECUTOR_CORES="${TOTAL_EXECUTOR_CORES:-16}"

# Read by the .NET driver here, which puts them into every UDF it sends to the executors, so they are the
# executor-side paths, relative to the working directory where the archives unpack, not this machine's.
export DOTNET_WORKER_DIR="./worker/Microsoft.Spark.Worker-${SPARKIMAGING_MICROSOFT_SPARK_VERSION}"
export DOTNET_ASSEMBLY_SEARCH_PATHS="./udfs"

compose_spark_options spark_options \
    --class org.apache.spark.deploy.dotnet.DotnetRunner \
    --master "$MASTER" \
    --deploy-mode client \
    --total-executor-cores "$TOTAL_EXECUTOR_CORES" \
    --archives "${WORKER_TARBALL}#worker,${UDFS_ZIP}#udfs"
require_accepted_spark_version "$SPARK_VERSION_OF_HOME" "$SPARK_LINE" "SPARK_HOME=$SPARK_HOME" "${spark_options[@]}"

exec "$SPARK_HOME/bin/spark-submit" "${spark_options[@]}" "$BRIDGE_JAR" "$DRIVER" "$@"
