// The quantitative targets a task sets.
// @param task  required: task id
MATCH (t:Task)-[:SETS]->(g:Target)
WHERE t.id = $task
RETURN g.indicator AS indicator, g.value AS value, g.comparator AS comparator, g.year AS year, g.text AS text
ORDER BY indicator, value
