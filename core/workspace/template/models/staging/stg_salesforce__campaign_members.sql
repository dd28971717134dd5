select
    Id as touch_id,
    CampaignId as campaign_id,
    LeadId as lead_id,
    ContactId as contact_id,
    CreatedDate as touched_at,
    coalesce(HasResponded, false) as responded
from {{ source('salesforce', 'CampaignMember') }}
where not coalesce(IsDeleted, false)
