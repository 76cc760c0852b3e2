// Every IMPLEMENTS/CITES edge between policies, with the level of both ends (the lineage view).
MATCH (p:Policy)-[r:IMPLEMENTS|CITES]->(q:Policy)
RETURN p.id AS from_id, q.id AS to_id, label(r) AS relation, p.level AS from_level, q.level AS to_level
ORDER BY from_id, relation, to_id
