{{ config(materialized='table') }}

select
    occurred_at,
    account_id,
    user_id,
    event_name,
    feature
from {{ ref('stg_product__events') }}
