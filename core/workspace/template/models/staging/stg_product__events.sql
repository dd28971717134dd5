select
    cast(occurred_at as timestamp) as occurred_at,
    account_id::varchar as account_id,
    user_id::varchar as user_id,
    event_name::varchar as event_name,
    feature::varchar as feature
from {{ source('product', 'events') }}
