// Per agency: tasks it leads, shares jointly, joins; how many other agencies it works with.
// @param jurisdiction  only agencies of this jurisdiction ('' or null: all)
MATCH (a:Agency)-[r:LEADS|PARTICIPATES]->(t:Task)
WHERE coalesce($jurisdiction, '') = '' OR a.jurisdiction = $jurisdiction
WITH a, count(CASE WHEN r.role = 'lead' THEN 1 END) AS leads,
     count(CASE WHEN r.role = 'joint' THEN 1 END) AS joint,
     count(CASE WHEN r.role IN ['participant', 'implementer'] THEN 1 END) AS participations,
     count(DISTINCT t.id) AS tasks
OPTIONAL MATCH (a)-[:LEADS|PARTICIPATES]->(:Task)<-[:LEADS|PARTICIPATES]-(b:Agency)
WHERE b.id <> a.id
RETURN a.id AS agency_id, a.name AS agency, a.name_en AS agency_en,
       a.jurisdiction AS jurisdiction, leads, joint, participations, tasks,
       count(DISTINCT b.id) AS partners
ORDER BY tasks DESC, leads DESC, agency, agency_id
