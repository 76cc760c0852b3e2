// The policies that implement or cite a policy, and theirs in turn (up to 7 steps).
// @param policy  required: id, source, title or document number
MATCH (p:Policy)
WHERE p.id = $policy OR p.source = $policy OR p.title = $policy OR p.doc_number = $policy
MATCH path = (q:Policy)-[r:IMPLEMENTS|CITES]->(m:Policy)-[:IMPLEMENTS|CITES*0..6]->(p)
RETURN min(length(path)) AS depth, m.title AS to_policy, label(r) AS relation,
       q.id AS id, q.title AS title, q.doc_number AS doc_number, q.jurisdiction AS jurisdiction,
       q.source AS source
ORDER BY depth, to_policy, relation, title
