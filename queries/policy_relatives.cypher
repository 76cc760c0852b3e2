// The loaded policies whose tasks a policy's tasks may take up, or that may take up its tasks:
// what it implements (parent), what implements it (child), and up to `limit` others that
// implement the same policy (sibling) — the pairs `load --align` aligns.
// @param policy  required: policy id
// @param limit   required: at most this many siblings
MATCH (p:Policy {id: $policy})-[:IMPLEMENTS]->(up:Policy)
WHERE up.source IS NOT NULL
RETURN 'parent' AS relation, up.id AS id, up.issued AS issued
UNION ALL
MATCH (p:Policy {id: $policy})<-[:IMPLEMENTS]-(down:Policy)
WHERE down.source IS NOT NULL
RETURN 'child' AS relation, down.id AS id, down.issued AS issued
UNION ALL
MATCH (p:Policy {id: $policy})-[:IMPLEMENTS]->(:Policy)<-[:IMPLEMENTS]-(s:Policy)
WHERE s.source IS NOT NULL AND s.id <> $policy
WITH DISTINCT s LIMIT $limit
RETURN 'sibling' AS relation, s.id AS id, s.issued AS issued
