// The agencies on one task (by id) with their roles. The embedded store finds a node by id
// through its index only from a single-valued parameter: asked once per task (queries.LIST_PARAMS).
// @param task  required: task id
MATCH (t:Task {id: $task})<-[r:LEADS|PARTICIPATES]-(a:Agency)
RETURN t.id AS task_id, a.id AS agency_id, a.name AS agency, r.role AS role
ORDER BY agency, role
