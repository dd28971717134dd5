-- Of the new-business and expansion deals created in the period: how many ever entered each stage.
with deals as (
    select opportunity_id
    from core.opportunities
    where opportunity_type in ('new_business', 'expansion')
      and cast(created_at as date) >= $from and cast(created_at as date) < $to
),

entered as (
    select history.stage_name, count(distinct history.opportunity_id) as deals,
           -- Stages in the order deals reach them.
           median(epoch(history.entered_at)) as typical_entry
    from core.opportunity_stage_history as history
    join deals using (opportunity_id)
    group by history.stage_name
)

select stage_name, deals
from entered
order by deals desc, typical_entry
