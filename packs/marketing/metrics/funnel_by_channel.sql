-- The lead funnel by channel: leads created in the period, and those of them that became MQL, SQL and customers.
select
    coalesce(leads.lead_source, '(none)') as channel,
    count(*) as leads,
    count(*) filter (where leads.mql_at is not null) as mqls,
    count(*) filter (where leads.sql_at is not null) as sqls,
    count(*) filter (where deals.is_won) as customers
from core.leads as leads
left join core.opportunities as deals on deals.opportunity_id = leads.converted_opportunity_id
where cast(leads.created_at as date) >= $from and cast(leads.created_at as date) < $to
group by 1
order by leads desc, channel
