-- MRR and customers on the first day of each month of the period, and on its last day.
with days as (
    select cast(day as date) as day
    from generate_series(cast(date_trunc('month', $from) as date), $as_of, interval 1 month) as series(day)
    where day >= $from
    union
    select $as_of
)

select
    days.day,
    coalesce(sum(subscriptions.mrr), 0) as mrr,
    count(distinct subscriptions.account_id) as customers
from days
left join core.subscriptions as subscriptions
  on subscriptions.start_date <= days.day and (subscriptions.end_date is null or subscriptions.end_date > days.day)
group by days.day
order by days.day
