// The targets of the given indicators across policies and years, found through their Indicator
// nodes: every indicator in one round trip, at most `limit` rows each, in the order given.
// @param indicator_ids  required: indicator node ids
// @param limit          required: at most this many rows per indicator
// @param until          only targets of this year or earlier (no year: 9999; null: all)
UNWIND range(0, size($indicator_ids) - 1) AS k
MATCH (i:Indicator {id: $indicator_ids[k]})
CALL {
  WITH i
  MATCH (i)<-[:MEASURES]-(g:Target)
  WHERE coalesce(g.year, 9999) <= coalesce($until, 9999)
  MATCH (g)<-[:SETS]-(t:Task)<-[:CONTAINS]-(p:Policy)
  RETURN p.jurisdiction AS jurisdiction, p.title AS policy, p.id AS policy_id, t.id AS task_id,
         p.source AS source, t.number AS number, g.text AS text, g.value AS value, g.unit AS unit,
         g.comparator AS comparator, g.year AS year, coalesce(g.year, 9999) AS sort_year
  ORDER BY sort_year, jurisdiction, source, number
  LIMIT $limit
}
RETURN i.id AS indicator_id, i.name AS indicator, jurisdiction, policy, policy_id, task_id, source, number,
       text, value, unit, comparator, year, sort_year
ORDER BY k, sort_year, jurisdiction, source, number
