-- Every finding's interval contains its estimate and is ordered; a p-value sits on the same side
-- of 0.05 as the 95 % interval's exclusion of 0 (checked only with the default z = 1.96).
select
    finding_id,
    effect_size,
    ci_low,
    ci_high,
    p_value
from {{ ref('virality_findings') }}
where
    ci_low > effect_size
    or effect_size > ci_high
    or ci_low > ci_high
    {% if var('creators_findings_ci_z') == 1.96 %}
        or (p_value is not null and is_significant and p_value > 0.0501)
        or (p_value is not null and not is_significant and ci_low is not null and p_value < 0.0499)
    {% endif %}
