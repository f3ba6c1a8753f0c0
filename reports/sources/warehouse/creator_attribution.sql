select * from marts.creator_attribution
