select * from marts.channel_attribution
