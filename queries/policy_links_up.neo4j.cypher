// What the given policies (by id) implement or cite, with the far ends' details (a document cites a
// few: not cut, as the links down are; one round trip per level of a lineage).
// @param policies   required: policy ids
// @param relations  required: IMPLEMENTS and/or CITES
UNWIND $policies AS pid
MATCH (p:Policy {id: pid})-[r:IMPLEMENTS|CITES]->(q:Policy)
WHERE type(r) IN $relations
RETURN p.id AS near_id, q.id AS far_id, type(r) AS relation, p.title AS near_title, q.title AS far_title,
       q.doc_number AS far_doc_number, q.level AS far_level, q.issued AS far_issued, q.status AS far_status,
       q.jurisdiction AS far_jurisdiction
ORDER BY near_id, relation, far_title, far_id
