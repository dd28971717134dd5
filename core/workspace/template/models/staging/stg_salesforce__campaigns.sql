select
    Id as campaign_id,
    Name as campaign_name,
    -- The campaign type is the marketing channel, the same vocabulary as lead sources and ad spend.
    Type as channel,
    StartDate as start_date,
    EndDate as end_date,
    cast(BudgetedCost as decimal(18, 2)) as budgeted_cost,
    cast(ActualCost as decimal(18, 2)) as actual_cost
from {{ source('salesforce', 'Campaign') }}
where not coalesce(IsDeleted, false)
