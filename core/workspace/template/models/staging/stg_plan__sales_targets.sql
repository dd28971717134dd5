select
    cast(period_start as date) as period_start,
    cast(period_end as date) as period_end,
    cast(amount as decimal(18, 2)) as amount
from {{ source('plan', 'sales_targets') }}
