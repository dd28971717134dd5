-- Net and gross revenue retention measured on the last day of each month of the period, against a year before.
with month_ends as (
    select least(cast(month_start + interval 1 month as date) - 1, $as_of) as day
    from generate_series(cast(date_trunc('month', $from) as date), $as_of, interval 1 month) as series(month_start)
),

cohorts as (
    select
        month_ends.day,
        subscriptions.account_id,
        sum(subscriptions.mrr) filter (where subscriptions.start_date <= cast(month_ends.day - interval 1 year as date)
            and (subscriptions.end_date is null or subscriptions.end_date > cast(month_ends.day - interval 1 year as date))) as mrr_then,
        sum(subscriptions.mrr) filter (where subscriptions.start_date <= month_ends.day
            and (subscriptions.end_date is null or subscriptions.end_date > month_ends.day)) as mrr_now
    from month_ends
    cross join core.subscriptions as subscriptions
    group by all
)

select
    day,
    sum(coalesce(mrr_now, 0)) / nullif(sum(mrr_then), 0) as net_revenue_retention,
    sum(least(coalesce(mrr_now, 0), mrr_then)) / nullif(sum(mrr_then), 0) as gross_revenue_retention
from cohorts
where mrr_then > 0
group by day
order by day
