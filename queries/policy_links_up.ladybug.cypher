// What one policy (by id) implements or cites, with the far end's details (a document cites a few:
// not cut, as the links down are; asked once per policy: see task_agencies.ladybug).
// @param policy     required: policy id
// @param relations  required: IMPLEMENTS and/or CITES
MATCH (p:Policy {id: $policy})-[r:IMPLEMENTS|CITES]->(q:Policy)
WHERE label(r) IN $relations
RETURN p.id AS near_id, q.id AS far_id, label(r) AS relation, p.title AS near_title, q.title AS far_title,
       q.doc_number AS far_doc_number, q.level AS far_level, q.issued AS far_issued, q.status AS far_status,
       q.jurisdiction AS far_jurisdiction
ORDER BY relation, far_title, far_id
