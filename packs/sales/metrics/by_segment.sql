-- Win rate and sales cycle of new-business deals closed in the period, by account segment.
with deals as (
    select
        coalesce(accounts.segment, '(unknown)') as segment,
        opportunities.is_won,
        opportunities.is_closed,
        opportunities.close_date - cast(opportunities.created_at as date) as days_to_close
    from core.opportunities as opportunities
    left join core.accounts as accounts using (account_id)
    where opportunities.opportunity_type = 'new_business'
      and opportunities.close_date >= $from and opportunities.close_date < $to
)

select
    segment,
    count(*) filter (where is_won) as won_deals,
    count(*) filter (where is_closed) as closed_deals,
    count(*) filter (where is_won) / nullif(count(*) filter (where is_closed), 0) as win_rate,
    median(days_to_close) filter (where is_won) as sales_cycle_days
from deals
group by segment
order by case segment when 'SMB' then 1 when 'Mid-Market' then 2 when 'Enterprise' then 3 else 4 end
