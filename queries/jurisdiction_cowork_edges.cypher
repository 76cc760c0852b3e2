// The co-work incidences of one jurisdiction's policies, found through its Jurisdiction node.
// @param jurisdiction_id  required: jurisdiction node id
MATCH (j:Jurisdiction {id: $jurisdiction_id})<-[:`IN`]-(p:Policy)-[:CONTAINS]->(t:Task)<-[r:LEADS|PARTICIPATES]-(a:Agency)
RETURN p.id AS policy_id, p.title AS policy, t.id AS task_id, t.title AS task, t.number AS number,
       t.clause AS clause, p.source AS source, a.id AS agency_id, a.name AS agency,
       a.name_en AS agency_en, a.jurisdiction AS jurisdiction, a.kind AS kind, a.level AS level, r.role AS role
ORDER BY policy_id, task_id, agency_id, role
