// Nodes per label and relationships per type.
MATCH (n) RETURN 'node' AS kind, label(n) AS label, count(*) AS n ORDER BY label
UNION ALL
MATCH ()-[r]->() RETURN 'relationship' AS kind, label(r) AS label, count(*) AS n ORDER BY label
