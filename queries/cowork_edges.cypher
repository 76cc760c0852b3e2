// Every task × agency incidence behind the co-work network (a scan of the whole graph).
MATCH (p:Policy)-[:CONTAINS]->(t:Task)<-[r:LEADS|PARTICIPATES]-(a:Agency)
RETURN p.id AS policy_id, p.title AS policy, t.id AS task_id, t.title AS task, t.number AS number,
       t.clause AS clause, p.source AS source, a.id AS agency_id, a.name AS agency,
       a.name_en AS agency_en, a.jurisdiction AS jurisdiction, a.kind AS kind, a.level AS level, r.role AS role
ORDER BY policy_id, task_id, agency_id, role
