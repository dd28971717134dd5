{# The MQL and SQL dates are custom fields: named in vars, used when the org has them. #}
{% set lead_columns = adapter.get_columns_in_relation(source('salesforce', 'Lead')) | map(attribute='name') | list %}
{% set mql_field = var('lead_mql_date_field', 'MQL_Date__c') %}
{% set sql_field = var('lead_sql_date_field', 'SQL_Date__c') %}

select
    Id as lead_id,
    lower(Email) as email,
    Company as company,
    LeadSource as lead_source,
    Status as status,
    CreatedDate as created_at,
    {% if mql_field in lead_columns %}cast({{ mql_field }} as timestamp){% else %}cast(null as timestamp){% endif %} as mql_at,
    {% if sql_field in lead_columns %}cast({{ sql_field }} as timestamp){% else %}cast(null as timestamp){% endif %} as sql_at,
    cast(ConvertedDate as timestamp) as converted_at,
    ConvertedAccountId as converted_account_id,
    ConvertedContactId as converted_contact_id,
    ConvertedOpportunityId as converted_opportunity_id
from {{ source('salesforce', 'Lead') }}
where not coalesce(IsDeleted, false)
