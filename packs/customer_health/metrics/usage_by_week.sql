-- Weekly active users of the customers on as_of, over the period.
with customers as (
    select distinct account_id
    from core.subscriptions
    where start_date <= $as_of and (end_date is null or end_date > $as_of)
)

select
    cast(date_trunc('week', occurred_at) as date) as week,
    count(distinct user_id) as active_users,
    count(*) as events
from core.product_events
where occurred_at >= $from and occurred_at < $to
  and account_id in (select account_id from customers)
group by 1
order by 1
