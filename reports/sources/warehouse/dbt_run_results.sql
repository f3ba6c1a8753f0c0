-- Written by the on-run-end hook of the last dbt build (macros/data_quality), not a mart: a mart
-- would only see the build before. One row per model, seed and test of that build.
select * from reference.dbt_run_results
