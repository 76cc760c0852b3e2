// The co-work incidences of one jurisdiction's policies, found through its Jurisdiction node, one
// row per task: the task and its policy, and the agencies on it (agency_ids[i] plays roles[i]).
// @param jurisdiction_id  required: jurisdiction node id
MATCH (j:Jurisdiction {id: $jurisdiction_id})<-[:`IN`]-(p:Policy)-[:CONTAINS]->(t:Task)<-[r:LEADS|PARTICIPATES]-(a:Agency)
WITH p, t, collect(a.id) AS agency_ids, collect(r.role) AS roles
RETURN p.id AS policy_id, p.title AS policy, t.id AS task_id, t.title AS task, t.number AS number,
       t.clause AS clause, p.source AS source, agency_ids, roles
ORDER BY policy_id, task_id
