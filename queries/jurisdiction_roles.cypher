// Who plays which role on which task in one jurisdiction's policies, one row per task: the lean
// rows behind coordination load (agency_ids[i] plays roles[i]; agency details are read once per
// agency, not once per incidence; a row per task, not per incidence, is 6x fewer rows to fetch).
// @param jurisdiction_id  required: jurisdiction node id
MATCH (j:Jurisdiction {id: $jurisdiction_id})<-[:`IN`]-(p:Policy)-[:CONTAINS]->(t:Task)<-[r:LEADS|PARTICIPATES]-(a:Agency)
WITH p, t, collect(a.id) AS agency_ids, collect(r.role) AS roles
RETURN p.title AS policy, t.id AS task_id, agency_ids, roles
