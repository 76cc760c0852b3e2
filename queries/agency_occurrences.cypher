// Agencies with how many tasks they appear on, the forms written and the documents.
// @param jurisdiction  only agencies of this jurisdiction ('' or null: all)
// @param unresolved    true: only agencies the registry could not place
MATCH (a:Agency)
WHERE (coalesce($jurisdiction, '') = '' OR a.jurisdiction = $jurisdiction)
  AND (coalesce($unresolved, false) = false OR a.resolved = false)
OPTIONAL MATCH (a)-[r:LEADS|PARTICIPATES]->(t:Task)
RETURN a.id AS id, a.name AS name, a.name_en AS name_en, a.jurisdiction AS jurisdiction,
       a.level AS level, a.kind AS kind, a.resolved AS resolved,
       count(DISTINCT t.id) AS tasks, collect(r.surface) AS forms, collect(r.source) AS sources
ORDER BY tasks DESC, name
