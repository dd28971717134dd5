-- MRR movements by month of the period: for each month starting in P (start s, next start s'), each account's
-- MRR(a, s) against MRR(a, s'). The movements of a month sum to MRR(s') − MRR(s).
with months as (
    select cast(month_start as date) as month_start, cast(month_start + interval 1 month as date) as next_start
    from generate_series(cast(date_trunc('month', $from) as date), $as_of, interval 1 month) as series(month_start)
    where month_start >= $from
),

points as (
    select
        months.month_start,
        subscriptions.account_id,
        sum(subscriptions.mrr) filter (where subscriptions.start_date <= months.month_start
            and (subscriptions.end_date is null or subscriptions.end_date > months.month_start)) as mrr_start,
        sum(subscriptions.mrr) filter (where subscriptions.start_date <= months.next_start
            and (subscriptions.end_date is null or subscriptions.end_date > months.next_start)) as mrr_next,
        -- Had MRR on some day before s: a paying subscription active for at least one day before s.
        bool_or(subscriptions.mrr > 0 and subscriptions.start_date < months.month_start
            and (subscriptions.end_date is null or subscriptions.end_date > subscriptions.start_date)) as paid_before
    from months
    cross join core.subscriptions as subscriptions
    group by all
),

movements as (
    select
        month_start,
        coalesce(mrr_start, 0) as before_,
        coalesce(mrr_next, 0) as after_,
        paid_before
    from points
)

select
    strftime(months.month_start, '%Y-%m-%d') as month,
    coalesce(sum(after_) filter (where before_ = 0 and after_ > 0 and not paid_before), 0) as new,
    coalesce(sum(after_ - before_) filter (where before_ > 0 and after_ > before_), 0) as expansion,
    coalesce(sum(after_ - before_) filter (where before_ > 0 and after_ > 0 and after_ < before_), 0) as contraction,
    coalesce(sum(-before_) filter (where before_ > 0 and after_ = 0), 0) as churn,
    coalesce(sum(after_) filter (where before_ = 0 and after_ > 0 and paid_before), 0) as reactivation
from months
left join movements using (month_start)
group by months.month_start
order by months.month_start
