// Who plays which role on which task in one jurisdiction's policies: the lean rows behind
// coordination load (agency details are read once per agency, not once per row).
// @param jurisdiction_id  required: jurisdiction node id
MATCH (j:Jurisdiction {id: $jurisdiction_id})<-[:`IN`]-(p:Policy)-[:CONTAINS]->(t:Task)<-[r:LEADS|PARTICIPATES]-(a:Agency)
RETURN p.title AS policy, t.id AS task_id, a.id AS agency_id, r.role AS role
