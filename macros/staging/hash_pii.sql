{#- Salted SHA-256 of a personal value (email, name, handle of a member of the public), lower-cased
    and trimmed first so that the same person hashes alike across sources. Null stays null (and an
    empty string becomes null). The salt is the `pii_salt` var (SCW_PII_SALT). -#}
{% macro hash_pii(expr) -%}
    case
        when nullif(trim(cast({{ expr }} as varchar)), '') is not null
            then sha256('{{ dbt.escape_single_quotes(var("pii_salt")) }}' || lower(trim(cast({{ expr }} as varchar))))
    end
{%- endmacro %}
