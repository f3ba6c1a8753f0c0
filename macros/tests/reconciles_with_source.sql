{#- Raw lines = preamble lines + staged + quarantined + duplicates removed, for one raw entity.
    Counted independently: raw lines straight from the source (the files), staged rows from the
    model, quarantined rows from the quarantine model, and duplicates as the valid data lines of
    the base model that were not staged. Also fails when the base model lost or invented a line,
    or when the quarantine does not hold exactly the base model's rejected lines. Returns one row
    with all the counts when anything is off.
    - preamble_lines_per_file: lines of every file that are not records (CSV header: 1; Google
      Trends: category line, blank line and header: 3).
    - staged_line_count: how to count raw lines in the model when it has another grain (Trends:
      one row per term and day, so count distinct file and day).
    - base_data_condition: which base rows are record lines (CSV: `line_kind = 'data'`). -#}
{% test reconciles_with_source(
    model,
    source_relation,
    base_model,
    quarantine_model,
    preamble_lines_per_file=0,
    staged_line_count='count(*)',
    base_data_condition='true'
) %}

with source_counts as (

    select
        count(*) as source_line_count,
        count(distinct filename) * {{ preamble_lines_per_file }} as preamble_line_count
    from {{ source_relation }}

),

base_counts as (

    select
        count(*) as base_line_count,
        sum(case when reject_reason is not null then 1 else 0 end) as rejected_line_count,
        sum(case when reject_reason is null and {{ base_data_condition }} then 1 else 0 end) as valid_line_count
    from {{ base_model }}

),

staged_counts as (

    select {{ staged_line_count }} as staged_line_count
    from {{ model }}

),

quarantine_counts as (

    select count(*) as quarantined_line_count
    from {{ quarantine_model }}

),

reconciled as (

    select
        source_counts.source_line_count,
        source_counts.preamble_line_count,
        staged_counts.staged_line_count,
        quarantine_counts.quarantined_line_count,
        coalesce(base_counts.valid_line_count, 0) - staged_counts.staged_line_count as deduplicated_line_count,
        base_counts.base_line_count,
        coalesce(base_counts.rejected_line_count, 0) as rejected_line_count
    from source_counts
    cross join base_counts
    cross join staged_counts
    cross join quarantine_counts

)

select *
from reconciled
where
    source_line_count
    != preamble_line_count + staged_line_count + quarantined_line_count + deduplicated_line_count
    or deduplicated_line_count < 0
    or base_line_count != source_line_count
    or quarantined_line_count != rejected_line_count

{% endtest %}
