-- Pack customer_health, as of $as_of: the last 30 days against the 30 before, and subscriptions ending within 90 days.
with customers as (
    select account_id, sum(mrr) as mrr
    from core.subscriptions
    where start_date <= $as_of and (end_date is null or end_date > $as_of)
    group by account_id
    having sum(mrr) > 0
),

events as (
    select account_id, user_id, occurred_at
    from core.product_events
    where occurred_at >= $as_of - 59 and occurred_at < $as_of + 1
      and account_id in (select account_id from customers)
),

usage as (
    select
        account_id,
        count(distinct user_id) filter (where occurred_at >= $as_of - 29) as users_last_30,
        count(distinct user_id) filter (where occurred_at < $as_of - 29) as users_prior_30
    from events
    group by account_id
),

ending as (
    select account_id
    from core.subscriptions
    where end_date > $as_of and end_date <= $as_of + 90
    group by account_id
),

flags as (
    select
        customers.account_id,
        customers.mrr,
        coalesce(usage.users_prior_30, 0) > 0 and coalesce(usage.users_last_30, 0) < usage.users_prior_30 / 2 as usage_down,
        ending.account_id is not null as ending_soon
    from customers
    left join usage using (account_id)
    left join ending using (account_id)
)

select
    (select count(*) from customers) as customers,
    (select count(distinct user_id) from events where occurred_at >= $as_of - 29) as active_users,
    (select count(*) from flags where usage_down) as accounts_usage_down,
    (select count(*) from flags where ending_soon) as accounts_ending_soon,
    (select count(*) from flags where usage_down or ending_soon) as accounts_at_risk,
    (select coalesce(sum(mrr), 0) from flags where usage_down or ending_soon) as mrr_at_risk
