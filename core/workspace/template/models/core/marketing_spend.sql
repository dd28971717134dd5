{{ config(materialized='table') }}

select
    spend_date,
    channel,
    campaign_id,
    amount
from {{ ref('stg_ads__marketing_spend') }}
