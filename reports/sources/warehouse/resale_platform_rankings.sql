select * from marts.resale_platform_rankings
