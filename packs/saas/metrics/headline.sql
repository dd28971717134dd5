-- Pack saas, for P = [$from, $to) and as_of = $as_of (docs/metrics.md, pack saas).
-- MRR(a, d) sums the mrr of account a's subscriptions active on d: start_date <= d < end_date (or no end).
with mrr_on_as_of as (
    select account_id, sum(mrr) as mrr from core.subscriptions
    where start_date <= $as_of and (end_date is null or end_date > $as_of)
    group by account_id
),

-- d0 = as_of a calendar year earlier.
mrr_on_d0 as (
    select account_id, sum(mrr) as mrr from core.subscriptions
    where start_date <= cast($as_of - interval 1 year as date)
      and (end_date is null or end_date > cast($as_of - interval 1 year as date))
    group by account_id
),

-- The day before the period.
mrr_before_period as (
    select account_id, sum(mrr) as mrr from core.subscriptions
    where start_date <= $from - 1 and (end_date is null or end_date > $from - 1)
    group by account_id
),

cohort as (
    select d0.account_id, d0.mrr as mrr_then, coalesce(now_.mrr, 0) as mrr_now
    from mrr_on_d0 as d0
    left join mrr_on_as_of as now_ using (account_id)
    where d0.mrr > 0
),

spend_before as (
    select sum(amount) as amount
    from core.marketing_spend
    where spend_date >= $from - cast($to - $from as integer) and spend_date < $from
)

select
    (select coalesce(sum(mrr), 0) from mrr_on_as_of) as mrr,
    (select 12 * coalesce(sum(mrr), 0) from mrr_on_as_of) as arr,
    (select count(*) from mrr_on_as_of where mrr > 0) as customers,
    (select sum(mrr_now) / nullif(sum(mrr_then), 0) from cohort) as net_revenue_retention,
    (select sum(least(mrr_now, mrr_then)) / nullif(sum(mrr_then), 0) from cohort) as gross_revenue_retention,
    (select count(*) filter (where mrr_now <= 0) / nullif(count(*), 0) from cohort) as logo_churn_rate,
    (12 * (select coalesce(sum(mrr), 0) from mrr_on_as_of) - 12 * (select coalesce(sum(mrr), 0) from mrr_before_period))
        / nullif((select amount from spend_before), 0) as magic_number
