// What implements or cites the given policies (by id), with the far ends' details: for each, the
// first 51 links in this order, one more than a lineage shows (queries.lineage.MAX_FANOUT), so it
// knows there are more (policy_links_count says how many). One round trip per level of a lineage.
// @param policies   required: policy ids
// @param relations  required: IMPLEMENTS and/or CITES
UNWIND $policies AS pid
MATCH (p:Policy {id: pid})
CALL (p) {
  MATCH (q:Policy)-[r:IMPLEMENTS|CITES]->(p)
  WHERE type(r) IN $relations
  RETURN q, type(r) AS relation
  ORDER BY relation, q.title, q.id
  LIMIT 51
}
RETURN p.id AS near_id, q.id AS far_id, relation AS relation, p.title AS near_title, q.title AS far_title,
       q.doc_number AS far_doc_number, q.level AS far_level, q.issued AS far_issued, q.status AS far_status,
       q.jurisdiction AS far_jurisdiction
ORDER BY near_id, relation, far_title, far_id
