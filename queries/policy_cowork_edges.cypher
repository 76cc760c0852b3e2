// The co-work incidences of one policy (by id).
// @param policy  required: policy id
MATCH (p:Policy {id: $policy})-[:CONTAINS]->(t:Task)<-[r:LEADS|PARTICIPATES]-(a:Agency)
RETURN p.id AS policy_id, p.title AS policy, t.id AS task_id, t.title AS task, t.number AS number,
       t.clause AS clause, p.source AS source, a.id AS agency_id, a.name AS agency,
       a.name_en AS agency_en, a.jurisdiction AS jurisdiction, a.kind AS kind, a.level AS level, r.role AS role
ORDER BY task_id, agency_id, role
