// Nodes per label and relationships per type.
MATCH (n) RETURN 'node' AS kind, labels(n)[0] AS label, count(*) AS n ORDER BY label
UNION ALL
MATCH ()-[r]->() RETURN 'relationship' AS kind, type(r) AS label, count(*) AS n ORDER BY label
