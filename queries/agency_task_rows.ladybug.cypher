// The tasks of one agency (by id), one row per role, with policy and clause (asked once per agency:
// see task_agencies.ladybug).
// @param agency        required: agency id
// @param roles         lead | joint | participant | implementer ([]: every role)
// @param jurisdiction  only policies of this jurisdiction ('' or null: all)
// @param limit         required: at most this many rows, the first in this order
MATCH (a:Agency {id: $agency})-[r:LEADS|PARTICIPATES]->(t:Task)
WHERE size($roles) = 0 OR r.role IN $roles
MATCH (p:Policy)-[:CONTAINS]->(t)
WHERE coalesce($jurisdiction, '') = '' OR p.jurisdiction = $jurisdiction
// The other bodies on each task come with it: asked per task afterwards, they were most of the
// time of a page of 200 rows.
WITH p, t, r, a
ORDER BY p.source, t.seq, r.role
LIMIT $limit
OPTIONAL MATCH (t)<-[:LEADS|PARTICIPATES]-(o:Agency)
WITH p, t, r, a, collect(DISTINCT o.name) AS on_task
RETURN p.source AS source, p.title AS policy, p.id AS policy_id, t.id AS task_id, t.seq AS seq,
       t.number AS number, t.title AS title, r.role AS role, r.mode AS mode, r.surface AS surface,
       a.id AS agency_id, a.name AS agency, a.name_en AS agency_en, a.jurisdiction AS agency_jurisdiction,
       t.clause AS clause, on_task
ORDER BY source, seq, role
