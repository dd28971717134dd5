select
    Id as contact_id,
    AccountId as account_id,
    lower(Email) as email,
    Title as title,
    LeadSource as lead_source,
    CreatedDate as created_at
from {{ source('salesforce', 'Contact') }}
where not coalesce(IsDeleted, false)
