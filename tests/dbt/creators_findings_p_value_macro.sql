-- The two-sided normal p-value macro against known values: p(0) = 1, p(1.96) = 0.05,
-- p(-2.5758) = 0.01, p(3.2905) = 0.001.
with cases as (

    select
        0.0 as z,
        1.0 as expected_p_value
    union all
    select
        1.96 as z,
        0.05 as expected_p_value
    union all
    select
        -2.5758 as z,
        0.01 as expected_p_value
    union all
    select
        3.2905 as z,
        0.001 as expected_p_value

)

select
    z,
    expected_p_value,
    {{ creators_two_sided_p_value('z') }} as p_value
from cases
where abs({{ creators_two_sided_p_value('z') }} - expected_p_value) > 0.0005
