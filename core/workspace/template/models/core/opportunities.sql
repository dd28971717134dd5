{{ config(materialized='table') }}

select
    opportunities.opportunity_id,
    opportunities.account_id,
    opportunities.opportunity_name,
    opportunities.opportunity_type,
    opportunities.stage_name,
    opportunities.amount,
    opportunities.arr,
    opportunities.lead_source,
    opportunities.campaign_id,
    owners.user_name as owner_name,
    opportunities.created_at,
    opportunities.close_date,
    opportunities.is_closed,
    opportunities.is_won
from {{ ref('stg_salesforce__opportunities') }} as opportunities
left join {{ ref('stg_salesforce__users') }} as owners on owners.user_id = opportunities.owner_id
