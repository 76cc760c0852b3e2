// Policies matching an id, source, document number or part of a title, with their issuers.
// @param policy  required: id, source, document number or a part of the title
MATCH (p:Policy)
WHERE p.id = $policy OR p.source = $policy OR p.doc_number = $policy OR p.title CONTAINS $policy
OPTIONAL MATCH (p)-[:ISSUED_BY]->(a:Agency)
OPTIONAL MATCH (p)-[:CONTAINS]->(t:Task)
RETURN p.id AS id, p.title AS title, p.doc_number AS doc_number, p.status AS status, p.level AS level,
       p.jurisdiction AS jurisdiction, p.issued AS issued, p.source AS source, p.start AS start, p.`end` AS `end`,
       collect(DISTINCT a.name) AS issuers, count(DISTINCT t.id) AS tasks
ORDER BY status, title, id
