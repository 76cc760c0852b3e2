// Agency nodes by id (a primary-key lookup each), with the properties lookup needs.
// @param ids  required: agency ids
UNWIND $ids AS agency_id
MATCH (a:Agency {id: agency_id})
RETURN a.id AS id, a.name AS name, a.name_en AS name_en, a.short AS short,
       a.jurisdiction AS jurisdiction, a.level AS level, a.kind AS kind, a.type AS type,
       a.resolved AS resolved
ORDER BY name, id
