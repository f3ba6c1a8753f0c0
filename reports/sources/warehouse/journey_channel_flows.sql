select * from marts.journey_channel_flows
