-- Lifecycle dates come in order: emergence <= peak < decline < fade (later ones may be null).
select
    hashtag,
    emergence_date,
    peak_date,
    decline_date,
    fade_date
from {{ ref('trend_lifecycle') }}
where
    emergence_date > peak_date
    or peak_date >= decline_date
    or decline_date >= fade_date
    or (fade_date is not null and decline_date is null)
