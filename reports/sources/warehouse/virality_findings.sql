select * from marts.virality_findings
