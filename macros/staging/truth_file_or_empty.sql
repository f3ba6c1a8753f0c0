{#- Typed rows of a truth file (a dbt source over `<truth_root>/<table>.parquet`), or an empty
    relation of the same columns and types when the file does not exist (real exports come
    without truth). The check runs at execute time, so a build never fails on a missing file. -#}
{% macro truth_file_or_empty(table_name, columns) -%}
    {%- set relation = source('truth', table_name) -%}
    {%- set file_path = var('truth_root') ~ '/' ~ table_name ~ '.parquet' -%}
    {%- set file_exists = false -%}
    {%- if execute -%}
        {%- set found = run_query("select count(*) from glob('" ~ file_path ~ "')") -%}
        {%- set file_exists = found.columns[0].values()[0] > 0 -%}
    {%- endif -%}
    {%- if file_exists %}
    select
        {%- for column_name, data_type in columns %}
        cast({{ column_name }} as {{ data_type }}) as {{ column_name }}{{ ',' if not loop.last }}
        {%- endfor %}
    from {{ relation }}
    {%- else %}
    select
        {%- for column_name, data_type in columns %}
        cast(null as {{ data_type }}) as {{ column_name }}{{ ',' if not loop.last }}
        {%- endfor %}
    where false
    {%- endif %}
{%- endmacro %}
