// The agencies on one task (by id) with their roles.
// @param task  required: task id
MATCH (t:Task {id: $task})<-[r:LEADS|PARTICIPATES]-(a:Agency)
RETURN a.id AS agency_id, a.name AS agency, r.role AS role
ORDER BY agency, role
