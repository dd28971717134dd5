{{ config(materialized='table') }}

select
    period_start,
    period_end,
    amount
from {{ ref('stg_plan__sales_targets') }}
