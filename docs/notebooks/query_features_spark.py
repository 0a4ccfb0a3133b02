"""Query a SparkImaging feature dataset with PySpark (e.g. in a Databricks or Jupyter notebook).

    spark-submit docs/notebooks/query_features_spark.py out/features
"""
import sys

from pyspark.sql import SparkSession, functions as F

dataset = sys.argv[1] if len(sys.argv) > 1 else "out/features"
spark = SparkSession.builder.appName("sparkimaging-features").getOrCreate()

# Spark reads the part files and skips _SUCCESS; lbp_* columns are array<float>.
features = spark.read.parquet(dataset)
features.printSchema()
features.createOrReplaceTempView("features")

# The same summary as features.sql (Spark arrays are 0-based with [], DuckDB lists 1-based).
spark.sql("""
    SELECT label,
           count(*)                        AS images,
           count(error)                    AS failed,
           avg(width)                      AS mean_width,
           avg(lbp_p24_r3_uniform[0])      AS mean_bin_0,
           avg(lbp_p24_r3_uniform[1])      AS mean_bin_1,
           avg(lbp_p24_r3_uniform[2])      AS mean_bin_2
    FROM features
    GROUP BY label
    ORDER BY label
""").show()
spark.stop()
