// Quantitative targets, grouped by indicator so policies can be compared.
// @param indicator  indicator name or id ('' or null: every indicator)
MATCH (p:Policy)-[:CONTAINS]->(t:Task)-[:SETS]->(g:Target)-[:MEASURES]->(i:Indicator)
WHERE coalesce($indicator, '') = '' OR i.name = $indicator OR i.id = $indicator
RETURN i.name AS indicator, p.jurisdiction AS jurisdiction, p.title AS policy,
       p.source AS source, t.number AS number, g.text AS text, g.value AS value,
       g.unit AS unit, g.comparator AS comparator, g.year AS year,
       coalesce(g.year, 9999) AS sort_year
ORDER BY indicator, sort_year, source, number
