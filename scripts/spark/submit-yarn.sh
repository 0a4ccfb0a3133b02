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
# client:  the driver runs here. Either way training reads --output with the driver's file system,
#          so with training --output must be file:// storage shared by all nodes (else use --no-train).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

SPARK_HOME="${SPARK_HOME:?set SPARK_HOME to a Spark 3.5.x installation}"
MASTER="${MASTER:-yarn}"
DEPLOY_MODE="${DEPLOY_MODE:-cluster}"
QUEUE="${QUEUE:-default}"
NUM_EXECUTORS="${NUM_EXECUTORS:-8}"
MICROSOFT_SPARK_VERSION="${MICROSOFT_SPARK_VERSION:-2.3.1}"
SPARK_LINE="${SPARK_LINE:-3-5}"
SCALA_VERSION="${SCALA_VERSION:-2.12}"
ARTIFACTS="${ARTIFACTS:-$ROOT/artifacts/spark}"
BRIDGE_JAR="${BRIDGE_JAR:-$ARTIFACTS/jars/microsoft-spark-${SPARK_LINE}_${SCALA_VERSION}-${MICROSOFT_SPARK_VERSION}.jar}"
APP_STAGING="${APP_STAGING:-hdfs:///apps/sparkimaging}"
WORKER_TARBALL="${WORKER_TARBALL:-$APP_STAGING/Microsoft.Spark.Worker.net8.0.linux-x64-${MICROSOFT_SPARK_VERSION}.tar.gz}"
UDFS_ZIP="${UDFS_ZIP:-$APP_STAGING/sparkimaging-udfs.zip}"
APP_ZIP_URI="${APP_ZIP_URI:-$APP_STAGING/sparkimaging-driver.zip}"
DRIVER="${DRIVER:-$ARTIFACTS/driver/SparkImaging.Spark}"
PROPERTIES_FILE="${PROPERTIES_FILE:-$ROOT/conf/spark-defaults.conf}"

# Relative to each YARN container's working directory, where --archives unpack under their #alias.
CONTAINER_WORKER_DIR="./worker/Microsoft.Spark.Worker-${MICROSOFT_SPARK_VERSION}"
CONTAINER_UDFS_DIR="./udfs"

if [[ "$DEPLOY_MODE" == "cluster" ]]; then
  # DotnetRunner: <driver zip> <executable name inside it> <app args>
  DRIVER_ARGS=("$APP_ZIP_URI" "SparkImaging.Spark")
else
  # The .NET driver passes DOTNET_WORKER_DIR to the executors, so it is the container-side path.
  export DOTNET_WORKER_DIR="$CONTAINER_WORKER_DIR"
  DRIVER_ARGS=("$DRIVER")
fi

exec "$SPARK_HOME/bin/spark-submit" \
  --class org.apache.spark.deploy.dotnet.DotnetRunner \
  --master "$MASTER" \
  --deploy-mode "$DEPLOY_MODE" \
  --queue "$QUEUE" \
  --num-executors "$NUM_EXECUTORS" \
  --properties-file "$PROPERTIES_FILE" \
  --archives "${WORKER_TARBALL}#worker,${UDFS_ZIP}#udfs" \
  --conf "spark.yarn.appMasterEnv.DOTNET_WORKER_DIR=$CONTAINER_WORKER_DIR" \
  --conf "spark.yarn.appMasterEnv.DOTNET_ASSEMBLY_SEARCH_PATHS=$CONTAINER_UDFS_DIR" \
  --conf "spark.executorEnv.DOTNET_WORKER_DIR=$CONTAINER_WORKER_DIR" \
  --conf "spark.executorEnv.DOTNET_ASSEMBLY_SEARCH_PATHS=$CONTAINER_UDFS_DIR" \
  "$BRIDGE_JAR" \
  "${DRIVER_ARGS[@]}" \
  "$@"
