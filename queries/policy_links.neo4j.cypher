// IMPLEMENTS/CITES edges out of (up) or into (down) the given policies, with both ends.
// @param ids   policy ids
// @param down  false: what these policies implement or cite; true: what implements or cites them
MATCH (p:Policy)-[r:IMPLEMENTS|CITES]->(q:Policy)
WHERE (NOT $down AND p.id IN $ids) OR ($down AND q.id IN $ids)
RETURN p.id AS from_id, q.id AS to_id, type(r) AS relation,
       p.title AS from_title, q.title AS to_title, q.doc_number AS to_doc_number,
       q.level AS to_level, q.issued AS to_issued, q.status AS to_status, q.jurisdiction AS to_jurisdiction,
       p.doc_number AS from_doc_number, p.level AS from_level, p.issued AS from_issued,
       p.status AS from_status, p.jurisdiction AS from_jurisdiction
ORDER BY from_id, relation, to_id
