select * from marts.creator_buying_intent
