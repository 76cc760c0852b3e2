// Every agency node with the properties lookup needs.
MATCH (a:Agency)
RETURN a.id AS id, a.name AS name, a.name_en AS name_en, a.short AS short,
       a.jurisdiction AS jurisdiction, a.level AS level, a.kind AS kind, a.type AS type,
       a.resolved AS resolved
ORDER BY name, id
