-- Salesforce users: the owners of accounts and opportunities.
select
    Id as user_id,
    Name as user_name,
    lower(Email) as email
from {{ source('salesforce', 'User') }}
where not coalesce(IsDeleted, false)
