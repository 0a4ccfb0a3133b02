"""Query a SparkImaging feature dataset from a notebook: pandas/pyarrow and DuckDB.

    pip install pyarrow pandas duckdb      # in your notebook environment
    sparkimaging run --input samples --output out
    python docs/notebooks/query_features.py out/features
"""
import pathlib
import sys

import duckdb
import numpy as np
import pyarrow.dataset as ds

dataset = sys.argv[1] if len(sys.argv) > 1 else "out/features"

# pyarrow/pandas: files starting with '_' (like _SUCCESS) are ignored, as Spark does.
table = ds.dataset(dataset, format="parquet").to_table()
frame = table.to_pandas()
ok = frame[frame["error"].isna()]
features = np.stack(ok["lbp_p24_r3_uniform"].to_numpy())  # one row per image, 26 bins
print(frame[["path", "label", "width", "height", "error"]].head())
print("feature matrix:", features.shape, "labels:", ok["label"].value_counts().to_dict())

# DuckDB: the same SQL the test suite runs (docs/notebooks/features.sql).
sql = pathlib.Path(__file__).with_name("features.sql").read_text().replace("${DATASET}", dataset)
print(duckdb.sql(sql).df())
