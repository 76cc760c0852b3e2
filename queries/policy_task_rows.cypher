// The tasks of one policy (by id), one row per (task, agency, role).
// @param policy  required: policy id
// @param roles   lead | joint | participant | implementer ([]: every role)
// @param limit         required: at most this many rows, the first in this order
MATCH (p:Policy {id: $policy})-[:CONTAINS]->(t:Task)<-[r:LEADS|PARTICIPATES]-(a:Agency)
WHERE size($roles) = 0 OR r.role IN $roles
RETURN p.source AS source, p.title AS policy, p.id AS policy_id, t.id AS task_id, t.seq AS seq,
       t.number AS number, t.title AS title, r.role AS role, r.mode AS mode, r.surface AS surface,
       a.id AS agency_id, a.name AS agency, a.name_en AS agency_en, a.jurisdiction AS agency_jurisdiction,
       t.clause AS clause
ORDER BY seq, agency, role
LIMIT $limit
