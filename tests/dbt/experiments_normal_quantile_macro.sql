-- The normal quantile macro against known values, in the centre and in both tails.
with cases as (

    select
        0.5 as probability,
        0.0 as expected_quantile
    union all
    select
        0.975 as probability,
        1.959964 as expected_quantile
    union all
    select
        0.8 as probability,
        0.841621 as expected_quantile
    union all
    select
        0.0005 as probability,
        -3.290527 as expected_quantile
    union all
    select
        0.995 as probability,
        2.575829 as expected_quantile

)

select
    probability,
    expected_quantile,
    {{ experiments_normal_quantile('probability') }} as quantile
from cases
where abs({{ experiments_normal_quantile('probability') }} - expected_quantile) > 0.000001
