{#- on-run-end hook: replaces reference.dbt_run_results with one row per node of this `dbt build`
    (models, seeds, tests, unit tests; not exposures): status, failures, seconds, and the row count of every
    model or seed stored as a table. Other commands (compile, docs, run, test) leave the table
    alone, so it always holds the last build. Failures of the hook itself are not swallowed: a
    broken hook must be seen. -#}
{% macro data_quality_record_run_results(results) -%}
    {%- if execute and flags.WHICH == "build" -%}
        {%- set target_relation = api.Relation.create(
            database=target.database, schema='reference', identifier='dbt_run_results'
        ) -%}
        {%- set counted = {} -%}
        {%- set count_selects = [] -%}
        {%- for result in results -%}
            {%- set node = result.node -%}
            {%- if node.resource_type in ['model', 'seed'] and result.status == 'success'
                and node.config.materialized in ['table', 'incremental', 'seed'] -%}
                {%- set relation = api.Relation.create(
                    database=node.database, schema=node.schema, identifier=node.alias
                ) -%}
                {%- do count_selects.append(
                    "select '" ~ node.unique_id ~ "' as unique_id, count(*) as row_count from " ~ relation
                ) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- if count_selects | length > 0 -%}
            {%- set counts = run_query(count_selects | join(' union all ')) -%}
            {%- for row in counts.rows -%}
                {%- do counted.update({row[0]: row[1]}) -%}
            {%- endfor -%}
        {%- endif -%}
        {%- set rows = [] -%}
        {#- Exposures (the report pages) are listed by `dbt build` as no-op: nothing was built. -#}
        {%- for result in results if result.node.resource_type != 'exposure' -%}
            {%- set node = result.node -%}
            {#- A generic data test names its model in attached_node; a unit test's unique id is
                unit_test.<project>.<model>.<test>. -#}
            {%- if node.resource_type == 'test' -%}
                {%- set attached = node.attached_node -%}
            {%- elif node.resource_type == 'unit_test' -%}
                {%- set attached = node.unique_id.split('.')[2] -%}
            {%- else -%}
                {%- set attached = none -%}
            {%- endif -%}
            {%- set path_parts = node.original_file_path.split('/') -%}
            {%- set layer = path_parts[1] if path_parts[0] == 'models' and path_parts | length > 2
                else node.resource_type -%}
            {%- set message = (result.message or '') | string -%}
            {%- do rows.append(
                "('" ~ invocation_id ~ "', cast('" ~ run_started_at.strftime('%Y-%m-%d %H:%M:%S') ~ "' as timestamp), '"
                ~ node.unique_id | replace("'", "''") ~ "', '"
                ~ node.name | replace("'", "''") ~ "', '"
                ~ node.resource_type ~ "', '"
                ~ layer ~ "', "
                ~ ("'" ~ (attached | replace('model.' ~ project_name ~ '.', '') | replace("'", "''")) ~ "'" if attached else 'null') ~ ", '"
                ~ result.status ~ "', "
                ~ (result.failures if result.failures is not none else 'null') ~ ", "
                ~ (result.execution_time | round(3)) ~ ", "
                ~ (counted.get(node.unique_id) if counted.get(node.unique_id) is not none else 'null') ~ ", '"
                ~ message[:300] | replace("'", "''") ~ "')"
            ) -%}
        {%- endfor -%}
        {%- call statement('data_quality_run_results_table') -%}
            create schema if not exists {{ target_relation.without_identifier() }};
            create or replace table {{ target_relation }} (
                invocation_id varchar,
                build_started_at timestamp,
                unique_id varchar,
                node_name varchar,
                resource_type varchar,
                layer varchar,
                tested_node varchar,
                status varchar,
                failures bigint,
                execution_seconds double,
                row_count bigint,
                message varchar
            )
        {%- endcall -%}
        {%- for batch in rows | batch(500) -%}
            {%- call statement('data_quality_run_results_insert') -%}
                insert into {{ target_relation }} values {{ batch | join(', ') }}
            {%- endcall -%}
        {%- endfor -%}
        {#- Statements run inside the hook's transaction: commit them. -#}
        {%- do adapter.commit() -%}
        {{ log('data quality: ' ~ rows | length ~ ' node results written to ' ~ target_relation, info=false) }}
    {%- endif -%}
    select 1
{%- endmacro %}
