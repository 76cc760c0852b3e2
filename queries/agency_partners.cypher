// Who shares tasks with one agency (by id): one row per shared task and partner, with both roles.
// @param agency  required: agency id
MATCH (a:Agency {id: $agency})-[r1:LEADS|PARTICIPATES]->(t:Task)<-[r2:LEADS|PARTICIPATES]-(b:Agency)
WHERE b.id <> a.id
MATCH (p:Policy)-[:CONTAINS]->(t)
RETURN t.id AS task_id, p.id AS policy_id, p.jurisdiction AS policy_jurisdiction, r1.role AS own_role,
       b.id AS partner_id, b.name AS partner, b.name_en AS partner_en, b.jurisdiction AS jurisdiction,
       r2.role AS partner_role
ORDER BY partner, task_id
