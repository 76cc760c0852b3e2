// The quantitative targets a task sets (asked once per task: see task_agencies.ladybug).
// @param task  required: task id
MATCH (t:Task {id: $task})-[:SETS]->(g:Target)
RETURN t.id AS task_id, g.indicator AS indicator, g.value AS value, g.comparator AS comparator, g.year AS year, g.text AS text
ORDER BY indicator, value
