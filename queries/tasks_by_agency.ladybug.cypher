// One row per (task, agency, role), with the other agencies on the task.
// @param agency  id, name, English name or short form ('' or null: every agency)
// @param role    lead | joint | participant | implementer | any ('' or null: any)
// @param policy  id, source, title or document number ('' or null: every policy)
MATCH (p:Policy)-[:CONTAINS]->(t:Task)<-[r:LEADS|PARTICIPATES]-(a:Agency)
WHERE (coalesce($agency, '') = '' OR a.id = $agency OR a.name = $agency
       OR a.name_en = $agency OR a.short = $agency)
  AND (coalesce($role, '') IN ['', 'any'] OR r.role = $role)
  AND (coalesce($policy, '') = '' OR p.id = $policy OR p.source = $policy
       OR p.title = $policy OR p.doc_number = $policy)
OPTIONAL MATCH (t)<-[:LEADS|PARTICIPATES]-(o:Agency)
WHERE o.id <> a.id
WITH p, t, r, a, list_sort(collect(DISTINCT o.name)) AS co
RETURN p.source AS source, p.title AS policy, t.number AS number, t.title AS title,
       r.role AS role, r.mode AS mode, a.name AS agency, a.name_en AS agency_en,
       co AS co_agencies, r.raw AS clause, t.id AS task_id, a.id AS agency_id, t.seq AS seq
ORDER BY source, seq, agency, role
