#!/usr/bin/env bash
# Runs SparkImaging on YARN.
#
#   scripts/build-spark.sh
#   hdfs dfs -mkdir -p /apps/sparkimaging && hdfs dfs -put -f \
#     artifacts/spark/sparkimaging-driver.zip artifacts/spark/sparkimaging-udfs.zip \
#     artifacts/spark/Microsoft.Spark.Worker.net8.0.linux-x64-2.3.1.tar.gz /apps/sparkimaging/
#   DEPLOY_MODE=cluster scripts/spark/submit-yarn.sh --input hdfs:///data/images --output hdfs:///runs/r1 --no-train
#   DEPLOY_MODE=client  scripts/spark/submit-yarn.sh --input hdfs:///data/images --output file:///shared/r1
#
# cluster: the driver runs in the YARN application master; DotnetRunner fetches the zipped driver from
#          APP_ZIP_URI and starts SparkImaging.Spark from it. Driver env goes through spark.yarn.appMasterEnv.
# client:  the driver runs here, with the environment exported below. Either way training reads --output with
#          the driver's file system, so with training --output must be file:// storage shared by all nodes
#          (else use --no-train).
# Settings: conf/spark-defaults.conf as --conf arguments over the cluster's own defaults; SPARK_SUBMIT_EXTRA last.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=common.sh
source "$ROOT/scripts/spark/common.sh"
require_microsoft_spark_version

resolve_spark_home
MASTER="${MASTER:-yarn}"
DEPLOY_MODE="${DEPLOY_MODE:-cluster}"
QUEUE="${QUEUE:-default}"
NUM_EXECUTORS="${NUM_EXECUTORS:-8}"
ARTIFACTS="${ARTIFACTS:-$ROOT/artifacts/spark}"
BRIDGE_JAR="${BRIDGE_JAR:-$ARTIFACTS/jars/microsoft-spark-${SPARK_LINE}_${SCALA_VERSION}-${SPARKIMAGING_MICROSOFT_SPARK_VERSION}.jar}"
APP_STAGING="${APP_STAGING:-hdfs:///apps/sparkimaging}"
WORKER_TARBALL="${WORKER_TARBALL:-$APP_STAGING/Microsoft.Spark.Worker.net8.0.linux-x64-${SPARKIMAGING_MICROSOFT_SPARK_VERSION}.tar.gz}"
UDFS_ZIP="${UDFS_ZIP:-$APP_STAGING/sparkimaging-udfs.zip}"
APP_ZIP_URI="${APP_ZIP_URI:-$APP_STAGING/sparkimaging-driver.zip}"
DRIVER="${DRIVER:-$ARTIFACTS/driver/SparkImaging.Spark}"
SPARKIMAGING_CONF="${SPARKIMAGING_CONF:-$ROOT/conf/spark-defaults.conf}"

# Read by the .NET driver, which puts them into every UDF it sends, so they are paths in the executors'
# containers, relative to the working directory where --archives unpack under their #alias.
CONTAINER_WORKER_DIR="./worker/Microsoft.Spark.Worker-${SPARKIMAGING_MICROSOFT_SPARK_VERSION}"
CONTAINER_UDFS_DIR="./udfs"

case "$DEPLOY_MODE" in
    cluster)
        # spark.yarn.appMasterEnv.* is the driver's environment only in cluster mode.
        DRIVER_ENV=(
            --conf "spark.yarn.appMasterEnv.DOTNET_WORKER_DIR=$CONTAINER_WORKER_DIR"
            --conf "spark.yarn.appMasterEnv.DOTNET_ASSEMBLY_SEARCH_PATHS=$CONTAINER_UDFS_DIR"
        )
        # DotnetRunner: <driver zip> <executable name inside it> <app args>
        DRIVER_ARGS=("$APP_ZIP_URI" "SparkImaging.Spark")
        ;;
    client)
        export DOTNET_WORKER_DIR="$CONTAINER_WORKER_DIR"
        export DOTNET_ASSEMBLY_SEARCH_PATHS="$CONTAINER_UDFS_DIR"
        DRIVER_ENV=()
        DRIVER_ARGS=("$DRIVER")
        ;;
    *) sparkimaging_fail "DEPLOY_MODE must be cluster or client, not '$DEPLOY_MODE'" ;;
esac

compose_spark_options spark_options \
    --class org.apache.spark.deploy.dotnet.DotnetRunner \
    --master "$MASTER" \
    --deploy-mode "$DEPLOY_MODE" \
    --queue "$QUEUE" \
    --num-executors "$NUM_EXECUTORS" \
    --archives "${WORKER_TARBALL}#worker,${UDFS_ZIP}#udfs" \
    "${DRIVER_ENV[@]}"
require_accepted_spark_version "$SPARK_VERSION_OF_HOME" "$SPARK_LINE" "SPARK_HOME=$SPARK_HOME" "${spark_options[@]}"

exec "$SPARK_HOME/bin/spark-submit" "${spark_options[@]}" "$BRIDGE_JAR" "${DRIVER_ARGS[@]}" "$@"
