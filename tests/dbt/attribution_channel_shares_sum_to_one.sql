-- Channel shares of every model add up to 1, and no channel gets a negative share.
select
    model,
    sum(conversion_share) as total_share,
    min(conversion_share) as min_share
from {{ ref('channel_attribution') }}
group by model
having abs(sum(conversion_share) - 1) > 1e-9 or min(conversion_share) < -1e-12
