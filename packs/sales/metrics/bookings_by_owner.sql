-- Bookings by deal owner for the period, largest first.
select
    coalesce(owner_name, '(no owner)') as owner_name,
    sum(arr) as bookings,
    count(*) as won_deals
from core.opportunities
where is_won and opportunity_type in ('new_business', 'expansion') and close_date >= $from and close_date < $to
group by 1
order by bookings desc, owner_name
