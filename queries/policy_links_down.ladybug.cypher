// What implements or cites one policy (by id), with the far end's details (asked once per policy:
// see task_agencies.ladybug).
// @param policy  required: policy id
MATCH (q:Policy)-[r:IMPLEMENTS|CITES]->(p:Policy {id: $policy})
RETURN p.id AS near_id, q.id AS far_id, label(r) AS relation, p.title AS near_title, q.title AS far_title,
       q.doc_number AS far_doc_number, q.level AS far_level, q.issued AS far_issued, q.status AS far_status,
       q.jurisdiction AS far_jurisdiction
ORDER BY relation, far_title, far_id
