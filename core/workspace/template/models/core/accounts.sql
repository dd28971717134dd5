{{ config(materialized='table') }}

select
    accounts.account_id,
    accounts.account_name,
    accounts.industry,
    accounts.segment,
    accounts.country,
    owners.user_name as owner_name,
    accounts.created_at
from {{ ref('stg_salesforce__accounts') }} as accounts
left join {{ ref('stg_salesforce__users') }} as owners on owners.user_id = accounts.owner_id
