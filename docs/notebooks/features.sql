-- Per-label summary of a feature dataset: how many images, how many failed, mean size,
-- and the mean of the first three uniform-LBP bins (flat, edge-like patterns).
-- ${DATASET} is the dataset directory; DuckDB reads every committed part file.
SELECT
    label,
    count(*)                                   AS images,
    count(error)                               AS failed,
    avg(width)                                 AS mean_width,
    avg(lbp_p24_r3_uniform[1])                 AS mean_bin_0,
    avg(lbp_p24_r3_uniform[2])                 AS mean_bin_1,
    avg(lbp_p24_r3_uniform[3])                 AS mean_bin_2
FROM read_parquet('${DATASET}/*.parquet')
GROUP BY label
ORDER BY label;
