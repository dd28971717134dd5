{{ config(materialized='table') }}

-- A touch belongs to an account through its contact, else through the account its lead converted into.
select
    touches.touch_id,
    touches.campaign_id,
    touches.lead_id,
    touches.contact_id,
    coalesce(contacts.account_id, leads.converted_account_id) as account_id,
    touches.touched_at,
    touches.responded
from {{ ref('stg_salesforce__campaign_members') }} as touches
left join {{ ref('stg_salesforce__contacts') }} as contacts on contacts.contact_id = touches.contact_id
left join {{ ref('stg_salesforce__leads') }} as leads on leads.lead_id = touches.lead_id
