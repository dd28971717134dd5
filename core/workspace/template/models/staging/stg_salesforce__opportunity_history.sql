select
    OpportunityId as opportunity_id,
    StageName as stage_name,
    CreatedDate as entered_at,
    cast(Amount as decimal(18, 2)) as amount
from {{ source('salesforce', 'OpportunityHistory') }}
where not coalesce(IsDeleted, false)
