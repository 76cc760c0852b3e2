// The task × agency incidences behind the co-work network (one row per agency, task and role).
// @param policies      policy ids ([]: every policy)
// @param jurisdiction  only policies of this jurisdiction ('' or null: all)
MATCH (p:Policy)-[:CONTAINS]->(t:Task)<-[r:LEADS|PARTICIPATES]-(a:Agency)
WHERE (size($policies) = 0 OR p.id IN $policies)
  AND (coalesce($jurisdiction, '') = '' OR p.jurisdiction = $jurisdiction)
RETURN p.id AS policy_id, p.title AS policy, t.id AS task_id, t.title AS task, t.number AS number,
       t.clause AS clause, p.source AS source, a.id AS agency_id, a.name AS agency,
       a.name_en AS agency_en, a.jurisdiction AS jurisdiction, a.kind AS kind, a.level AS level, r.role AS role
ORDER BY policy_id, task_id, agency_id, role
