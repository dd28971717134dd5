{{ config(materialized='table') }}

select
    lead_id,
    email,
    company,
    lead_source,
    status,
    created_at,
    mql_at,
    sql_at,
    converted_at,
    converted_account_id,
    converted_opportunity_id
from {{ ref('stg_salesforce__leads') }}
