// The agencies that share tasks with one agency, most shared first.
// @param agency  required: id, name, English name or short form
MATCH (a:Agency)-[:LEADS|PARTICIPATES]->(t:Task)<-[r:LEADS|PARTICIPATES]-(b:Agency)
WHERE (a.id = $agency OR a.name = $agency OR a.name_en = $agency OR a.short = $agency)
  AND b.id <> a.id
RETURN a.name AS agency, b.name AS partner, b.name_en AS partner_en, b.id AS partner_id,
       count(DISTINCT t.id) AS shared_tasks,
       count(DISTINCT CASE WHEN r.role = 'lead' THEN t.id END) AS partner_leads
ORDER BY shared_tasks DESC, agency, partner, partner_id
