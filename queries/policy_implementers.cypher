// The loaded policies that implement the given ones (by id): their children, or their sisters'
// parents' children (`load --align`).
// @param policies  required: policy ids
UNWIND $policies AS policy_id
MATCH (p:Policy {id: policy_id})<-[:IMPLEMENTS]-(down:Policy)
WHERE down.source IS NOT NULL
RETURN p.id AS policy_id, down.id AS id, down.issued AS issued
ORDER BY policy_id, id
