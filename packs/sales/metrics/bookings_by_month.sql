-- Bookings (won new-business and expansion ARR) and pipeline created, by month of the period.
with months as (
    select cast(month_start as date) as month
    from generate_series(cast(date_trunc('month', $from) as date), $as_of, interval 1 month) as series(month_start)
),

bookings as (
    select cast(date_trunc('month', close_date) as date) as month,
           sum(arr) filter (where opportunity_type = 'new_business') as new_business,
           sum(arr) filter (where opportunity_type = 'expansion') as expansion
    from core.opportunities
    where is_won and opportunity_type in ('new_business', 'expansion') and close_date >= $from and close_date < $to
    group by 1
),

pipeline as (
    select cast(date_trunc('month', created_at) as date) as month, sum(amount) as pipeline_created
    from core.opportunities
    where opportunity_type in ('new_business', 'expansion')
      and cast(created_at as date) >= $from and cast(created_at as date) < $to
    group by 1
)

select
    months.month,
    coalesce(bookings.new_business, 0) as new_business,
    coalesce(bookings.expansion, 0) as expansion,
    coalesce(bookings.new_business, 0) + coalesce(bookings.expansion, 0) as bookings,
    coalesce(pipeline.pipeline_created, 0) as pipeline_created
from months
left join bookings using (month)
left join pipeline using (month)
order by months.month
