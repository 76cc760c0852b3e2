// One task by id, with its policy, provenance and agencies by role ([role, mode, name, surface]).
// @param task  required: task id
MATCH (p:Policy)-[:CONTAINS]->(t:Task)
WHERE t.id = $task
OPTIONAL MATCH (t)<-[r:LEADS|PARTICIPATES]-(a:Agency)
RETURN t.id AS id, t.number AS number, t.title AS title, t.path AS path, t.text AS text, t.clause AS clause,
       t.source AS source, t.start AS start, t.`end` AS `end`, p.title AS policy, p.id AS policy_id,
       collect(DISTINCT [r.role, r.mode, a.name, r.surface]) AS agencies
