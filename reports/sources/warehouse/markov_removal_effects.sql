select * from marts.markov_removal_effects
