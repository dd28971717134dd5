{{ config(materialized='table') }}

-- Only the history of opportunities that exist (deleted ones never reach core).
select
    history.opportunity_id,
    history.stage_name,
    history.entered_at,
    history.amount
from {{ ref('stg_salesforce__opportunity_history') }} as history
where history.opportunity_id in (select opportunity_id from {{ ref('stg_salesforce__opportunities') }})
