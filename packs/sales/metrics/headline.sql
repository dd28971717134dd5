-- Pack sales, for P = [$from, $to) and as_of = $as_of (docs/metrics.md, pack sales).
with closed_in_period as (
    select * from core.opportunities
    where close_date >= $from and close_date < $to
),

new_business as (
    select * from closed_in_period where opportunity_type = 'new_business'
),

renewals as (
    select * from closed_in_period where opportunity_type = 'renewal'
),

-- MRR(a, as_of): a subscription is active on d when start_date <= d < end_date (or it has no end).
mrr_on_as_of as (
    select account_id, sum(mrr) as mrr
    from core.subscriptions
    where start_date <= $as_of and (end_date is null or end_date > $as_of)
    group by account_id
),

targets as (
    select sum(amount) as amount from core.sales_targets where period_start >= $from and period_start < $to
)

select
    (select coalesce(sum(arr), 0) from closed_in_period
        where is_won and opportunity_type in ('new_business', 'expansion')) as bookings,
    (select count(*) from new_business where is_won) as won_deals,
    (select count(*) filter (where is_won) / nullif(count(*) filter (where is_closed), 0) from new_business) as win_rate,
    (select avg(amount) from new_business where is_won) as avg_deal_size,
    (select median(close_date - cast(created_at as date)) from new_business where is_won) as sales_cycle_days,
    (select coalesce(sum(amount), 0) from core.opportunities
        where opportunity_type in ('new_business', 'expansion')
          and cast(created_at as date) >= $from and cast(created_at as date) < $to) as pipeline_created,
    (select coalesce(sum(amount), 0) from closed_in_period
        where not is_closed and opportunity_type in ('new_business', 'expansion'))
        / nullif((select amount from targets), 0) as pipeline_coverage,
    (select count(*) filter (where is_won) / nullif(count(*) filter (where is_closed), 0) from renewals) as renewal_rate,
    (select 12 * coalesce(sum(mrr), 0) from mrr_on_as_of) as arr,
    (select count(*) from mrr_on_as_of where mrr > 0) as customers
