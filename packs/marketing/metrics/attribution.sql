-- Won new-business ARR closed in the period, credited to campaigns under four models. A deal's touches are its
-- account's campaign touches on or before its close date, in order of (touched_at, touch_id).
with deals as (
    select opportunity_id, account_id, close_date, arr
    from core.opportunities
    where is_won and opportunity_type = 'new_business' and close_date >= $from and close_date < $to
),

touches as (
    select
        deals.opportunity_id,
        deals.arr,
        touches.campaign_id,
        campaigns.channel,
        row_number() over (partition by deals.opportunity_id order by touches.touched_at, touches.touch_id) as position,
        count(*) over (partition by deals.opportunity_id) as touch_count
    from deals
    join core.campaign_touches as touches
      on touches.account_id = deals.account_id and cast(touches.touched_at as date) <= deals.close_date
    left join core.campaigns as campaigns on campaigns.campaign_id = touches.campaign_id
),

credits as (
    select 'first_touch' as model, campaign_id, channel, case when position = 1 then arr else 0 end as credit from touches
    union all
    select 'last_touch', campaign_id, channel, case when position = touch_count then arr else 0 end from touches
    union all
    select 'linear', campaign_id, channel, arr / touch_count from touches
    union all
    select 'u_shaped', campaign_id, channel,
        case
            when touch_count = 1 then arr
            when touch_count = 2 then arr / 2
            when position = 1 or position = touch_count then arr * 0.4
            else arr * 0.2 / (touch_count - 2)
        end
    from touches
    union all
    -- A deal with no touches is credited to no campaign.
    select models.model, '(none)', '(none)', deals.arr
    from deals
    cross join (values ('first_touch'), ('last_touch'), ('linear'), ('u_shaped')) as models(model)
    where deals.opportunity_id not in (select opportunity_id from touches)
)

select model, campaign_id, channel, credit
from (
    select model, coalesce(campaign_id, '(none)') as campaign_id, coalesce(channel, '(none)') as channel, coalesce(sum(credit), 0) as credit
    from credits
    group by all
    union all
    -- Every model is in the result, with nothing credited when no deal closed in the period.
    select model, null, null, null
    from (values ('first_touch'), ('last_touch'), ('linear'), ('u_shaped')) as models(model)
)
order by model, credit desc nulls last, campaign_id
