select * from marts.creator_follower_forecast
