{{ config(materialized='table') }}

select
    subscription_id,
    account_id,
    plan,
    mrr,
    start_date,
    end_date
from {{ ref('stg_billing__subscriptions') }}
