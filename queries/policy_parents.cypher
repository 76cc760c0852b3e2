// What the given policies implement (by id), loaded or only referenced: a loaded one is a
// parent to align with; through any of them, the policies implementing the same one are sisters.
// @param policies  required: policy ids
UNWIND $policies AS policy_id
MATCH (p:Policy {id: policy_id})-[:IMPLEMENTS]->(up:Policy)
RETURN p.id AS policy_id, up.id AS id, up.issued AS issued, up.source IS NOT NULL AS loaded
ORDER BY policy_id, id
