select * from marts.creator_scorecard
