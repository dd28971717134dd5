{# Opportunity.Type values differ between companies: vars map them to the three types of the data model. #}
{% set types = var('opportunity_types', {
    'new_business': ['New Customer', 'New Business'],
    'expansion': ['Existing Customer - Upgrade', 'Expansion', 'Upsell'],
    'renewal': ['Existing Customer - Renewal', 'Renewal']
}) %}
{% set opportunity_columns = adapter.get_columns_in_relation(source('salesforce', 'Opportunity')) | map(attribute='name') | list %}
{% set arr_field = var('opportunity_arr_field', 'ARR__c') %}

select
    Id as opportunity_id,
    AccountId as account_id,
    Name as opportunity_name,
    case
        {% for type, values in types -%}
        when Type in ({% for value in values %}'{{ value }}'{% if not loop.last %}, {% endif %}{% endfor %}) then '{{ type }}'
        {% endfor -%}
        else '{{ var("opportunity_type_default", "new_business") }}'
    end as opportunity_type,
    StageName as stage_name,
    cast(Amount as decimal(18, 2)) as amount,
    -- ARR equals the amount unless the org keeps it in a field of its own.
    cast({% if arr_field in opportunity_columns %}coalesce({{ arr_field }}, Amount){% else %}Amount{% endif %} as decimal(18, 2)) as arr,
    LeadSource as lead_source,
    CampaignId as campaign_id,
    OwnerId as owner_id,
    CreatedDate as created_at,
    CloseDate as close_date,
    IsClosed as is_closed,
    IsWon as is_won
from {{ source('salesforce', 'Opportunity') }}
where not coalesce(IsDeleted, false)
