{{ config(materialized='table') }}

select
    campaign_id,
    campaign_name,
    channel,
    start_date,
    end_date,
    budgeted_cost,
    actual_cost
from {{ ref('stg_salesforce__campaigns') }}
