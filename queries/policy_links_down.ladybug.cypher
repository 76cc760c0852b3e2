// What implements or cites the given policies (by id), with the far ends' details (one round trip
// per level of a lineage).
// @param policies  required: policy ids
UNWIND $policies AS pid
MATCH (q:Policy)-[r:IMPLEMENTS|CITES]->(p:Policy {id: pid})
RETURN p.id AS near_id, q.id AS far_id, label(r) AS relation, p.title AS near_title, q.title AS far_title,
       q.doc_number AS far_doc_number, q.level AS far_level, q.issued AS far_issued, q.status AS far_status,
       q.jurisdiction AS far_jurisdiction
ORDER BY near_id, relation, far_title, far_id
