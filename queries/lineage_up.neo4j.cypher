// The policies a policy implements or cites, and theirs in turn (up to 7 steps).
// @param policy  required: id, source, title or document number
MATCH (p:Policy)
WHERE p.id = $policy OR p.source = $policy OR p.title = $policy OR p.doc_number = $policy
MATCH path = (p)-[:IMPLEMENTS|CITES*0..6]->(m:Policy)-[r:IMPLEMENTS|CITES]->(q:Policy)
RETURN min(length(path)) AS depth, m.title AS from_policy, type(r) AS relation,
       q.id AS id, q.title AS title, q.doc_number AS doc_number, q.status AS status
ORDER BY depth, from_policy, relation, title
