select
    subscription_id::varchar as subscription_id,
    account_id::varchar as account_id,
    plan::varchar as plan,
    cast(mrr as decimal(18, 2)) as mrr,
    cast(start_date as date) as start_date,
    cast(end_date as date) as end_date
from {{ source('billing', 'subscriptions') }}
