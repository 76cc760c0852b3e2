// Every policy node: loaded documents and the policies they only reference.
// @param status  final | draft | referenced ('' or null: all)
// @param limit   required: at most this many rows
MATCH (p:Policy)
WHERE coalesce($status, '') = '' OR p.status = $status
// The page first, then its task counts: counting every policy's tasks before the LIMIT made a
// page of 200 cost the whole corpus.
WITH p ORDER BY p.status, p.title, p.id LIMIT $limit
OPTIONAL MATCH (p)-[:CONTAINS]->(t:Task)
RETURN p.id AS id, p.title AS title, p.doc_number AS doc_number, p.status AS status,
       p.jurisdiction AS jurisdiction, p.issued AS issued, p.source AS source, p.level AS level,
       count(t) AS tasks
ORDER BY status, title, id
