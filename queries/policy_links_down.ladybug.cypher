// What implements or cites one policy (by id), with the far end's details: the first 51 links in
// this order, one more than a lineage shows (queries.lineage.MAX_FANOUT), so it knows there are
// more (a national plan is implemented by thousands: policy_links_count says how many). A
// literal cut: `LIMIT $param` costs 0.7 ms more a call on this engine. Asked once per policy
// (see task_agencies.ladybug).
// @param policy     required: policy id
// @param relations  required: IMPLEMENTS and/or CITES
MATCH (q:Policy)-[r:IMPLEMENTS|CITES]->(p:Policy {id: $policy})
WHERE label(r) IN $relations
RETURN p.id AS near_id, q.id AS far_id, label(r) AS relation, p.title AS near_title, q.title AS far_title,
       q.doc_number AS far_doc_number, q.level AS far_level, q.issued AS far_issued, q.status AS far_status,
       q.jurisdiction AS far_jurisdiction
ORDER BY relation, far_title, far_id
LIMIT 51
