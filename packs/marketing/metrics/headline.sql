-- Pack marketing, for P = [$from, $to) and as_of = $as_of (docs/metrics.md, pack marketing).
with spend as (
    select coalesce(sum(amount), 0) as amount
    from core.marketing_spend
    where spend_date >= $from and spend_date < $to
),

leads_in_period as (
    select * from core.leads
    where cast(created_at as date) >= $from and cast(created_at as date) < $to
),

-- Each account's first won deal of any type: the smallest close_date.
first_wins as (
    select account_id, min(close_date) as first_win
    from core.opportunities
    where is_won
    group by account_id
),

new_customers as (
    select count(*) as customers from first_wins where first_win >= $from and first_win < $to
),

-- MRR(a, d) on as_of and a year before, for ARPA and the logo churn rate (as pack saas defines it).
mrr_on_as_of as (
    select account_id, sum(mrr) as mrr from core.subscriptions
    where start_date <= $as_of and (end_date is null or end_date > $as_of)
    group by account_id
),

mrr_year_before as (
    select account_id, sum(mrr) as mrr from core.subscriptions
    where start_date <= cast($as_of - interval 1 year as date)
      and (end_date is null or end_date > cast($as_of - interval 1 year as date))
    group by account_id
),

retention as (
    select
        count(*) filter (where coalesce(now_.mrr, 0) <= 0) / nullif(count(*), 0) as logo_churn_rate
    from mrr_year_before as before_
    left join mrr_on_as_of as now_ using (account_id)
    where before_.mrr > 0
),

unit_economics as (
    select
        (select 12 * sum(mrr) from mrr_on_as_of) / nullif((select count(*) from mrr_on_as_of where mrr > 0), 0) as arpa,
        (select logo_churn_rate from retention) as logo_churn_rate,
        (select amount from spend) / nullif((select customers from new_customers), 0) as cac
),

ltv as (
    select arpa * $gross_margin * (1 / nullif(logo_churn_rate, 0)) as ltv, cac from unit_economics
)

select
    (select count(*) from leads_in_period) as leads,
    (select count(*) from core.leads where cast(mql_at as date) >= $from and cast(mql_at as date) < $to) as mqls,
    (select count(*) from core.leads where cast(sql_at as date) >= $from and cast(sql_at as date) < $to) as sqls,
    (select amount from spend) as marketing_spend,
    (select amount from spend) / nullif((select count(*) from leads_in_period), 0) as cost_per_lead,
    (select customers from new_customers) as new_customers,
    (select cac from unit_economics) as cac,
    (select count(*) filter (where deals.is_won) from leads_in_period as leads
        left join core.opportunities as deals on deals.opportunity_id = leads.converted_opportunity_id)
        / nullif((select count(*) from leads_in_period), 0) as lead_to_customer_rate,
    (select median(deals.close_date - cast(leads.created_at as date))
        from core.opportunities as deals
        join core.leads as leads on leads.converted_opportunity_id = deals.opportunity_id
        where deals.is_won and deals.opportunity_type = 'new_business'
          and deals.close_date >= $from and deals.close_date < $to) as median_conversion_days,
    (select ltv from ltv) as ltv,
    (select ltv / nullif(cac, 0) from ltv) as ltv_to_cac
