// One indicator's targets across policies and years, found through its Indicator node (asked
// once per indicator: see queries.LIST_PARAMS).
// @param indicator_id  required: indicator node id
// @param limit         required: at most this many rows
// @param until         only targets of this year or earlier (no year: 9999; null: all)
MATCH (i:Indicator {id: $indicator_id})<-[:MEASURES]-(g:Target)
// Filtered before the joins: sorting every target's policy and task was the cost.
WHERE coalesce(g.year, 9999) <= coalesce($until, 9999)
MATCH (g)<-[:SETS]-(t:Task)<-[:CONTAINS]-(p:Policy)
RETURN i.id AS indicator_id, i.name AS indicator, p.jurisdiction AS jurisdiction, p.title AS policy,
       p.id AS policy_id, t.id AS task_id, p.source AS source, t.number AS number, g.text AS text,
       g.value AS value, g.unit AS unit, g.comparator AS comparator, g.year AS year,
       coalesce(g.year, 9999) AS sort_year
ORDER BY sort_year, jurisdiction, source, number
LIMIT $limit
