// The quantitative targets the given tasks set (one round trip for a whole view).
// @param tasks  required: task ids
UNWIND $tasks AS tid
MATCH (t:Task {id: tid})-[:SETS]->(g:Target)
RETURN t.id AS task_id, g.indicator AS indicator, g.value AS value, g.comparator AS comparator, g.year AS year,
       g.text AS text
ORDER BY task_id, indicator, value
