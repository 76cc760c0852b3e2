// Every IMPLEMENTS/CITES edge between policies, one row per policy that has any: the ids it
// implements and cites, sorted (the lineage view; a row per edge was 2.7x the rows to fetch).
MATCH (p:Policy)-[r:IMPLEMENTS|CITES]->(q:Policy)
WITH p, r, q ORDER BY q.id
WITH p, collect(CASE WHEN type(r) = 'IMPLEMENTS' THEN q.id END) AS implements,
     collect(CASE WHEN type(r) = 'CITES' THEN q.id END) AS cites
RETURN p.id AS from_id, implements, cites
ORDER BY from_id
