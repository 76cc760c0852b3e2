// SUCCEEDED_BY edges touching the given agencies, in either direction.
// @param ids  agency ids
MATCH (a:Agency)-[s:SUCCEEDED_BY]->(b:Agency)
WHERE a.id IN $ids OR b.id IN $ids
RETURN a.id AS old_id, a.name AS old, b.id AS new_id, b.name AS new, s.year AS year
ORDER BY year, old, new
