select * from marts.creator_clusters
