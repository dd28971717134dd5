select
    cast(spend_date as date) as spend_date,
    channel::varchar as channel,
    nullif(campaign_id::varchar, '') as campaign_id,
    cast(amount as decimal(18, 2)) as amount
from {{ source('ads', 'marketing_spend') }}
