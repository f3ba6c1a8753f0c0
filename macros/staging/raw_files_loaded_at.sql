{#- Freshness of a raw extract: the newest modification time of its files under the raw root
    (`raw_root` var, SCW_RAW_DIR), i.e. when the export last landed, compared by
    `dbt source freshness` with the time it runs. A missing extract raises one line naming the
    file pattern and what to do (DuckDB `error()`), so freshness fails on it instead of passing
    with no timestamp. -#}
{% macro raw_files_loaded_at(source_folder, file_pattern) -%}
    {%- set path = var('raw_root') ~ '/' ~ source_folder ~ '/' ~ file_pattern -%}
    select
        case
            when count(*) = 0
                then error('{{ path }} is missing: run `make build` to regenerate, or add that export (see README, Raw extracts)')
            else max(last_modified)
        end as max_loaded_at
    from read_blob('{{ path }}')
{%- endmacro %}
