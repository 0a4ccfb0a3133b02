#!/usr/bin/env bash
# Runs SparkImaging on a single machine (master local[*]): featurize with Spark, then train on the driver.
#
#   scripts/build-spark.sh
#   SPARK_HOME=/opt/spark scripts/spark/submit-local.sh --input /data/images --output /data/run1 [options]
#
# Needs: a Spark installation the bridge jar accepts (SPARK_HOME; the script refuses others, see docs/spark.md),
# Java, and Microsoft.Spark.Worker extracted locally (WORKER_DIR). Local mode does not use --archives: the
# worker runs on this machine, so the worker and the UDFs are given as absolute paths.
# Settings: conf/spark-defaults.conf as --conf arguments over the cluster's own defaults; SPARK_SUBMIT_EXTRA last.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=common.sh
source "$ROOT/scripts/spark/common.sh"
require_microsoft_spark_version

resolve_spark_home
MASTER="${MASTER:-local[*]}"
ARTIFACTS="${ARTIFACTS:-$ROOT/artifacts/spark}"
BRIDGE_JAR="${BRIDGE_JAR:-$ARTIFACTS/jars/microsoft-spark-${SPARK_LINE}_${SCALA_VERSION}-${SPARKIMAGING_MICROSOFT_SPARK_VERSION}.jar}"
# Extracted Microsoft.Spark.Worker.net8.0.linux-x64-<version>.tar.gz
WORKER_DIR="${WORKER_DIR:-$HOME/bin/Microsoft.Spark.Worker-${SPARKIMAGING_MICROSOFT_SPARK_VERSION}}"
UDFS_DIR="${UDFS_DIR:-$ARTIFACTS/udfs}"
DRIVER="${DRIVER:-$ARTIFACTS/driver/SparkImaging.Spark}"
SPARKIMAGING_CONF="${SPARKIMAGING_CONF:-$ROOT/conf/spark-defaults.conf}"

# Both are read by the .NET driver, which puts them into every UDF it sends: the worker's path (the command
# the executors start) and the UDF assembly directory (an environment variable of the worker).
export DOTNET_WORKER_DIR="$WORKER_DIR"
export DOTNET_ASSEMBLY_SEARCH_PATHS="$UDFS_DIR"

compose_spark_options spark_options \
    --class org.apache.spark.deploy.dotnet.DotnetRunner \
    --master "$MASTER"
require_accepted_spark_version "$SPARK_VERSION_OF_HOME" "$SPARK_LINE" "SPARK_HOME=$SPARK_HOME" "${spark_options[@]}"

exec "$SPARK_HOME/bin/spark-submit" "${spark_options[@]}" "$BRIDGE_JAR" "$DRIVER" "$@"
