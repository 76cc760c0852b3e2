// The targets of the given indicators across policies and years, found through their Indicator
// nodes (the embedded store is asked one indicator at a time: `limit` is per call).
// @param indicator_ids  required: indicator node ids
// @param limit          required: at most this many rows
MATCH (i:Indicator)<-[:MEASURES]-(g:Target)<-[:SETS]-(t:Task)<-[:CONTAINS]-(p:Policy)
WHERE i.id IN $indicator_ids
RETURN i.id AS indicator_id, i.name AS indicator, p.jurisdiction AS jurisdiction, p.title AS policy,
       p.id AS policy_id, t.id AS task_id, p.source AS source, t.number AS number, g.text AS text,
       g.value AS value, g.unit AS unit, g.comparator AS comparator, g.year AS year,
       coalesce(g.year, 9999) AS sort_year
ORDER BY sort_year, jurisdiction, source, number
LIMIT $limit
