{{ config(materialized='table') }}

select
    contact_id,
    account_id,
    email,
    title,
    lead_source,
    created_at
from {{ ref('stg_salesforce__contacts') }}
