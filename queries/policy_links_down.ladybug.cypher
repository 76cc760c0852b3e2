// What implements or cites one policy (by id), with the far end's details: the first $limit links
// in this order and how many there are in all (a national plan is implemented by thousands; asked
// once per policy: see task_agencies.ladybug).
// @param policy     required: policy id
// @param relations  required: IMPLEMENTS and/or CITES
// @param limit      required: at most this many links
MATCH (:Policy)-[x:IMPLEMENTS|CITES]->(p:Policy {id: $policy})
WHERE label(x) IN $relations
WITH p, count(x) AS total
MATCH (q:Policy)-[r:IMPLEMENTS|CITES]->(p)
WHERE label(r) IN $relations
RETURN p.id AS near_id, q.id AS far_id, label(r) AS relation, p.title AS near_title, q.title AS far_title,
       q.doc_number AS far_doc_number, q.level AS far_level, q.issued AS far_issued, q.status AS far_status,
       q.jurisdiction AS far_jurisdiction, total
ORDER BY relation, far_title, far_id
LIMIT $limit
