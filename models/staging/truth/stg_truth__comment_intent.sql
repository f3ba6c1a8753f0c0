with source_rows as (

    {{ truth_file_or_empty('comment_intent', [
        ('comment_id', 'varchar'),
        ('intent_level', 'integer'),
    ]) }}

),

final as (

    select
        comment_id,
        intent_level
    from source_rows

)

select * from final
