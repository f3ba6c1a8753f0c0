select * from marts.untracked_conversions
