-- The period's MRR walk: MRR at the start of its first month, each kind of movement over its months, MRR after.
with months as (
    select cast(month_start as date) as month_start, cast(month_start + interval 1 month as date) as next_start
    from generate_series(cast(date_trunc('month', $from) as date), $as_of, interval 1 month) as series(month_start)
    where month_start >= $from
),

walk_ends as (
    select
        (select coalesce(sum(mrr), 0) from core.subscriptions
            where start_date <= (select min(month_start) from months)
              and (end_date is null or end_date > (select min(month_start) from months))) as mrr_start,
        (select coalesce(sum(mrr), 0) from core.subscriptions
            where start_date <= (select max(next_start) from months)
              and (end_date is null or end_date > (select max(next_start) from months))) as mrr_end
),

points as (
    select
        months.month_start,
        subscriptions.account_id,
        coalesce(sum(subscriptions.mrr) filter (where subscriptions.start_date <= months.month_start
            and (subscriptions.end_date is null or subscriptions.end_date > months.month_start)), 0) as before_,
        coalesce(sum(subscriptions.mrr) filter (where subscriptions.start_date <= months.next_start
            and (subscriptions.end_date is null or subscriptions.end_date > months.next_start)), 0) as after_,
        bool_or(subscriptions.mrr > 0 and subscriptions.start_date < months.month_start
            and (subscriptions.end_date is null or subscriptions.end_date > subscriptions.start_date)) as paid_before
    from months
    cross join core.subscriptions as subscriptions
    group by all
),

totals as (
    select
        coalesce(sum(after_) filter (where before_ = 0 and after_ > 0 and not paid_before), 0) as new,
        coalesce(sum(after_) filter (where before_ = 0 and after_ > 0 and paid_before), 0) as reactivation,
        coalesce(sum(after_ - before_) filter (where before_ > 0 and after_ > before_), 0) as expansion,
        coalesce(sum(after_ - before_) filter (where before_ > 0 and after_ > 0 and after_ < before_), 0) as contraction,
        coalesce(sum(-before_) filter (where before_ > 0 and after_ = 0), 0) as churn
    from points
),

steps as (
    select 1 as position, 'Start' as step, 'total' as kind, mrr_start as amount from walk_ends
    union all select 2, 'New', 'increase', new from totals
    union all select 3, 'Reactivation', 'increase', reactivation from totals
    union all select 4, 'Expansion', 'increase', expansion from totals
    union all select 5, 'Contraction', 'decrease', contraction from totals
    union all select 6, 'Churn', 'decrease', churn from totals
    union all select 7, 'End', 'total', mrr_end from walk_ends
)

-- Each movement bar starts where the walk stood before it.
select
    position,
    step,
    kind,
    amount,
    case when kind = 'total' then 0 else sum(amount) over (order by position) - amount end as bar_start,
    case when kind = 'total' then amount else sum(amount) over (order by position) end as bar_end
from steps
order by position
