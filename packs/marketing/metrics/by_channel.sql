-- Leads, spend, cost per lead, new customers and CAC, each restricted to one channel
-- (leads.lead_source = marketing_spend.channel = the lead_source of an account's first won deal).
with leads as (
    select lead_source as channel, count(*) as leads
    from core.leads
    where cast(created_at as date) >= $from and cast(created_at as date) < $to
    group by 1
),

spend as (
    select channel, sum(amount) as marketing_spend
    from core.marketing_spend
    where spend_date >= $from and spend_date < $to
    group by 1
),

-- Each account's first won deal; a tie on the first close date goes to the smallest opportunity_id.
first_wins as (
    select account_id, close_date, lead_source,
           row_number() over (partition by account_id order by close_date, opportunity_id) as position
    from core.opportunities
    where is_won
),

new_customers as (
    select lead_source as channel, count(*) as new_customers
    from first_wins
    where position = 1 and close_date >= $from and close_date < $to
    group by 1
),

channels as (
    select channel from leads union select channel from spend union select channel from new_customers
)

select
    coalesce(channels.channel, '(none)') as channel,
    coalesce(leads.leads, 0) as leads,
    coalesce(spend.marketing_spend, 0) as marketing_spend,
    coalesce(spend.marketing_spend, 0) / nullif(coalesce(leads.leads, 0), 0) as cost_per_lead,
    coalesce(new_customers.new_customers, 0) as new_customers,
    coalesce(spend.marketing_spend, 0) / nullif(coalesce(new_customers.new_customers, 0), 0) as cac
from channels
left join leads on leads.channel is not distinct from channels.channel
left join spend on spend.channel is not distinct from channels.channel
left join new_customers on new_customers.channel is not distinct from channels.channel
order by marketing_spend desc, leads desc, channel
