#!/usr/bin/env bash
# Runs SparkImaging on a single machine (master local[*]): featurize with Spark, then train on the driver.
#
#   scripts/build-spark.sh
#   scripts/spark/submit-local.sh --input /data/images --output /data/run1 [sparkimaging run options]
#
# Needs: a Spark 3.5.x distribution (SPARK_HOME), Java 8/11/17, and Microsoft.Spark.Worker extracted
# locally (WORKER_DIR). Local mode does not use --archives: executors share the driver's working
# directory, so the worker and UDFs are given as absolute paths instead of #aliases.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

SPARK_HOME="${SPARK_HOME:?set SPARK_HOME to a Spark 3.5.x installation}"
MASTER="${MASTER:-local[*]}"
MICROSOFT_SPARK_VERSION="${MICROSOFT_SPARK_VERSION:-2.3.1}"
SPARK_LINE="${SPARK_LINE:-3-5}"            # <major>-<minor> of the Spark runtime, as in the jar name
SCALA_VERSION="${SCALA_VERSION:-2.12}"
ARTIFACTS="${ARTIFACTS:-$ROOT/artifacts/spark}"
BRIDGE_JAR="${BRIDGE_JAR:-$ARTIFACTS/jars/microsoft-spark-${SPARK_LINE}_${SCALA_VERSION}-${MICROSOFT_SPARK_VERSION}.jar}"
# Extracted Microsoft.Spark.Worker.net8.0.linux-x64-<version>.tar.gz
WORKER_DIR="${WORKER_DIR:-$HOME/bin/Microsoft.Spark.Worker-${MICROSOFT_SPARK_VERSION}}"
UDFS_DIR="${UDFS_DIR:-$ARTIFACTS/udfs}"
DRIVER="${DRIVER:-$ARTIFACTS/driver/SparkImaging.Spark}"
PROPERTIES_FILE="${PROPERTIES_FILE:-$ROOT/conf/spark-defaults.conf}"

# Read by the .NET driver (where to start the worker) and by the worker (where the UDF assemblies are).
export DOTNET_WORKER_DIR="$WORKER_DIR"
export DOTNET_ASSEMBLY_SEARCH_PATHS="$UDFS_DIR"

exec "$SPARK_HOME/bin/spark-submit" \
  --class org.apache.spark.deploy.dotnet.DotnetRunner \
  --master "$MASTER" \
  --properties-file "$PROPERTIES_FILE" \
  --conf "spark.executorEnv.DOTNET_WORKER_DIR=$WORKER_DIR" \
  --conf "spark.executorEnv.DOTNET_ASSEMBLY_SEARCH_PATHS=$UDFS_DIR" \
  "$BRIDGE_JAR" \
  "$DRIVER" \
  "$@"
