with base_interest as (

    select * from {{ ref('base_trends__interest_over_time') }}
    where is_staged

),

unpivoted as (

    select
        source_file,
        interest_period,
        interest_date,
        search_terms,
        geo_names,
        interest_values,
        below_one_flags,
        unnest(generate_series(1, len(search_terms))) as term_position
    from base_interest

),

final as (

    select
        search_terms[term_position] as search_term,
        interest_date,
        geo_names[term_position] as geo_name,
        interest_period,
        interest_values[term_position] as interest_0_100,
        below_one_flags[term_position] as is_below_one,
        source_file,
        term_position
    from unpivoted

)

select * from final
