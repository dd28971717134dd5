{% set thresholds = var('segment_employee_thresholds', {'mid_market': 100, 'enterprise': 1000}) %}

select
    Id as account_id,
    Name as account_name,
    Industry as industry,
    -- Segment by employee count: fewer than mid_market is SMB, fewer than enterprise is Mid-Market.
    case
        when NumberOfEmployees >= {{ thresholds.enterprise }} then 'Enterprise'
        when NumberOfEmployees >= {{ thresholds.mid_market }} then 'Mid-Market'
        else 'SMB'
    end as segment,
    BillingCountry as country,
    OwnerId as owner_id,
    CreatedDate as created_at
from {{ source('salesforce', 'Account') }}
where not coalesce(IsDeleted, false)
