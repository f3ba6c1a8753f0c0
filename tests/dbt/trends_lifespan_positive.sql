-- Every hashtag lives at least one day, and a completed lifecycle lasts exactly emergence to fade.
select
    hashtag,
    lifespan_days,
    is_lifecycle_complete
from {{ ref('trend_lifecycle') }}
where
    lifespan_days <= 0
    or (is_lifecycle_complete and lifespan_days != {{ dbt.datediff('emergence_date', 'fade_date', 'day') }})
