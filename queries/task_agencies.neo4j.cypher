// The agencies on the given tasks (by id) with their roles: one round trip for a whole answer.
// @param tasks  required: task ids
UNWIND $tasks AS tid
MATCH (t:Task {id: tid})<-[r:LEADS|PARTICIPATES]-(a:Agency)
RETURN t.id AS task_id, a.id AS agency_id, a.name AS agency, r.role AS role
ORDER BY task_id, agency, role
