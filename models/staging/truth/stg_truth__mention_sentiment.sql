with source_rows as (

    {{ truth_file_or_empty('mention_sentiment', [
        ('mention_id', 'varchar'),
        ('source', 'varchar'),
        ('sentiment', 'double'),
        ('label', 'varchar'),
        ('brand', 'varchar'),
        ('product_id', 'bigint'),
        ('created_at', 'timestamptz'),
    ]) }}

),

final as (

    select
        mention_id,
        source as mention_source,
        sentiment as sentiment_score,
        label as sentiment_label,
        brand as brand_name,
        product_id,
        cast(created_at at time zone 'UTC' as timestamp) as created_at
    from source_rows

)

select * from final
