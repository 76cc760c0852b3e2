// What the given policies (by id) implement or cite, with the far ends' details: for each, the
// first $limit links in this order and how many there are in all (one round trip per level of a
// lineage).
// @param policies   required: policy ids
// @param relations  required: IMPLEMENTS and/or CITES
// @param limit      required: at most this many links per policy
UNWIND $policies AS pid
MATCH (p:Policy {id: pid})
CALL (p) {
  MATCH (p)-[r:IMPLEMENTS|CITES]->(q:Policy)
  WHERE type(r) IN $relations
  RETURN q, type(r) AS relation
  ORDER BY relation, q.title, q.id
  LIMIT $limit
}
RETURN p.id AS near_id, q.id AS far_id, relation, p.title AS near_title, q.title AS far_title,
       q.doc_number AS far_doc_number, q.level AS far_level, q.issued AS far_issued, q.status AS far_status,
       q.jurisdiction AS far_jurisdiction,
       COUNT { MATCH (p)-[x:IMPLEMENTS|CITES]->(:Policy) WHERE type(x) IN $relations } AS total
ORDER BY near_id, relation, far_title, far_id
