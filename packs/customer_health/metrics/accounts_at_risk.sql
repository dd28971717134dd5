-- The accounts at risk as of $as_of, largest MRR first: usage fell by more than half, or a subscription ends within 90 days.
with customers as (
    select account_id, sum(mrr) as mrr
    from core.subscriptions
    where start_date <= $as_of and (end_date is null or end_date > $as_of)
    group by account_id
    having sum(mrr) > 0
),

usage as (
    select
        account_id,
        count(distinct user_id) filter (where occurred_at >= $as_of - 29) as users_last_30,
        count(distinct user_id) filter (where occurred_at < $as_of - 29) as users_prior_30
    from core.product_events
    where occurred_at >= $as_of - 59 and occurred_at < $as_of + 1
    group by account_id
),

ending as (
    select account_id, min(end_date) as ends_on
    from core.subscriptions
    where end_date > $as_of and end_date <= $as_of + 90
    group by account_id
),

health as (
    select
        customers.account_id,
        customers.mrr,
        coalesce(usage.users_last_30, 0) as active_users_last_30,
        coalesce(usage.users_prior_30, 0) as active_users_prior_30,
        (coalesce(usage.users_last_30, 0) - usage.users_prior_30) / nullif(usage.users_prior_30, 0) as usage_change,
        coalesce(usage.users_prior_30, 0) > 0 and coalesce(usage.users_last_30, 0) < usage.users_prior_30 / 2 as usage_down,
        ending.ends_on
    from customers
    left join usage using (account_id)
    left join ending using (account_id)
)

select
    health.account_id,
    accounts.account_name,
    accounts.segment,
    health.mrr,
    health.active_users_last_30,
    health.active_users_prior_30,
    health.usage_change,
    strftime(health.ends_on, '%Y-%m-%d') as ends_on,
    list_filter(['usage_down', 'ending_soon'], reason ->
        (reason = 'usage_down' and health.usage_down) or (reason = 'ending_soon' and health.ends_on is not null)) as reasons
from health
left join core.accounts as accounts using (account_id)
where health.usage_down or health.ends_on is not null
order by health.mrr desc, health.account_id
