// The task-level lineage of one task: the tasks it takes up (way 'up') and those that take it up
// (way 'down'), through ECHOES edges, strongest first.
// @param task  required: task id
MATCH (t:Task {id: $task})-[e:ECHOES]->(o:Task)<-[:CONTAINS]-(p:Policy)
RETURN 'up' AS way, p.title AS policy, p.id AS policy_id, o.id AS task_id, o.number AS number,
       o.title AS title, e.score AS score, e.strength AS strength
UNION ALL
MATCH (t:Task {id: $task})<-[e:ECHOES]-(o:Task)<-[:CONTAINS]-(p:Policy)
RETURN 'down' AS way, p.title AS policy, p.id AS policy_id, o.id AS task_id, o.number AS number,
       o.title AS title, e.score AS score, e.strength AS strength
