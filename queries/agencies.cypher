// Agency nodes with the properties lookup needs: every one, or those of some types or names.
// @param types  agency-type keys ([] and no names: every agency)
// @param names  canonical names ([]: none)
MATCH (a:Agency)
WHERE (size($types) = 0 AND size($names) = 0) OR a.type IN $types OR a.name IN $names
RETURN a.id AS id, a.name AS name, a.name_en AS name_en, a.short AS short,
       a.jurisdiction AS jurisdiction, a.level AS level, a.kind AS kind, a.type AS type,
       a.resolved AS resolved
ORDER BY name, id
