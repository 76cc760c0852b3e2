// One row per (task, agency, role) for the given bodies, roles, policies; the other agencies on each task.
// @param ids           agency ids ([]: every agency)
// @param roles         lead | joint | participant | implementer ([]: every role)
// @param policies      policy ids ([]: every policy)
// @param jurisdiction  only policies of this jurisdiction ('' or null: all)
MATCH (p:Policy)-[:CONTAINS]->(t:Task)<-[r:LEADS|PARTICIPATES]-(a:Agency)
WHERE (size($ids) = 0 OR a.id IN $ids)
  AND (size($roles) = 0 OR r.role IN $roles)
  AND (size($policies) = 0 OR p.id IN $policies)
  AND (coalesce($jurisdiction, '') = '' OR p.jurisdiction = $jurisdiction)
OPTIONAL MATCH (t)<-[:LEADS|PARTICIPATES]-(o:Agency)
WHERE o.id <> a.id
RETURN p.source AS source, p.title AS policy, p.id AS policy_id, t.id AS task_id, t.seq AS seq,
       t.number AS number, t.title AS title, r.role AS role, r.mode AS mode, r.surface AS surface,
       a.id AS agency_id, a.name AS agency, a.name_en AS agency_en, a.jurisdiction AS agency_jurisdiction,
       collect(DISTINCT o.name) AS co_agencies, t.clause AS clause
ORDER BY source, seq, agency, role
