select * from marts.creator_cluster_quality
