select * from marts.brand_creator_recommendations
